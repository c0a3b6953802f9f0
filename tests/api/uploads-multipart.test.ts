// GraphQL multipart requests as graphql-upload processes them (behind http/upload-guard.ts): each file part is
// buffered to a temporary file (fs-capacitor) that the resolver streams to storage while it fills, and every
// temporary file is deleted when the response ends; parts in any order, a part mapped twice, files nobody reads
// (the answer still goes out), the parser's size cap and client aborts mid-part leave nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { type FSWatcher, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../server/src/modules/documents/document-policy.js';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { MiB, UPLOAD_MUTATION, png, video } from '../helpers/uploads.js';

// graphql-upload's temporary files go to os.tmpdir() (fs-capacitor): a folder of this file's own to watch.
const parserTmp = mkdtempSync(join(tmpdir(), 'returnhub-stream-tmp-'));
const originalTmpdir = process.env.TMPDIR;
process.env.TMPDIR = parserTmp;

let server: TestServer;
let customer: ApiClient;
let watcher: FSWatcher;
/** Every temporary file name the watcher reported (its creation, then its deletion, under the same name). */
const namesSeen = new Set<string>();
let namesBefore = new Set<string>();
/** Marker files the watcher has reported (see watcherCaughtUp). */
const markersSeen = new Set<string>();
let markers = 0;

/**
 * Waits until the watcher has reported everything done in the folder so far: writes a marker file and waits for
 * its event. The watcher reports events in the order they happened, so a temporary file created before the marker
 * has been reported once the marker is: proven by order, not by waiting long enough.
 */
async function watcherCaughtUp(): Promise<void> {
  const name = `marker-${++markers}`;
  writeFileSync(join(parserTmp, name), '');
  await expect.poll(() => markersSeen.has(name), { interval: 5 }).toBe(true);
  rmSync(join(parserTmp, name));
}

/** Temporary files created during this test (a late deletion event of an earlier test's file does not count). */
const tempFiles = () => [...namesSeen].filter((name) => !namesBefore.has(name));

beforeAll(async () => {
  server = await startTestServer();
  customer = await server.as('customer.one');
  watcher = watch(parserTmp, (_event, name) => {
    if (name?.startsWith('capacitor-')) namesSeen.add(name);
    if (name?.startsWith('marker-')) markersSeen.add(name);
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
  // Let late events of the previous test arrive first.
  await watcherCaughtUp();
  namesBefore = new Set(namesSeen);
});

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const tempFilesLeft = () => readdirSync(parserTmp).filter((name) => name.startsWith('capacitor-'));
/** The customer's submitted case, emptied of documents (each test starts with room for 5 images and a video). */
const newCase = async () => {
  const { id } = await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods');
  await server.orm.em.getConnection().execute('delete from evidence_documents where return_case_id = ?', [id]);
  return id;
};

/** Stored files of a case's uploads (final keys) and any temporary upload left in storage. */
async function storedState(caseId: string) {
  const rows = await server.orm.em
    .getConnection()
    .execute<Array<{ file_name: string; sha256: string; size_bytes: string; position: number }>>('select file_name, sha256, size_bytes, position from evidence_documents where return_case_id = ? order by position', [caseId]);
  let tmp: string[] = [];
  try {
    tmp = readdirSync(join(server.dataDir, 'files', 'tmp'));
  } catch {
    // no tmp/ folder yet
  }
  return { rows, tmp };
}

interface Part {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

/**
 * A multipart request written by hand: `map` as given, the file parts in the order given (which the spec allows
 * to differ from the variables' order). `abortAfter`: cut the connection after that many body bytes.
 */
function sendMultipart(options: { query: string; variables: Record<string, unknown>; map: Record<string, string[]>; parts: Part[]; abortAfter?: number; onAbort?: () => Promise<void> }) {
  const boundary = `----rh${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: options.query, variables: options.variables })}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${JSON.stringify(options.map)}\r\n`),
  ];
  for (const part of options.parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.name}"\r\nContent-Type: ${part.type}\r\n\r\n`), part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  return new Promise<{ status: number; json: any } | 'aborted'>((resolve, reject) => {
    const req = request(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(body.length),
        'apollo-require-preflight': 'true',
        cookie: customer.sessionCookie!,
      },
    });
    let settled = false;
    req.on('response', async (res) => {
      const got: Buffer[] = [];
      for await (const c of res) got.push(c as Buffer);
      settled = true;
      resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(got).toString('utf8')) });
    });
    req.on('error', (error) => {
      if (settled) return;
      settled = true;
      if (options.abortAfter !== undefined) resolve('aborted');
      else reject(error);
    });
    void (async () => {
      const step = 64 * 1024;
      for (let sent = 0; sent < body.length && !settled; sent += step) {
        if (options.abortAfter !== undefined && sent >= options.abortAfter) {
          await options.onAbort?.();
          settled = true;
          req.destroy();
          resolve('aborted');
          return;
        }
        const piece = body.subarray(sent, sent + step);
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })();
  });
}

