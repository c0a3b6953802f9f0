// Uploads (issue 5): real GraphQL multipart requests over HTTP against a real server and PostgreSQL, files on
// the server's own local storage. Limits at the edge and one over, sniffed types and sanitised names; what an upload
// records and that nothing is ever half-stored are in uploads-records.test.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { relayOutbox } from '../../server/src/jobs/outbox-relay.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { code, documentRows, expectedFiles, rule, storedFiles, upload } from '../helpers/upload-storage.js';
import { MiB, file, html, jpeg, pdf, png, svg, video, webp } from '../helpers/uploads.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let server: TestServer;
let customer: ApiClient;
let caseId: string;

describe('uploads', () => {
  beforeEach(async () => {
    server = await startTestServer();
    customer = await server.as('customer.one');
    caseId = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
  });
  afterEach(() => server.close());

  describe('limits of customer evidence (SPEC §4)', () => {
    it('an image of exactly 5 MB is stored byte for byte; 5 MB + 1 byte is refused and leaves nothing', async () => {
      const exact = await png(5 * MiB, 1);
      const ok = await upload(customer, caseId, 'EVIDENCE', [file('exact.png', 'image/png', exact)]);
      expect(ok.errors).toBeUndefined();
      const [doc] = ok.data.uploadCaseDocuments;
      // The picture is decoded by its thumbnail job after the commit (tests/jobs/thumbnails.test.ts), not in the request.
      expect(doc).toMatchObject({ contentType: 'image/png', sizeBytes: 5 * MiB, sha256: sha256(exact), mediaType: 'IMAGE', width: null, height: null });
      const worker = await startTestWorker(server);
      try {
        await worker.drain();
      } finally {
        await worker.stop();
      }
      const rows = await documentRows(server, caseId);
      expect(sha256(readFileSync(join(server.dataDir, 'files', rows[0].storage_key)))).toBe(sha256(exact));
      expect(rows[0].thumbnail_key).toBe(`${rows[0].storage_key}.thumb.webp`);
      const [{ width, height }] = await server.orm.em.getConnection().execute<any[]>('select width, height from evidence_documents where id = ?', [doc.id]);
      expect({ width, height }).toEqual({ width: 64, height: 48 });

      const over = await upload(customer, caseId, 'EVIDENCE', [file('over.png', 'image/png', await png(5 * MiB + 1, 2))]);
      expect(code(over)).toBe('PAYLOAD_TOO_LARGE');
      expect(over.errors![0].message).toMatch(/5 MB/);
      expect(await documentRows(server, caseId)).toHaveLength(1);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });

    it('a video of exactly 50 MB is stored; 50 MB + 1 byte is refused and leaves nothing', async () => {
      const exact = video({ size: 50 * MiB });
      const ok = await upload(customer, caseId, 'EVIDENCE', [file('clip.mp4', 'video/mp4', exact)]);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.uploadCaseDocuments[0]).toMatchObject({ contentType: 'video/mp4', sizeBytes: 50 * MiB, sha256: sha256(exact), mediaType: 'VIDEO', durationMs: 12_345 });
      const rows = await documentRows(server, caseId);

      // A second video would be over the count limit anyway: use a case of its own for the size edge.
      const other = (await demoCase(server.orm, 'approved', 'customer.one')).id;
      const over = await upload(customer, other, 'EVIDENCE', [file('long.mov', 'video/quicktime', video({ size: 50 * MiB + 1, brand: 'qt  ' }))]);
      expect(code(over)).toBe('PAYLOAD_TOO_LARGE');
      expect(over.errors![0].message).toMatch(/50 MB/);
      expect(await documentRows(server, other)).toHaveLength(0);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });

    it('five images fit, the sixth is refused; one video fits, the second is refused', async () => {
      const five = await Promise.all([1, 2, 3, 4, 5].map(async (n) => file(`p${n}.png`, 'image/png', await png(undefined, n))));
      expect((await upload(customer, caseId, 'EVIDENCE', five)).errors).toBeUndefined();

      const sixth = await upload(customer, caseId, 'EVIDENCE', [file('six.jpg', 'image/jpeg', await jpeg())]);
      expect(code(sixth)).toBe('BAD_USER_INPUT');
      expect(rule(sixth)).toBe('EVIDENCE_IMAGE_LIMIT');
      expect(sixth.errors![0].message).toBe('A case can hold at most 5 evidence images.');

      expect((await upload(customer, caseId, 'EVIDENCE', [file('v.mov', 'video/quicktime', video({ brand: 'qt  ' }))])).errors).toBeUndefined();
      const secondVideo = await upload(customer, caseId, 'EVIDENCE', [file('v2.mp4', 'video/mp4', video())]);
      expect(code(secondVideo)).toBe('BAD_USER_INPUT');
      expect(rule(secondVideo)).toBe('EVIDENCE_LIMIT');

      const rows = await documentRows(server, caseId);
      expect(rows.map((r) => r.content_type)).toEqual([...Array(5).fill('image/png'), 'video/quicktime']);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });

    it('a second video on a case with room for images is refused once its bytes show it is a video', async () => {
      expect((await upload(customer, caseId, 'EVIDENCE', [file('v.mp4', 'video/mp4', video())])).errors).toBeUndefined();
      // Named and typed as an image: the content decides.
      const second = await upload(customer, caseId, 'EVIDENCE', [file('holiday.jpg', 'image/jpeg', video())]);
      expect(rule(second)).toBe('EVIDENCE_VIDEO_LIMIT');
      expect(second.errors![0].message).toBe('A case can hold at most 1 evidence video.');
      expect(await documentRows(server, caseId)).toHaveLength(1);
    });

    it('six images in one request are refused whole (at the sixth, whatever its name says): none of the first five is kept', async () => {
      // Six files fit the count (5 images + 1 video), so the bytes decide: the sixth is an image too.
      const six = await Promise.all([1, 2, 3, 4, 5].map(async (n) => file(`p${n}.png`, 'image/png', await png(undefined, n))));
      six.push(file('not-a-video.mp4', 'video/mp4', await webp()));
      const result = await upload(customer, caseId, 'EVIDENCE', six);
      expect(code(result)).toBe('BAD_USER_INPUT');
      expect(rule(result)).toBe('EVIDENCE_IMAGE_LIMIT');
      expect(await documentRows(server, caseId)).toHaveLength(0);
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });

    it('more files than a case has room for are refused before any is read', async () => {
      const seven = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(async (n) => file(`p${n}.png`, 'image/png', await png(undefined, n))));
      const result = await upload(customer, caseId, 'EVIDENCE', seven);
      expect(code(result)).toBe('BAD_USER_INPUT');
      expect(rule(result)).toBe('EVIDENCE_LIMIT');
      expect(result.errors![0].message).toBe('This case has room for 6 more evidence files (at most 5 images and 1 video).');
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });
  });

  describe('types come from the bytes', () => {
    it('refuses an HTML file named .png and typed image/png, and SVG under any name (UNSUPPORTED_MEDIA_TYPE)', async () => {
      for (const bad of [file('photo.png', 'image/png', html()), file('drawing.svg', 'image/svg+xml', svg()), file('drawing.png', 'image/png', svg())]) {
        const result = await upload(customer, caseId, 'EVIDENCE', [bad]);
        expect(code(result), bad.name).toBe('UNSUPPORTED_MEDIA_TYPE');
        // Not an image, whatever the name and content type said (SVG with an XML declaration sniffs as XML).
        expect(['unknown', 'application/xml'], bad.name).toContain(result.errors![0].extensions!.detected);
      }
      expect(await documentRows(server, caseId)).toHaveLength(0);
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });

    it('refuses a PDF as evidence and a video as a response document', async () => {
      const asEvidence = await upload(customer, caseId, 'EVIDENCE', [file('receipt.pdf', 'application/pdf', pdf())]);
      expect(code(asEvidence)).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(asEvidence.errors![0].extensions!.detected).toBe('application/pdf');
      const ops = await server.as('ops.demo');
      const asResponse = await upload(ops, caseId, 'RESPONSE', [file('clip.mp4', 'video/mp4', video())]);
      expect(code(asResponse)).toBe('UNSUPPORTED_MEDIA_TYPE');
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });

    it('stores a file with a PNG signature whose pixels are not readable, and leaves the decoding to its thumbnail job', async () => {
      // The request no longer decodes images (issue 9: memory per concurrent upload); the job marks this one as
      // unreadable and its preview is the placeholder (tests/jobs/thumbnails.test.ts).
      const fake = Buffer.concat([(await png()).subarray(0, 33), Buffer.alloc(5000, 0x41)]);
      const result = await upload(customer, caseId, 'EVIDENCE', [file('broken.png', 'image/png', fake)]);
      expect(result.errors).toBeUndefined();
      expect(result.data.uploadCaseDocuments[0]).toMatchObject({ contentType: 'image/png', mediaType: 'IMAGE', width: null });
      const rows = await documentRows(server, caseId);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
      // Queued as an outbox message with the rows; the relay makes it a job.
      await relayOutbox(() => server.orm.em.fork(), () => server.clock.now());
      const [job] = await server.orm.em.getConnection().execute<any[]>('select key from graphile_worker.jobs where task_identifier = ?', [TaskName.MAKE_DOCUMENT_THUMBNAIL]);
      expect(job.key).toBe(`thumbnail:${rows[0].id}`);
    });

    it('refuses an empty file', async () => {
      const result = await upload(customer, caseId, 'EVIDENCE', [file('empty.png', 'image/png', new Uint8Array())]);
      expect(code(result)).toBe('BAD_USER_INPUT');
      expect(rule(result)).toBe('EMPTY_FILE');
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });

    it('stores the sniffed type whatever the client claims, and sanitises the name (path, control and bidi characters, extension, length)', async () => {
      const jpg = await jpeg();
      const result = await upload(customer, caseId, 'EVIDENCE', [
        file('../../etc/passwd\u202Egnp.jpg', 'text/plain', jpg),
        file('C:\\Users\\me\\  Scan   of box.png', 'application/octet-stream', jpg),
        file(`${'ü'.repeat(300)}.webp`, 'image/webp', await webp()),
        file('.hidden', 'image/png', await png()),
      ]);
      expect(result.errors).toBeUndefined();
      const docs = result.data.uploadCaseDocuments;
      expect(docs.map((d: any) => d.contentType)).toEqual(['image/jpeg', 'image/jpeg', 'image/webp', 'image/png']);
      expect(docs[0].fileName).toBe('passwdgnp.jpg');
      expect(docs[1].fileName).toBe('Scan of box.png.jpg');
      expect(docs[2].fileName).toHaveLength(120);
      expect(docs[2].fileName.endsWith('.webp')).toBe(true);
      expect(docs[3].fileName).toBe('hidden.png');
      // Storage keys are random, never the name.
      for (const row of await documentRows(server, caseId)) expect(row.storage_key).toMatch(/^documents\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    });

    it('accepts MP4 and MOV and reads the duration from the mvhd box', async () => {
      const result = await upload(customer, caseId, 'EVIDENCE', [file('clip', 'application/octet-stream', video({ brand: 'qt  ', durationMs: 4_321 }))]);
      expect(result.data.uploadCaseDocuments[0]).toMatchObject({ contentType: 'video/quicktime', fileName: 'clip.mov', durationMs: 4_321, width: null });
    });
  });
});
