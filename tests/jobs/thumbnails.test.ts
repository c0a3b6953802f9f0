// Image thumbnails as background work (issue 9): the upload request stores the file and enqueues the
// make_document_thumbnail job in the transaction of the document row; the real worker's task then decodes the image.
// Until then the preview route serves the original image; afterwards the small WEBP. The job is safe to repeat, skips
// a deleted document, and marks an undecodable image once (placeholder preview) instead of retrying it.
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { THUMBNAIL_JOB_ATTEMPTS, thumbnailJobKey, thumbnailKeyOf } from '../../server/src/modules/documents/thumbnails.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { demoCase } from '../helpers/fixtures.js';
import { useJobHarness } from '../helpers/job-harness.js';
import { subscribe, waitForSubscribers, wsClient } from '../helpers/ws-client.js';
import { query } from '../helpers/money.js';
import type { ApiClient, TestServer } from '../helpers/test-server.js';
import { UPLOAD_MUTATION, type UploadFile, file, jpeg, multipartForm, png, video } from '../helpers/uploads.js';

const DOCUMENTS = 'query Q($id: ID!) { returnCase(id: $id) { documents { id fileName width height thumbnailUrl } } }';

interface Row {
  id: string;
  storage_key: string;
  thumbnail_key: string | null;
  thumbnail_error: string | null;
  width: number | null;
  height: number | null;
}

async function upload(client: ApiClient, caseId: string, files: UploadFile[]): Promise<any> {
  return (await client.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind: 'EVIDENCE' }, files))).json();
}

const rowOf = async (server: TestServer, id: string): Promise<Row | undefined> =>
  (await query<Row>(server.orm, 'select id, storage_key, thumbnail_key, thumbnail_error, width, height from evidence_documents where id = ?', [id]))[0];

/** Uploaded files on disk (not the demo data's photos, not labels). */
function uploadedFiles(server: TestServer): string[] {
  const root = join(server.dataDir, 'files');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .filter((path) => !path.startsWith('labels/') && !path.startsWith('documents/demo/'))
    .sort();
}

const fetchPreview = async (server: TestServer, url: string) => {
  const res = await fetch(`${server.url}${url}`);
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), body: Buffer.from(await res.arrayBuffer()) };
};