const variables = (caseId: string, n: number) => ({ caseId, kind: 'EVIDENCE', files: Array.from({ length: n }, () => null) });
const inOrderMap = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), [`variables.files.${i}`]]));

describe('multipart uploads', () => {
  it('each file goes through one temporary file, deleted once the answer is sent, and is stored byte for byte', async () => {
    const caseId = await newCase();
    const a = await png(3 * MiB, 1);
    const b = await png(2 * MiB, 2);
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      variables: variables(caseId, 2),
      map: inOrderMap(2),
      parts: [
        { field: '0', name: 'a.png', type: 'image/png', data: a },
        { field: '1', name: 'b.png', type: 'image/png', data: b },
      ],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.json.errors).toBeUndefined();
    const { rows, tmp } = await storedState(caseId);
    expect(rows.map((r) => [r.file_name, r.sha256])).toEqual([
      ['a.png', sha256(a)],
      ['b.png', sha256(b)],
    ]);
    expect(tmp).toEqual([]);
    await watcherCaughtUp();
    expect(tempFiles().length).toBe(2);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('parts sent in another order than the variables: all are stored in the variables\' order, and the temporary files are deleted', async () => {
    const caseId = await newCase();
    const first = await png(1 * MiB, 3);
    const second = await png(2 * MiB, 4);
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      variables: variables(caseId, 2),
      map: { 1: ['variables.files.1'], 0: ['variables.files.0'] },
      parts: [
        { field: '1', name: 'second.png', type: 'image/png', data: second },
        { field: '0', name: 'first.png', type: 'image/png', data: first },
      ],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.json.errors).toBeUndefined();
    expect(result.json.data.uploadCaseDocuments.map((d: any) => d.fileName)).toEqual(['first.png', 'second.png']);
    const { rows } = await storedState(caseId);
    expect(rows.map((r) => [r.file_name, r.sha256])).toEqual([
      ['first.png', sha256(first)],
      ['second.png', sha256(second)],
    ]);
    await watcherCaughtUp();
    expect(tempFiles().length).toBe(2);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('one part mapped to two variables is stored twice (read twice from its temporary file)', async () => {
    const caseId = await newCase();
    const data = await png(512 * 1024, 5);
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      variables: variables(caseId, 2),
      map: { 0: ['variables.files.0', 'variables.files.1'] },
      parts: [{ field: '0', name: 'twice.png', type: 'image/png', data }],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.json.errors).toBeUndefined();
    const { rows } = await storedState(caseId);
    expect(rows.map((r) => r.sha256)).toEqual([sha256(data), sha256(data)]);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('files nobody reads (the resolver refuses before reading): the coded answer arrives, nothing is stored, their temporary files are deleted', async () => {
    const caseId = await newCase();
    const data = video({ size: 20 * MiB });
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      // A customer may not upload inspection photos: refused before any file is read.
      variables: { ...variables(caseId, 2), kind: 'INSPECTION' },
      map: inOrderMap(2),
      parts: [
        { field: '0', name: 'a.mp4', type: 'video/mp4', data },
        { field: '1', name: 'b.mp4', type: 'video/mp4', data },
      ],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.json.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { rows, tmp } = await storedState(caseId);
    expect(rows).toEqual([]);
    expect(tmp).toEqual([]);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('a request Apollo refuses (the operation does not validate) with a file attached: the answer arrives, nothing is stored, the temporary file is deleted', async () => {
    const caseId = await newCase();
    const result = await sendMultipart({
      query: UPLOAD_MUTATION.replace('fileName', 'noSuchField'),
      variables: variables(caseId, 1),
      map: inOrderMap(1),
      parts: [{ field: '0', name: 'a.mp4', type: 'video/mp4', data: video({ size: 8 * MiB }) }],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const { rows, tmp } = await storedState(caseId);
    expect(rows).toEqual([]);
    expect(tmp).toEqual([]);
    expect(tempFiles().length).toBe(1);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('an extraneous part (not in the map) is ignored and the mapped file is stored', async () => {
    const caseId = await newCase();
    const data = await png(256 * 1024, 6);
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      variables: variables(caseId, 1),
      map: inOrderMap(1),
      parts: [
        { field: 'stray', name: 'x.png', type: 'image/png', data: await png(1 * MiB, 7) },
        { field: '0', name: 'kept.png', type: 'image/png', data },
      ],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.json.errors).toBeUndefined();
    expect((await storedState(caseId)).rows.map((r) => r.sha256)).toEqual([sha256(data)]);
  });

  it('a part over the parser\'s size cap: PAYLOAD_TOO_LARGE, nothing stored, the temporary files deleted', async () => {
    const caseId = await newCase();
    const small = await png(256 * 1024, 8);
    const huge = video({ size: MAX_FILE_BYTES + 2 * MiB });
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      variables: variables(caseId, 2),
      map: { 1: ['variables.files.1'], 0: ['variables.files.0'] },
      parts: [
        { field: '1', name: 'huge.mp4', type: 'video/mp4', data: huge },
        { field: '0', name: 'small.png', type: 'image/png', data: small },
      ],
    });
    expect(result).not.toBe('aborted');
    if (result === 'aborted') return;
    expect(result.json.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const { rows, tmp } = await storedState(caseId);
    expect(rows).toEqual([]);
    expect(tmp).toEqual([]);
    expect(tempFiles().length).toBeGreaterThan(0);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
  });

  it('client gone while one part waits in its temporary file and another streams to storage: no row, no stored file, no temporary file', async () => {
    const caseId = await newCase();
    const early = await png(3 * MiB, 9);
    const streaming = await png(4 * MiB, 10);
    const result = await sendMultipart({
      query: UPLOAD_MUTATION,
      variables: variables(caseId, 2),
      map: { 1: ['variables.files.1'], 0: ['variables.files.0'] },
      parts: [
        { field: '1', name: 'early.png', type: 'image/png', data: early },
        { field: '0', name: 'streaming.png', type: 'image/png', data: streaming },
      ],
      // Mid-way through the second part: both are in temporary files, the second streams on to storage's tmp/.
      abortAfter: early.length + 2 * MiB,
      onAbort: async () => {
        await expect.poll(() => tempFiles().length, { timeout: 5_000 }).toBe(2);
        await expect.poll(async () => (await storedState(caseId)).tmp.length, { timeout: 5_000 }).toBeGreaterThan(0);
      },
    });
    expect(result).toBe('aborted');
    await expect.poll(async () => (await storedState(caseId)).tmp, { timeout: 5_000 }).toEqual([]);
    await expect.poll(tempFilesLeft, { timeout: 5_000 }).toEqual([]);
    expect((await storedState(caseId)).rows).toEqual([]);
  });
});
