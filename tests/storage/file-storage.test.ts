// The storage port's contract, run against both adapters: local disk, and S3 through the official SDK against
// an S3-compatible stand-in this test starts on 127.0.0.1 (no network).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStorage, StorageObjectNotFound, readObject } from '../../server/src/modules/documents/storage/file-storage.js';
import { labelStoreOn, sweepTemporaryUploads } from '../../server/src/modules/documents/storage/label-store.js';
import { LocalFileStorage } from '../../server/src/modules/documents/storage/local-file-storage.js';
import { S3FileStorage } from '../../server/src/modules/documents/storage/s3-file-storage.js';
import { acceptedType } from '../../server/src/modules/documents/document-policy.js';
import { DocumentKind } from '../../server/src/modules/documents/document.enums.js';
import { FileInspector } from '../../server/src/modules/documents/upload/file-inspector.js';
import { type S3StandIn, startS3StandIn } from '../helpers/s3-stand-in.js';

const MiB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** `size` deterministic bytes, produced 64 KiB at a time (never held in memory whole). */
function generated(size: number, failAfter?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && sent >= failAfter) return this.destroy(new Error('source broke'));
      if (sent >= size) return this.push(null);
      const n = Math.min(64 * 1024, size - sent);
      const chunk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251;
      sent += n;
      this.push(chunk);
    },
  });
}
const generatedBytes = async (size: number) => Buffer.concat(await generated(size).toArray());
const read = async (stream: Readable) => Buffer.concat(await stream.toArray());

interface Adapter {
  name: string;
  storage: FileStorage;
  /** Everything the backend holds, for "nothing left behind" checks. */
  leftovers(): string[];
}

let s3: S3StandIn;
let localRoot: string;
const adapters: Adapter[] = [];

beforeAll(async () => {
  s3 = await startS3StandIn();
  localRoot = mkdtempSync(join(tmpdir(), 'returnhub-storage-'));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name).slice(localRoot.length + 1)]));
  adapters.push(
    { name: 'local', storage: new LocalFileStorage(localRoot), leftovers: () => walk(localRoot) },
    {
      name: 's3',
      storage: new S3FileStorage({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, accessKeyId: 'test', secretAccessKey: 'test-secret', forcePathStyle: true }),
      leftovers: () => [...s3.objects.keys(), ...[...s3.openUploads.values()].map((u) => `multipart:${u.key}`)],
    },
  );
});
afterAll(async () => {
  await s3.close();
  rmSync(localRoot, { recursive: true, force: true });
});

