// Uploads (issue 5): real GraphQL multipart requests over HTTP against a real server and PostgreSQL, files on
// the server's own local storage. Limits at the edge and one over, sniffed types, sanitised names, the audit
// record and rescore request, and that nothing is ever half-stored (refusals, interruptions, races).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RescoreHook } from '../../server/src/modules/risk/rescore-hook.js';
import { countRows, demoCase, freshDeliveredOrders } from '../helpers/fixtures.js';
import { rawUpload } from '../helpers/raw-multipart.js';
import { type ApiClient, type GraphQLResponse, type TestServer, startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { MiB, UPLOAD_MUTATION, type UploadFile, file, html, jpeg, multipartForm, pdf, png, svg, video, webp } from '../helpers/uploads.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The uploaded files on disk, tmp/ included (return labels, issued on approval, live beside them under labels/, and
 * the demo data's own photos under documents/demo/: neither are uploads).
 */
function storedFiles(server: TestServer): string[] {
  const root = join(server.dataDir, 'files');
  const walk = (dir: string): string[] => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    return entries.flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name).slice(root.length + 1)]));
  };
  return walk(root).filter((path) => !path.startsWith('labels/') && !path.startsWith('documents/demo/')).sort();
}

async function documentRows(server: TestServer, caseId: string): Promise<Array<{ id: string; storage_key: string; thumbnail_key: string | null; content_type: string; file_name: string }>> {
  return server.orm.em.getConnection().execute(`select id, storage_key, thumbnail_key, content_type, file_name from evidence_documents
    where return_case_id = ? and storage_key not like 'documents/demo/%' order by created_at`, [caseId]);
}

/** What must be on disk for these rows: each file and each thumbnail, nothing else (no tmp/, no partials). */
const expectedFiles = (rows: Array<{ storage_key: string; thumbnail_key: string | null }>) =>
  rows.flatMap((r) => [r.storage_key, ...(r.thumbnail_key ? [r.thumbnail_key] : [])]).sort();

async function upload(client: ApiClient, caseId: string, kind: string, files: UploadFile[]): Promise<GraphQLResponse<any>> {
  const res = await client.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind }, files));
  return (await res.json()) as GraphQLResponse<any>;
}

