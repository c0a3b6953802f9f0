// The upload scenarios: customers adding evidence to their active cases through the GraphQL multipart request spec
// (`apollo-require-preflight`, a declared Content-Length), a 5 MB image and a 50 MB video, from 1 and from N
// concurrent uploaders. Written over node:http rather than autocannon so a 50 MB body is streamed from one shared
// filler chunk instead of being built in memory per request. Measures MB/s of file bytes stored (local disk), the
// server's CPU per upload and its peak RSS over the RSS before the run, per concurrent upload.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { MemorySample } from './protocol.js';

export const MB = 1_000_000;

export const UPLOAD_EVIDENCE = `mutation BenchUpload($caseId: ID!, $files: [Upload!]!) {
  uploadCaseDocuments(caseId: $caseId, kind: EVIDENCE, files: $files) { id sizeBytes contentType }
}`;

export interface UploadFile {
  name: string;
  type: string;
  /** The first bytes (the whole file for an image); the rest is filler. */
  head: Buffer;
  size: number;
}

const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A valid PNG of exactly `size` bytes (a small picture padded with a private ancillary chunk). */
export async function benchImage(size: number): Promise<UploadFile> {
  const base = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 60 } } }).png().toBuffer();
  const iend = base.length - 12;
  const padded = Buffer.concat([base.subarray(0, iend), pngChunk('rhPd', Buffer.alloc(size - base.length - 12, 7)), base.subarray(iend)]);
  return { name: 'evidence.png', type: 'image/png', head: padded, size };
}

const box = (type: string, payload: Buffer): Buffer => {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
};

/** An MP4 of `size` bytes: ftyp, moov with an mvhd (60 s), and the header of an mdat filling the rest. */
export function benchVideo(size: number): UploadFile {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41', 'latin1')]));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(60_000, 16);
  const head = Buffer.concat([ftyp, box('moov', box('mvhd', mvhd))]);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(size - head.length);
  mdat.write('mdat', 4, 'latin1');
  return { name: 'evidence.mp4', type: 'video/mp4', head: Buffer.concat([head, mdat]), size };
}

const FILLER = Buffer.alloc(256 * 1024, 0x5a);

/** One multipart upload; resolves with the response's status and JSON. */
export function uploadOnce(url: string, cookie: string, caseId: string, file: UploadFile): Promise<{ status: number; json: any }> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const prefix = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: UPLOAD_EVIDENCE, variables: { caseId, files: [null] } })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n${JSON.stringify({ 0: ['variables.files.0'] })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
  );
  const suffix = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(prefix.length + file.size + suffix.length),
        'apollo-require-preflight': 'true',
        cookie,
      },
    });
    req.on('response', async (res) => {
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of res) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: reported as is
        }
        resolve({ status: res.statusCode ?? 0, json });
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
    const write = (data: Buffer) => new Promise<void>((done) => (req.write(data) ? done() : req.once('drain', done)));
    void (async () => {
      await write(prefix);
      await write(file.head);
      for (let sent = file.head.length; sent < file.size; ) {
        const n = Math.min(FILLER.length, file.size - sent);
        await write(n === FILLER.length ? FILLER : FILLER.subarray(0, n));
        sent += n;
      }
      await write(suffix);
      req.end();
    })().catch(reject);
  });
}

export interface UploadTarget {
  caseId: string;
  cookie: string;
}

export interface UploadLoad {
  connections: number;
  seconds: number;
  uploads: number;
  megabytesPerSecond: number;
  uploadsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number };
  errors: number;
  serverCpuMsPerUpload: number;
  /** Peak RSS during the run over the RSS just before it, per concurrent upload. */
  rssGrowthMbPerUpload: number;
  peakRssMb: number;
  /**
   * The server's memory by kind, sampled every 20 ms (bench/server-child.ts): peaks in MB, and growth (peak during
   * the run over the value just before it) per concurrent upload. Without a forced collection: garbage included.
   */
  memory?: UploadMemory;
  exhausted: boolean;
  /** With --worker: how long after the last upload its background jobs (thumbnails) took to finish; null without. */
  jobsDrainSeconds: number | null;
}

export interface UploadMemory {
  samples: number;
  peakMb: MemorySample;
  growthMbPerUpload: MemorySample;
}

/**
 * A short run on a server started with --expose-gc whose sampler forces collections before each sample (a full one,
 * then a minor one that waits for the dead Buffers' bytes to be freed; see bench/server-child.ts): the growth per
 * concurrent upload is then what uploads hold LIVE (in flight), apart from garbage awaiting collection. Only memory is
 * read from it (the forced collections cost CPU and throughput).
 */
export interface UploadProbe {
  connections: number;
  uploads: number;
  errors: number;
  live: UploadMemory;
}

export const memoryFigures = (base: MemorySample, peak: MemorySample, samples: number, connections: number): UploadMemory => {
  const figures = (f: (key: keyof MemorySample) => number) =>
    ({ rss: f('rss'), heapUsed: f('heapUsed'), external: f('external'), arrayBuffers: f('arrayBuffers') }) satisfies MemorySample;
  return {
    samples,
    peakMb: figures((key) => peak[key] / 2 ** 20),
    growthMbPerUpload: figures((key) => Math.max(0, peak[key] - base[key]) / 2 ** 20 / connections),
  };
};

/**
 * `connections` uploaders for `seconds` (each finishes the upload it has started), each taking the next target
 * from `nextTarget` (undefined: out of cases with room; the run stops early and says so).
 */
export async function runUploads(
  url: string,
  file: UploadFile,
  nextTarget: () => UploadTarget | undefined,
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; errors: number; wallMs: number; exhausted: boolean; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let exhausted = false;
  let firstError: string | undefined;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const target = nextTarget();
        if (!target) {
          exhausted = true;
          return;
        }
        const t0 = process.hrtime.bigint();
        try {
          const { status, json } = await uploadOnce(url, target.cookie, target.caseId, file);
          const doc = json?.data?.uploadCaseDocuments?.[0];
          if (status !== 200 || json?.errors || doc?.sizeBytes !== file.size) {
            errors++;
            firstError ??= JSON.stringify(json).slice(0, 300);
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { latencies, errors, wallMs: Number(process.hrtime.bigint() - started) / 1e6, exhausted, firstError };
}