describe.each(['local', 's3'])('%s storage', (name) => {
  const adapter = () => adapters.find((a) => a.name === name)!;

  it('puts, reads back, stats and deletes a small object, reporting size and sha256', async () => {
    const { storage } = adapter();
    const data = Buffer.from('hello, returns');
    expect(await storage.put('tmp/small-one', data, { contentType: 'text/plain' })).toEqual({ sizeBytes: data.length, sha256: sha256(data) });
    expect(await read(await storage.get('tmp/small-one'))).toEqual(data);
    expect(await storage.stat('tmp/small-one')).toEqual({ sizeBytes: data.length });
    expect(await storage.exists('tmp/small-one')).toBe(true);
    await storage.delete('tmp/small-one');
    await storage.delete('tmp/small-one');
    expect(await storage.exists('tmp/small-one')).toBe(false);
    expect(await storage.stat('tmp/small-one')).toBeNull();
    await expect(storage.get('tmp/small-one')).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it('streams a 12 MiB body through (multipart on S3) with the right hash, and serves byte ranges', async () => {
    const { storage } = adapter();
    const expected = await generatedBytes(12 * MiB);
    s3.log.length = 0;
    expect(await storage.put('documents/ab/large', generated(12 * MiB))).toEqual({ sizeBytes: 12 * MiB, sha256: sha256(expected) });
    if (name === 's3') {
      expect(s3.log.filter((l) => l.includes('UploadPart'))).toHaveLength(3);
      expect(s3.log.some((l) => l.includes('CompleteMultipartUpload'))).toBe(true);
    }
    expect(sha256(await read(await storage.get('documents/ab/large')))).toBe(sha256(expected));
    expect(await read(await storage.get('documents/ab/large', { start: 5 * MiB - 3, end: 5 * MiB + 2 }))).toEqual(expected.subarray(5 * MiB - 3, 5 * MiB + 3));
    await storage.delete('documents/ab/large');
  });

  it('a body that fails mid-stream rejects with its own error and leaves nothing (no partial file, no open multipart upload)', async () => {
    const { storage, leftovers } = adapter();
    const before = leftovers();
    await expect(storage.put('tmp/broken', generated(12 * MiB, 7 * MiB))).rejects.toThrow('source broke');
    expect(await storage.exists('tmp/broken')).toBe(false);
    expect(leftovers()).toEqual(before);
  });

  // The upload inspector sniffs, limits and hashes in one stage, and put reads it directly (no HashingCounter of its own).
  const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(300_000, 7)]);
  const inspected = (pieces: Buffer[]) => {
    const inspector = new FileInspector((detected) => acceptedType(DocumentKind.EVIDENCE, detected));
    return { inspector, body: pipeline(Readable.from(pieces), inspector, () => undefined) };
  };

  it.each([
    ['the signature split after 3 bytes', [3, 5, 20, 4000]],
    ['1-byte pieces at first, then 64 KiB ones', [1, 1, 1, 1, 1, 1, 1, 1, 1, 65_536]],
    ['one piece', [PNG.length]],
  ])('an inspected upload (%s) is sniffed, stored byte for byte, and put reports the file\'s own size and sha256', async (_what, sizes) => {
    const { storage } = adapter();
    const pieces: Buffer[] = [];
    for (let at = 0, i = 0; at < PNG.length; i++) {
      const n = sizes[Math.min(i, sizes.length - 1)]!;
      pieces.push(PNG.subarray(at, at + n));
      at += n;
    }
    const { inspector, body } = inspected(pieces);
    expect(await storage.put('tmp/inspected', body)).toEqual({ sizeBytes: PNG.length, sha256: sha256(PNG) });
    expect(inspector.accepted?.contentType).toBe('image/png');
    expect(sha256(await read(await storage.get('tmp/inspected')))).toBe(sha256(PNG));
    await storage.delete('tmp/inspected');
  });

  it('an inspected upload of a refused type rejects with the coded refusal and leaves nothing', async () => {
    const { storage, leftovers } = adapter();
    const before = leftovers();
    const html = Buffer.from(`<!doctype html><html>${'x'.repeat(10_000)}</html>`);
    await expect(storage.put('tmp/refused', inspected([html.subarray(0, 7), html.subarray(7)]).body)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await storage.exists('tmp/refused')).toBe(false);
    expect(leftovers()).toEqual(before);
  });

  it('moves an object to its final key (the commit of an upload)', async () => {
    const { storage } = adapter();
    await storage.put('tmp/to-move', Buffer.from('payload'));
    await storage.move('tmp/to-move', 'documents/cd/moved');
    expect(await storage.exists('tmp/to-move')).toBe(false);
    expect(await readObject(storage, 'documents/cd/moved')).toEqual(Buffer.from('payload'));
    await expect(storage.move('tmp/to-move', 'documents/cd/again')).rejects.toBeInstanceOf(StorageObjectNotFound);
    await storage.delete('documents/cd/moved');
  });

  it('refuses keys that could escape its root or bucket', async () => {
    const { storage } = adapter();
    for (const key of ['../etc/passwd', '/abs', 'a//b', 'tmp/../x', 'tmp/x y', '']) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toThrow('Invalid storage key');
    }
  });

  it('sweeps stale temporary objects and keeps fresh ones', async () => {
    const { storage } = adapter();
    await storage.put('tmp/stale-a', Buffer.from('a'));
    await storage.put('tmp/stale-b', Buffer.from('b'));
    await storage.put('documents/ef/keep', Buffer.from('c'));
    expect(await storage.deleteStale('tmp/', new Date(Date.now() - 60_000))).toBe(0);
    expect(await storage.deleteStale('tmp/', new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(2);
    expect(await storage.exists('tmp/stale-a')).toBe(false);
    expect(await storage.exists('documents/ef/keep')).toBe(true);
    await storage.delete('documents/ef/keep');
  });
});

describe.each(['local', 's3'])('return labels and temp sweeping on %s storage', (name) => {
  it('stores a label PDF under a random key of its case and reads it back', async () => {
    const storage = adapters.find((a) => a.name === name)!.storage;
    const labels = labelStoreOn(storage);
    const caseId = '6f1c1b7e-4b0f-4a51-9b9e-2b1f1f6a7c01';
    const pdf = Buffer.from('%PDF-1.4 label');
    const key = await labels.saveLabel(caseId, pdf);
    expect(key).toMatch(new RegExp(`^labels/${caseId}/[0-9a-f-]{36}\\.pdf$`));
    expect(await labels.saveLabel(caseId, pdf)).not.toBe(key);
    expect(await labels.readLabel(key)).toEqual(pdf);
    await expect(labels.readLabel('labels/missing.pdf')).rejects.toBeInstanceOf(StorageObjectNotFound);
  });

  it('sweeps temporary uploads older than a day, and only those', async () => {
    const storage = adapters.find((a) => a.name === name)!.storage;
    await storage.put('tmp/leftover', Buffer.from('x'));
    expect(await sweepTemporaryUploads(storage, new Date())).toBe(0);
    expect(await sweepTemporaryUploads(storage, new Date(Date.now() + 25 * 3_600_000))).toBe(1);
    expect(await storage.exists('tmp/leftover')).toBe(false);
  });
});

describe('s3 storage against a failing store', () => {
  it('aborts the multipart upload when a part keeps failing, leaving no object', async () => {
    const storage = adapters.find((a) => a.name === 's3')!.storage;
    s3.failNext('UploadPart', 10);
    await expect(storage.put('tmp/failing', generated(11 * MiB))).rejects.toThrow();
    s3.failNext('UploadPart', 0);
    expect(s3.objects.has('tmp/failing')).toBe(false);
    expect([...s3.openUploads.values()].filter((u) => u.key === 'tmp/failing')).toEqual([]);
    expect(s3.log.some((l) => l.startsWith('DELETE AbortMultipartUpload tmp/failing'))).toBe(true);
  });
});