const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.code;
const rule = (r: GraphQLResponse) => r.errors?.[0]?.extensions?.rule;

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

  describe('what an upload records', () => {
    it('writes one document_uploaded audit event and the case.changed + case.rescore outbox rows, and lists the files on the case', async () => {
      const events = await countRows(server.orm, 'case_events', caseId);
      const outbox = await countRows(server.orm, 'outbox_messages', caseId);
      const result = await upload(customer, caseId, 'EVIDENCE', [file('a.png', 'image/png', await png()), file('b.mp4', 'video/mp4', video())]);
      const ids = result.data.uploadCaseDocuments.map((d: any) => d.id);
      expect(await countRows(server.orm, 'case_events', caseId)).toBe(events + 1);
      expect(await countRows(server.orm, 'outbox_messages', caseId)).toBe(outbox + 2);
      const [event] = await server.orm.em.getConnection().execute<any[]>(
        "select type, actor_label, payload from case_events where return_case_id = ? and type = 'document_uploaded'",
        [caseId],
      );
      expect(event.actor_label).toBe('customer.one');
      expect(event.payload.kind).toBe('evidence');
      expect(event.payload.documents.map((d: any) => d.id)).toEqual(ids);
      const topics = await server.orm.em.getConnection().execute<any[]>('select topic, payload from outbox_messages where case_id = ? order by created_at desc, topic limit 2', [caseId]);
      expect(topics.map((t) => t.topic).sort()).toEqual(['case.changed', 'case.rescore']);
      expect(topics.find((t) => t.topic === 'case.rescore').payload).toEqual({ reason: 'document_uploaded' });

      const listed = await customer.ok('query Q($id: ID!) { returnCase(id: $id) { documents { id kind fileName } timeline { type } } }', { id: caseId });
      expect(listed.returnCase.documents.map((d: any) => d.id)).toEqual(ids);
      expect(listed.returnCase.timeline.map((e: any) => e.type)).toContain('document_uploaded');
    });

    it('asks the rescore hook, and a hook that throws, rejects or never answers cannot fail or hold up the upload', async () => {
      await server.close();
      const calls: string[] = [];
      let behaviour: () => void | Promise<void> = () => undefined;
      const hook: RescoreHook = {
        requestRescore(id, reason) {
          calls.push(`${id}:${reason}`);
          return behaviour();
        },
      };
      server = await startTestServer({ deps: { rescoreHook: hook } });
      customer = await server.as('customer.one');
      const behaviours: Array<[string, () => void | Promise<void>]> = [
        ['throws', () => {
          throw new Error('scorer down');
        }],
        ['rejects', () => Promise.reject(new Error('scorer timeout'))],
        ['hangs', () => new Promise<void>(() => undefined)],
      ];
      for (const [n, [name, b]] of behaviours.entries()) {
        behaviour = b;
        const started = Date.now();
        const result = await upload(customer, caseId, 'EVIDENCE', [file(`${name}.png`, 'image/png', await png(undefined, n + 1))]);
        expect(result.errors, name).toBeUndefined();
        expect(Date.now() - started, name).toBeLessThan(5_000);
        expect(calls, name).toHaveLength(n + 1);
        expect(calls[n]).toBe(`${caseId}:document_uploaded`);
      }
      expect(await documentRows(server, caseId)).toHaveLength(3);
      // The durable request is the outbox row, written whatever the hook does.
      const [{ n }] = await server.orm.em.getConnection().execute<any[]>("select count(*)::int as n from outbox_messages where case_id = ? and topic = 'case.rescore' and payload->>'reason' = 'document_uploaded'", [caseId]);
      expect(n).toBe(3);
    });
  });

  describe('nothing half-stored', () => {
    it('an upload interrupted mid-stream leaves no row and no file (neither in storage nor in the parser\'s temp folder)', async () => {
      const events = await countRows(server.orm, 'case_events', caseId);
      const head = await png();
      let sawTemporaryFile = false;
      const result = await rawUpload({
        url: `${server.url}/graphql`,
        headers: { 'apollo-require-preflight': 'true', cookie: customer.sessionCookie! },
        query: UPLOAD_MUTATION,
        variables: { caseId, kind: 'EVIDENCE' },
        file: { name: 'big.png', type: 'image/png', head, size: 4 * MiB },
        pace: async (sent) => {
          if (sent < 2 * MiB) return 'continue';
          // Mid-stream: wait until the server is writing the file to storage, then cut the connection.
          for (let i = 0; i < 100 && !sawTemporaryFile; i++) {
            sawTemporaryFile = storedFiles(server).some((f) => f.startsWith('tmp/'));
            if (!sawTemporaryFile) await new Promise((r) => setTimeout(r, 20));
          }
          return 'abort';
        },
      });
      expect(result).toBe('aborted');
      expect(sawTemporaryFile).toBe(true);
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
      expect(await documentRows(server, caseId)).toHaveLength(0);
      expect(await countRows(server.orm, 'case_events', caseId)).toBe(events);
    });

    it('concurrent uploads of 4 + 4 images to one case: one is stored whole, the other refused whole (never more than 5)', async () => {
      const batch = (offset: number) => Promise.all([1, 2, 3, 4].map(async (n) => file(`p${n + offset}.png`, 'image/png', await png(256 * 1024, n + offset))));
      const [a, b] = await Promise.all([batch(0), batch(10)]);
      const results = await Promise.all([upload(customer, caseId, 'EVIDENCE', a), upload(customer, caseId, 'EVIDENCE', b)]);
      const succeeded = results.filter((r) => !r.errors);
      const refused = results.filter((r) => r.errors);
      expect(succeeded).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(code(refused[0])).toBe('BAD_USER_INPUT');
      expect(['EVIDENCE_IMAGE_LIMIT', 'EVIDENCE_LIMIT']).toContain(rule(refused[0]));
      const rows = await documentRows(server, caseId);
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => r.id).sort()).toEqual(succeeded[0].data.uploadCaseDocuments.map((d: any) => d.id).sort());
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });

    it('six racing requests of two images each: whole requests only, never more than 5 images', async () => {
      const requests = await Promise.all(
        [0, 1, 2, 3, 4, 5].map(async (r) => [file(`a${r}.png`, 'image/png', await png(64 * 1024, r * 2 + 1)), file(`b${r}.png`, 'image/png', await png(64 * 1024, r * 2 + 2))]),
      );
      const results = await Promise.all(requests.map((files) => upload(customer, caseId, 'EVIDENCE', files)));
      const succeeded = results.filter((r) => !r.errors).length;
      for (const refused of results.filter((r) => r.errors)) expect(code(refused)).toBe('BAD_USER_INPUT');
      const rows = await documentRows(server, caseId);
      expect(rows.length).toBeLessThanOrEqual(5);
      expect(rows).toHaveLength(succeeded * 2);
      expect(succeeded).toBe(2);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });
  });

  describe('evidence on createReturnCase', () => {
    const CREATE = `mutation Create($input: CreateReturnCaseInput!, $evidence: [Upload!]) {
      createReturnCase(input: $input, evidence: $evidence) { id documents { kind fileName contentType } }
    }`;

    it('creates the case with its evidence in one go', async () => {
      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED', description: 'Cracked' };
      const res = await customer.multipart(multipartForm(CREATE, { input }, [file('crack.jpg', 'image/jpeg', await jpeg()), file('crack.mp4', 'video/mp4', video())], 'evidence'));
      const result = (await res.json()) as GraphQLResponse<any>;
      expect(result.errors).toBeUndefined();
      expect(result.data.createReturnCase.documents).toEqual([
        { kind: 'EVIDENCE', fileName: 'crack.jpg', contentType: 'image/jpeg' },
        { kind: 'EVIDENCE', fileName: 'crack.mp4', contentType: 'video/mp4' },
      ]);
      const rows = await documentRows(server, result.data.createReturnCase.id);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
      const [{ types }] = await server.orm.em.getConnection().execute<any[]>('select array_agg(type order by created_at) as types from case_events where return_case_id = ?', [result.data.createReturnCase.id]);
      expect(types.filter((t: string) => t !== 'risk_scored')).toEqual(['case_created', 'document_uploaded']);
      // The image's thumbnail job was enqueued in the transaction that created the case (none for the video).
      const jobs = await server.orm.em.getConnection().execute<any[]>('select key from graphile_worker.jobs where task_identifier = ?', [TaskName.MAKE_DOCUMENT_THUMBNAIL]);
      const image = rows.find((r) => r.content_type === 'image/jpeg')!;
      expect(jobs.map((j) => j.key)).toEqual([`thumbnail:${image.id}`]);
    });

    it('a refused file leaves no case; an ineligible order leaves no files', async () => {
      const cases = await countRows(server.orm, 'return_cases');
      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED' };
      const badFile = (await (await customer.multipart(multipartForm(CREATE, { input }, [file('ok.png', 'image/png', await png()), file('x.png', 'image/png', html())], 'evidence'))).json()) as GraphQLResponse;
      expect(code(badFile)).toBe('UNSUPPORTED_MEDIA_TYPE');

      const finalSale = order.items.find((i) => i.finalSale)!;
      const ineligible = (await (
        await customer.multipart(multipartForm(CREATE, { input: { ...input, items: [{ orderItemId: finalSale.id, quantity: 1 }] } }, [file('ok.png', 'image/png', await png())], 'evidence'))
      ).json()) as GraphQLResponse;
      expect(code(ineligible)).toBe('NOT_ELIGIBLE');
      expect(await countRows(server.orm, 'return_cases')).toBe(cases);
      // Clean-up of a refused request's temporary files may finish just after the answer.
      await expect.poll(() => storedFiles(server), { timeout: 5_000 }).toEqual([]);
    });

    it('two requests racing for the same items: one case with its files, the loser leaves no file even after its files were committed to storage', async () => {
      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'WRONG_ITEM' };
      const forms = await Promise.all([1, 2].map(async (n) => multipartForm(CREATE, { input }, [file(`e${n}.png`, 'image/png', await png(128 * 1024, n))], 'evidence')));
      const results = (await Promise.all(forms.map(async (form) => (await customer.multipart(form)).json()))) as Array<GraphQLResponse<any>>;
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(['CONFLICT', 'NOT_ELIGIBLE']).toContain(code(results.find((r) => r.errors)!));
      const rows = await documentRows(server, winners[0].data.createReturnCase.id);
      expect(rows).toHaveLength(1);
      expect(storedFiles(server)).toEqual(expectedFiles(rows));
    });
  });
});