describe('thumbnails made by the worker', () => {
  const h = useJobHarness('ops.demo');
  const caseOf = async () => (await demoCase(h.server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;

  it('an upload enqueues one job per image with its rows; until it runs the preview is the original image, then the small WEBP with width and height', async () => {
    const customer = await h.server.as('customer.one');
    const caseId = await caseOf();
    const picture = await png(200_000, 4);
    const result = await upload(customer, caseId, [file('box.png', 'image/png', picture), file('label.jpg', 'image/jpeg', await jpeg()), file('clip.mp4', 'video/mp4', video())]);
    expect(result.errors).toBeUndefined();
    const [image, photo, clip] = result.data.uploadCaseDocuments;
    // No decoding in the request: the size of a picture is known once its job has run.
    expect(image).toMatchObject({ mediaType: 'IMAGE', width: null, height: null });

    await h.worker.relay(); // the jobs were queued as outbox messages with the rows
    const jobs = await h.worker.jobs(TaskName.MAKE_DOCUMENT_THUMBNAIL);
    expect(jobs.map((j) => j.key).sort()).toEqual([thumbnailJobKey(image.id), thumbnailJobKey(photo.id)].sort());
    expect(jobs.every((j) => j.max_attempts === THUMBNAIL_JOB_ATTEMPTS)).toBe(true);
    expect(jobs.map((j) => j.payload?.documentId)).not.toContain(clip.id);

    // Pending: the route answers with the image itself (never 404 or 500), not cached, so the next load gets the WEBP.
    const pending = await fetchPreview(h.server, image.thumbnailUrl);
    expect(pending).toMatchObject({ status: 200, type: 'image/png', cache: 'no-store' });
    expect(pending.body.equals(picture)).toBe(true);

    await h.worker.drain();
    expect(await h.worker.jobs(TaskName.MAKE_DOCUMENT_THUMBNAIL)).toEqual([]);
    const row = (await rowOf(h.server, image.id))!;
    expect(row).toMatchObject({ thumbnail_key: thumbnailKeyOf(row.storage_key), thumbnail_error: null, width: 64, height: 48 });
    expect((await rowOf(h.server, photo.id))!).toMatchObject({ width: 80, height: 60 });
    expect((await rowOf(h.server, clip.id))!.thumbnail_key).toBeNull();

    const listed = (await customer.ok(DOCUMENTS, { id: caseId })).returnCase.documents;
    const ready = await fetchPreview(h.server, listed.find((d: any) => d.id === image.id).thumbnailUrl);
    expect(ready).toMatchObject({ status: 200, type: 'image/webp', cache: 'private, max-age=300' });
    const meta = await sharp(ready.body).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    expect(listed.find((d: any) => d.id === image.id)).toMatchObject({ width: 64, height: 48 });
  });

  it("tells the case's live subscribers when the thumbnail is ready, so an open case page shows it without a reload; the queue's are not told", async () => {
    const customer = await h.server.as('customer.one');
    const caseId = await caseOf();
    const live = wsClient(h.server.url, { cookie: customer.sessionCookie });
    const staff = wsClient(h.server.url, { cookie: h.user.sessionCookie });
    try {
      const updates = subscribe(live, 'subscription S($id: ID!) { caseUpdated(id: $id) { id documents { id width height } } }', { id: caseId });
      const queue = subscribe(staff, 'subscription { queueChanged { caseId eventType } }');
      await waitForSubscribers(h.server.http.caseFeed, 2);
      const [image] = (await upload(customer, caseId, [file('box.png', 'image/png', await png(undefined, 6))])).data.uploadCaseDocuments;
      // The upload itself (its audit event): the picture's size is not known yet.
      expect((await updates.next()).data!.caseUpdated.documents.find((d: any) => d.id === image.id)).toMatchObject({ width: null, height: null });
      expect((await queue.next()).data!.queueChanged.eventType).toBe('document_uploaded');

      await h.worker.drain();
      expect((await updates.next()).data!.caseUpdated.documents.find((d: any) => d.id === image.id)).toMatchObject({ width: 64, height: 48 });
      // The next queue event is the next case change, not the thumbnail.
      await h.user.ok('mutation P($id: ID!) { setCasePriority(id: $id, priority: HIGH) { id } }', { id: caseId });
      expect((await queue.next()).data!.queueChanged).toMatchObject({ caseId, eventType: 'priority_changed' });
    } finally {
      await live.dispose();
      await staff.dispose();
    }
  });

  it('is safe to repeat: a second run sees it done, a lost thumbnail is made again under the same key, nothing else is written', async () => {
    const customer = await h.server.as('customer.one');
    const [image] = (await upload(customer, await caseOf(), [file('box.png', 'image/png', await png(undefined, 5))])).data.uploadCaseDocuments;
    await h.worker.drain();
    const made = (await rowOf(h.server, image.id))!;
    const files = uploadedFiles(h.server);
    expect(files).toEqual([made.storage_key, made.thumbnail_key].sort());
    const thumbnailPath = join(h.server.dataDir, 'files', made.thumbnail_key!);
    const first = readFileSync(thumbnailPath);

    // The same job again (a redelivery after a crash, at least once): done already, nothing changes.
    await h.worker.addJob(TaskName.MAKE_DOCUMENT_THUMBNAIL, { documentId: image.id });
    await h.worker.drain();
    expect(await rowOf(h.server, image.id)).toEqual(made);
    expect(uploadedFiles(h.server)).toEqual(files);

    // The thumbnail object lost (e.g. a restore without it): the job makes it again at the same key.
    rmSync(thumbnailPath);
    await h.worker.addJob(TaskName.MAKE_DOCUMENT_THUMBNAIL, { documentId: image.id });
    await h.worker.drain();
    expect(await rowOf(h.server, image.id)).toEqual(made);
    expect(uploadedFiles(h.server)).toEqual(files);
    expect(readFileSync(thumbnailPath).equals(first)).toBe(true);
    expect(await h.worker.jobs(TaskName.MAKE_DOCUMENT_THUMBNAIL)).toEqual([]);
  });

  it('an image that cannot be decoded is marked once, not retried, and its preview is the placeholder', async () => {
    const customer = await h.server.as('customer.one');
    const caseId = await caseOf();
    // A PNG signature and header, then garbage: the type sniffs as PNG, the pixels cannot be decoded.
    const broken = Buffer.concat([(await png()).subarray(0, 33), Buffer.alloc(5000, 0x41)]);
    const result = await upload(customer, caseId, [file('broken.png', 'image/png', broken)]);
    expect(result.errors).toBeUndefined();
    const [doc] = result.data.uploadCaseDocuments;

    await h.worker.drain();
    // Completed (not failed and waiting for a retry): graphile-worker keeps no row for it.
    expect(await h.worker.jobs(TaskName.MAKE_DOCUMENT_THUMBNAIL)).toEqual([]);
    const row = (await rowOf(h.server, doc.id))!;
    expect(row.thumbnail_key).toBeNull();
    expect(row.thumbnail_error).toMatch(/could not be read/);
    expect(row.width).toBeNull();

    const listed = (await customer.ok(DOCUMENTS, { id: caseId })).returnCase.documents.find((d: any) => d.id === doc.id);
    const preview = await fetchPreview(h.server, listed.thumbnailUrl);
    expect(preview).toMatchObject({ status: 200, type: 'image/png' });
    expect(preview.body.equals(broken)).toBe(false);
    expect((await sharp(preview.body).metadata()).format).toBe('png');

    // Asked again, it does not try to decode it again or change the mark.
    await h.worker.addJob(TaskName.MAKE_DOCUMENT_THUMBNAIL, { documentId: doc.id });
    await h.worker.drain();
    expect(await rowOf(h.server, doc.id)).toEqual(row);
    expect(uploadedFiles(h.server)).toEqual([row.storage_key]);
  });

  it('a document deleted before its job runs: the job completes without writing anything', async () => {
    const customer = await h.server.as('customer.one');
    const [image] = (await upload(customer, await caseOf(), [file('gone.png', 'image/png', await png(undefined, 6))])).data.uploadCaseDocuments;
    const { storage_key: storageKey } = (await rowOf(h.server, image.id))!;
    await query(h.server.orm, 'delete from evidence_documents where id = ?', [image.id]);
    await h.worker.drain();
    expect(await h.worker.jobs(TaskName.MAKE_DOCUMENT_THUMBNAIL)).toEqual([]);
    expect(uploadedFiles(h.server)).toEqual([storageKey]);
  });

  it('racing uploads to one case: only the request that committed has thumbnail jobs', async () => {
    const customer = await h.server.as('customer.one');
    const caseId = await caseOf();
    const batch = (offset: number) => Promise.all([1, 2, 3, 4].map(async (n) => file(`p${n + offset}.png`, 'image/png', await png(128 * 1024, n + offset))));
    const results = await Promise.all((await Promise.all([batch(0), batch(10)])).map((files) => upload(customer, caseId, files)));
    const stored = results.filter((r) => !r.errors);
    expect(stored).toHaveLength(1);
    const ids = stored[0].data.uploadCaseDocuments.map((d: any) => d.id);
    await h.worker.relay();
    expect((await h.worker.jobs(TaskName.MAKE_DOCUMENT_THUMBNAIL)).map((j) => j.payload?.documentId).sort()).toEqual([...ids].sort());
    await h.worker.drain();
    for (const id of ids) expect((await rowOf(h.server, id))!.thumbnail_key).not.toBeNull();
  });
});
