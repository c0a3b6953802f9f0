// The whole upload/download flow with STORAGE_DRIVER=s3, against an S3-compatible stand-in this test starts on
// 127.0.0.1 (no network): files travel through the official AWS SDK (multipart for large ones), are committed
// from tmp/ to their final keys with the database row, and nothing stays behind when anything fails.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { rawUpload } from '../helpers/raw-multipart.js';
import { type S3StandIn, startS3StandIn } from '../helpers/s3-stand-in.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { MiB, UPLOAD_MUTATION, type UploadFile, file, html, multipartForm, png, video } from '../helpers/uploads.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

let s3: S3StandIn;
let server: TestServer;
let customer: ApiClient;
let caseId: string;

beforeAll(async () => {
  s3 = await startS3StandIn('returnhub-files');
  server = await startTestServer({
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'returnhub-files',
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: 'eu-central-1',
      S3_ACCESS_KEY_ID: 'test-key',
      S3_SECRET_ACCESS_KEY: 'test-secret',
      S3_FORCE_PATH_STYLE: 'true',
    },
  });
  customer = await server.as('customer.one');
  caseId = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
});
afterAll(async () => {
  await server.close();
  await s3.close();
});

async function upload(files: UploadFile[]) {
  return (await (await customer.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind: 'EVIDENCE' }, files))).json()) as any;
}
const keys = () => [...s3.objects.keys()].sort();
async function rows(): Promise<Array<{ storage_key: string; thumbnail_key: string | null }>> {
  return server.orm.em.getConnection().execute('select storage_key, thumbnail_key from evidence_documents where return_case_id = ?', [caseId]);
}
const expectedKeys = (r: Array<{ storage_key: string; thumbnail_key: string | null }>) => r.flatMap((x) => [x.storage_key, ...(x.thumbnail_key ? [x.thumbnail_key] : [])]).sort();

describe('uploads on S3 storage', () => {
  it('stores files under random final keys (a 12 MB video as a multipart upload), commits them from tmp/, and serves them back', async () => {
    const image = await png(300_000, 4);
    const clip = video({ size: 12 * MiB, durationMs: 3_000 });
    s3.log.length = 0;
    const result = await upload([file('a.png', 'image/png', image), file('clip.mp4', 'video/mp4', clip)]);
    expect(result.errors).toBeUndefined();
    expect(s3.log.filter((l) => l.startsWith('PUT UploadPart'))).toHaveLength(3);
    expect(s3.log.filter((l) => l.startsWith('PUT CopyObject'))).toHaveLength(2); // the two files (the thumbnail is the job's)
    const stored = await rows();
    expect(keys()).toEqual(expectedKeys(stored));
    expect(keys().some((k) => k.startsWith('tmp/'))).toBe(false);
    expect(s3.openUploads.size).toBe(0);

    const [img, vid] = result.data.uploadCaseDocuments;
    const imgRes = await fetch(`${server.url}/files/${img.id}`, { headers: customer.authHeaders() });
    expect(sha256(new Uint8Array(await imgRes.arrayBuffer()))).toBe(sha256(image));
    const vidRes = await fetch(`${server.url}${vid.url}`);
    expect(vidRes.headers.get('content-length')).toBe(String(12 * MiB));
    expect(sha256(new Uint8Array(await vidRes.arrayBuffer()))).toBe(sha256(clip));
    const range = await fetch(`${server.url}/files/${vid.id}`, { headers: { ...customer.authHeaders(), range: 'bytes=0-7' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer())).toEqual(clip.subarray(0, 8));
    // Before the thumbnail job: the image itself; after it (reading the object back from the bucket): the WEBP.
    const pending = await fetch(`${server.url}${img.thumbnailUrl}`);
    expect(pending.headers.get('content-type')).toBe('image/png');
    expect(sha256(new Uint8Array(await pending.arrayBuffer()))).toBe(sha256(image));
    const worker = await startTestWorker(server);
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }
    const withThumbnail = await rows();
    expect(withThumbnail.filter((r) => r.thumbnail_key)).toHaveLength(1);
    expect(keys()).toEqual(expectedKeys(withThumbnail));
    const thumb = await fetch(`${server.url}${img.thumbnailUrl}`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
  });

  it('a refused file leaves no object', async () => {
    const before = keys();
    const result = await upload([file('ok.png', 'image/png', await png(undefined, 5)), file('x.png', 'image/png', html())]);
    expect(result.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(keys()).toEqual(before);
  });

  it('when the store fails while committing, the upload fails whole: no row, and neither the temporary nor the final objects remain', async () => {
    const beforeKeys = keys();
    const beforeRows = (await rows()).length;
    s3.failNext('CopyObject', 10);
    try {
      const result = await upload([file('b.png', 'image/png', await png(undefined, 6))]);
      expect(result.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    } finally {
      s3.failNext('CopyObject', 0);
    }
    expect((await rows()).length).toBe(beforeRows);
    expect(keys()).toEqual(beforeKeys);
    // Its thumbnail job was enqueued in the transaction that rolled back: gone with it.
    expect(await server.orm.em.getConnection().execute('select id from graphile_worker.jobs where task_identifier = ?', [TaskName.MAKE_DOCUMENT_THUMBNAIL])).toEqual([]);
  });

  it('an upload interrupted mid-stream leaves no object and no open multipart upload', async () => {
    const before = keys();
    // A case without a video yet (the first test added one to caseId).
    const otherCase = (await demoCase(server.orm, 'approved', 'customer.one', 'Northwind Goods')).id;
    const result = await rawUpload({
      url: `${server.url}/graphql`,
      headers: { 'apollo-require-preflight': 'true', cookie: customer.sessionCookie! },
      query: UPLOAD_MUTATION,
      variables: { caseId: otherCase, kind: 'EVIDENCE' },
      file: { name: 'long.mp4', type: 'video/mp4', head: video({ size: 0 }).subarray(0, 200), size: 30 * MiB },
      // Past the first 5 MB part, so a multipart upload is under way when the client goes.
      pace: async (sent) => {
        if (sent < 12 * MiB) return 'continue';
        for (let i = 0; i < 100 && s3.openUploads.size === 0; i++) await new Promise((r) => setTimeout(r, 20));
        return 'abort';
      },
    });
    expect(result).toBe('aborted');
    await expect.poll(() => s3.openUploads.size, { timeout: 5_000 }).toBe(0);
    await expect.poll(keys, { timeout: 5_000 }).toEqual(before);
    expect(s3.log.some((l) => l.startsWith('DELETE AbortMultipartUpload tmp/'))).toBe(true);
    const [{ n }] = await server.orm.em.getConnection().execute<any[]>('select count(*)::int as n from evidence_documents where return_case_id = ?', [otherCase]);
    expect(n).toBe(0);
  });
});
