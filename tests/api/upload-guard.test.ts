// The guard in front of the multipart parser: requests the headers already condemn are answered before their
// body is read, and before the parser writes a byte of it to temporary disk. Requests are written by hand over
// node:http so the body can be held back: an answer that arrives while the body is unsent proves it was not read.
import { type FSWatcher, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type RawUploadOptions, type RawUploadResult, rawUpload } from '../helpers/raw-multipart.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { MiB, UPLOAD_MUTATION, file, multipartForm, png } from '../helpers/uploads.js';

// The multipart parser (graphql-upload) buffers file parts in os.tmpdir() (fs-capacitor): give this file a folder of its own to watch.
const parserTmp = mkdtempSync(join(tmpdir(), 'returnhub-parser-tmp-'));
const originalTmpdir = process.env.TMPDIR;
process.env.TMPDIR = parserTmp;

let server: TestServer;
let customer: ApiClient;
let caseId: string;
let watcher: FSWatcher;
let parserFilesSeen: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  customer = await server.as('customer.one');
  caseId = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
  watcher = watch(parserTmp, (_event, name) => {
    if (name?.startsWith('capacitor-')) parserFilesSeen.push(name);
  });
});
afterAll(async () => {
  watcher.close();
  await server.close();
  if (originalTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = originalTmpdir;
  rmSync(parserTmp, { recursive: true, force: true });
});
beforeEach(async () => {
  // The temporary files of an earlier test's accepted upload are deleted after its answer: let their events pass.
  await expect.poll(() => readdirSync(parserTmp).filter((name) => name.startsWith('capacitor-')), { timeout: 5_000 }).toEqual([]);
  await new Promise((r) => setTimeout(r, 50));
  parserFilesSeen = [];
});

/** Sends the request head and 64 KiB of a 4 MiB file, then holds the rest back. */
async function heldBack(options: Partial<RawUploadOptions>): Promise<RawUploadResult> {
  const result = await rawUpload({
    url: `${server.url}/graphql`,
    query: UPLOAD_MUTATION,
    variables: { caseId, kind: 'EVIDENCE' },
    file: { name: 'a.png', type: 'image/png', head: await png(), size: 4 * MiB },
    pace: (sent) => (sent >= 64 * 1024 ? 'pause' : 'continue'),
    ...options,
  });
  if (result === 'aborted') throw new Error('the server dropped the connection without an answer');
  return result;
}

const nothingStored = async () => {
  const [{ n }] = await server.orm.em.getConnection().execute<any[]>('select count(*)::int as n from evidence_documents where return_case_id = ?', [caseId]);
  expect(n).toBe(0);
  // Let any late filesystem event arrive before judging.
  await new Promise((r) => setTimeout(r, 100));
  expect(parserFilesSeen).toEqual([]);
};

describe('multipart guard', () => {
  it('the watcher sees the parser\'s temporary file of an accepted upload whose parts come out of order (so its silence below means something)', async () => {
    // graphql-upload buffers every file part to a temporary file (fs-capacitor). Parts here: file 1, then file 0.
    const id = (await demoCase(server.orm, 'approved', 'customer.one')).id;
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: UPLOAD_MUTATION, variables: { caseId: id, kind: 'EVIDENCE', files: [null, null] } }));
    form.append('map', JSON.stringify({ 1: ['variables.files.1'], 0: ['variables.files.0'] }));
    form.append('1', new Blob([await png(256 * 1024, 2)], { type: 'image/png' }), 'b.png');
    form.append('0', new Blob([await png()], { type: 'image/png' }), 'a.png');
    const result = (await (await customer.multipart(form)).json()) as { errors?: unknown };
    expect(result.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    expect(parserFilesSeen.length).toBeGreaterThan(0);
  });

  it('refuses a multipart request without apollo-require-preflight before reading its body (CSRF)', async () => {
    const result = await heldBack({ headers: { cookie: customer.sessionCookie! } });
    expect(result.status).toBe(400);
    expect(result.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(result.json.errors[0].message).toMatch(/apollo-require-preflight/);
    expect(result.completedBody).toBe(false);
    await nothingStored();
  });

  it('accepts the headers Apollo\'s own CSRF prevention accepts: x-apollo-operation-name works like apollo-require-preflight', async () => {
    // Another case of the customer's: the other tests check that nothing reaches `caseId`.
    const other = (await demoCase(server.orm, 'waiting_customer', 'customer.one')).id;
    const form = multipartForm(UPLOAD_MUTATION, { caseId: other, kind: 'EVIDENCE' }, [file('a.png', 'image/png', await png())]);
    const named = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'x-apollo-operation-name': 'Upload', cookie: customer.sessionCookie! }, body: form });
    const body = (await named.json()) as { data?: { uploadDocuments?: unknown[] }; errors?: unknown };
    expect(named.status).toBe(200);
    expect(body.errors).toBeUndefined();
    // An empty header proves nothing (a simple request can carry it): refused like a missing one.
    const empty = await heldBack({ headers: { 'x-apollo-operation-name': '', cookie: customer.sessionCookie! } });
    expect(empty.status).toBe(400);
    expect(empty.completedBody).toBe(false);
  });

  it('refuses a declared Content-Length over the maximum with 413 before reading the body', async () => {
    const result = await heldBack({ headers: { 'apollo-require-preflight': 'true', cookie: customer.sessionCookie! }, declaredLength: 100 * MiB + 1 });
    expect(result.status).toBe(413);
    expect(result.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(result.json.errors[0].message).toBe('An upload request can carry at most 100 MB. Send the files in several requests.');
    expect(result.completedBody).toBe(false);
    await nothingStored();
  });

  it('refuses an anonymous upload with 401 before reading the body', async () => {
    const result = await heldBack({ headers: { 'apollo-require-preflight': 'true' } });
    expect(result.status).toBe(401);
    expect(result.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(result.completedBody).toBe(false);
    await nothingStored();
  });

  it('refuses a revoked partner token like no credentials at all', async () => {
    const result = await heldBack({ headers: { 'apollo-require-preflight': 'true', authorization: 'Bearer rhp_not-a-real-token' } });
    expect(result.status).toBe(401);
    await nothingStored();
  });

  it('refuses a body without a declared length (chunked) with 411', async () => {
    const result = await heldBack({ headers: { 'apollo-require-preflight': 'true', cookie: customer.sessionCookie! }, declaredLength: null });
    expect(result.status).toBe(411);
    expect(result.completedBody).toBe(false);
    await nothingStored();
  });

  it('refuses more than 10 files in one request (the parser\'s cap) with 413 PAYLOAD_TOO_LARGE', async () => {
    const files = await Promise.all(Array.from({ length: 11 }, async (_x, i) => file(`p${i}.png`, 'image/png', await png(undefined, i))));
    const res = await customer.multipart(multipartForm(UPLOAD_MUTATION, { caseId, kind: 'EVIDENCE' }, files));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const [{ n }] = await server.orm.em.getConnection().execute<any[]>('select count(*)::int as n from evidence_documents where return_case_id = ?', [caseId]);
    expect(n).toBe(0);
  });

  it('answers a malformed multipart request with 400 BAD_REQUEST', async () => {
    const form = new FormData();
    form.append('map', '{}');
    const res = await customer.multipart(form);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/operations/);
  });

  it('leaves JSON requests alone', async () => {
    const me = await customer.ok('{ me { username } }');
    expect(me.me.username).toBe('customer.one');
  });
});
