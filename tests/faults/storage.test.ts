// Fault injection at the storage port (issue #10): the file store fails part-way through an upload's bytes, or
// when the upload is committed to its final key. The client gets a coded, retryable error; no document row, no
// audit event, no temporary or partial file is left; and the same upload succeeds once the store is back.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStorage } from '../../server/src/modules/documents/storage/file-storage.js';
import { LocalFileStorage } from '../../server/src/modules/documents/storage/local-file-storage.js';
import { demoCase } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { relayOutbox } from '../../server/src/jobs/outbox-relay.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { UPLOAD_MUTATION, multipartForm, png } from '../helpers/uploads.js';

/** The real local store, with switches that make it fail like a disk or a bucket can. */
class FailingStorage implements FileStorage {
  readonly driver = 'local' as const;
  /** Fail the next puts after this many bytes went through (null: do not fail). */
  failPutAfterBytes: number | null = null;
  failMoves = false;
  puts = 0;

  constructor(private readonly inner: LocalFileStorage) {}

  put(key: string, body: Readable | Uint8Array) {
    this.puts++;
    const limit = this.failPutAfterBytes;
    if (limit === null) return this.inner.put(key, body);
    // Bytes in memory (a thumbnail): the write fails as a whole.
    if (!(body instanceof Readable)) return Promise.reject(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
    let seen = 0;
    const cut = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen > limit) callback(Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }));
        else callback(null, chunk);
      },
    });
    body.on('error', (error) => cut.destroy(error));
    // LocalFileStorage.put attaches its pipeline after an await (mkdir): a cut that fails before then must not be an
    // uncaught error. The pipeline still sees the stream errored, and the put fails.
    cut.on('error', () => undefined);
    return this.inner.put(key, body.pipe(cut));
  }
  get: FileStorage['get'] = (key, range) => this.inner.get(key, range);
  stat: FileStorage['stat'] = (key) => this.inner.stat(key);
  exists: FileStorage['exists'] = (key) => this.inner.exists(key);
  delete: FileStorage['delete'] = (key) => this.inner.delete(key);
  deleteStale: FileStorage['deleteStale'] = (prefix, olderThan) => this.inner.deleteStale(prefix, olderThan);
  list: FileStorage['list'] = (prefix) => this.inner.list(prefix);
  move(from: string, to: string) {
    if (this.failMoves) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' }));
    return this.inner.move(from, to);
  }
}

const filesUnder = (root: string): string[] => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

describe('faults: file storage failing mid-upload', () => {
  let root: string;
  let storage: FailingStorage;
  let server: TestServer;
  let customer: ApiClient;
  let caseId: string;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'returnhub-failing-store-'));
    storage = new FailingStorage(new LocalFileStorage(root));
    server = await startTestServer({ deps: { storage } });
    customer = await server.as('customer.one');
    caseId = (await demoCase(server.orm, 'submitted', 'customer.one')).id;
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const traces = async () => {
    const [row] = await query<{ docs: string; events: string; version: number }>(
      server.orm,
      `select (select count(*) from evidence_documents where return_case_id = rc.id) as docs,
              (select count(*) from case_events where return_case_id = rc.id) as events, rc.version
         from return_cases rc where rc.id = ?`,
      [caseId],
    );
    return { ...row, files: filesUnder(root) };
  };
  // Thumbnail jobs are queued as outbox messages with the upload: relayed first, as a running worker does at once.
  const thumbnailJobs = async () => {
    await relayOutbox(() => server.orm.em.fork(), () => server.clock.now());
    return query<{ attempts: number; last_error: string | null }>(server.orm, 'select attempts, last_error from graphile_worker.jobs where task_identifier = ?', [TaskName.MAKE_DOCUMENT_THUMBNAIL]);
  };
  const upload = async (data: Buffer): Promise<any> => (await customer.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind: 'EVIDENCE' }, [{ name: 'box.png', type: 'image/png', data }]))).json();

  for (const [what, arm] of [
    ['after 64 KiB of the file', (s: FailingStorage) => (s.failPutAfterBytes = 64 * 1024)],
    ['on the first byte', (s: FailingStorage) => (s.failPutAfterBytes = 0)],
    ['when the upload is committed to its final key', (s: FailingStorage) => (s.failMoves = true)],
  ] as const) {
    it(`store failing ${what}: SERVICE_UNAVAILABLE, nothing kept, and a retry succeeds`, async () => {
      const data = await png(300 * 1024, 3);
      const before = await traces();
      expect(before.files).toEqual([]);
      arm(storage);

      const failed = await upload(data);
      expect(failed.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(failed.errors[0].message).not.toMatch(/EIO|ENOSPC|returnhub-failing-store/);
      expect(await traces()).toEqual(before); // no row, no event, no version bump, no temp/partial/final file
      expect(await thumbnailJobs()).toEqual([]); // nor a thumbnail job (enqueued in the transaction that rolled back)

      storage.failPutAfterBytes = null;
      storage.failMoves = false;
      const ok = await upload(data);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.uploadCaseDocuments).toEqual([expect.objectContaining({ sizeBytes: data.length, contentType: 'image/png' })]);
      const after = await traces();
      expect(Number(after.docs)).toBe(Number(before.docs) + 1);
      // The file under its final key only (nothing left in tmp/); then its thumbnail, made by the job.
      expect(after.files).toHaveLength(1);
      expect(await thumbnailJobs()).toHaveLength(1);
      const worker = await startTestWorker(server);
      try {
        await worker.drain();
      } finally {
        await worker.stop();
      }
      const files = filesUnder(root);
      expect(files).toHaveLength(2);
      expect(files.every((f) => f.includes(`${root}/documents/`) && !f.includes('.partial-'))).toBe(true);
    });
  }

  it('store failing while the thumbnail job writes: the job fails and is retried, and makes the thumbnail once the store is back', async () => {
    const ok = await upload(await png(300 * 1024, 4));
    expect(ok.errors).toBeUndefined();
    const worker = await startTestWorker(server);
    try {
      storage.failPutAfterBytes = 0;
      await worker.relay();
      await worker.runDue();
      const [failed] = await thumbnailJobs();
      expect(failed).toMatchObject({ attempts: 1 });
      expect(failed.last_error).toMatch(/EIO/);
      const [row] = await query<{ thumbnail_key: string | null; thumbnail_error: string | null }>(server.orm, 'select thumbnail_key, thumbnail_error from evidence_documents where id = ?', [ok.data.uploadCaseDocuments[0].id]);
      // A storage failure is not an unreadable image: nothing marked, and the image itself is still the preview.
      expect(row).toEqual({ thumbnail_key: null, thumbnail_error: null });
      expect(filesUnder(root)).toHaveLength(1);

      storage.failPutAfterBytes = null;
      await worker.drain({ skipBackoff: true });
      expect(await thumbnailJobs()).toEqual([]);
      expect(filesUnder(root)).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });
});
