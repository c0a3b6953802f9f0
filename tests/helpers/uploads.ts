// Files and multipart requests for upload tests: real formats (made with sharp or byte by byte), exact sizes.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export const MiB = 1024 * 1024;

export interface UploadFile {
  name: string;
  /** What the client claims; the server must ignore it. */
  type: string;
  data: Uint8Array;
}

/** A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec) with files at `variables.<field>.<i>`. */
export function multipartForm(query: string, variables: Record<string, unknown>, files: UploadFile[], field = 'files'): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, [field]: files.map(() => null) } }));
  form.append('map', JSON.stringify(Object.fromEntries(files.map((_f, i) => [String(i), [`variables.${field}.${i}`]]))));
  files.forEach((file, i) => form.append(String(i), new Blob([file.data], { type: file.type }), file.name));
  return form;
}

export const UPLOAD_MUTATION = `mutation Upload($caseId: ID!, $kind: DocumentKind!, $files: [Upload!]!) {
  uploadCaseDocuments(caseId: $caseId, kind: $kind, files: $files) {
    id kind fileName contentType sizeBytes sha256 mediaType url thumbnailUrl width height durationMs uploadedBy { username }
  }
}`;

const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A valid PNG (64×48, a colour per seed) of exactly `size` bytes: padded with a private ancillary chunk. */
export async function png(size?: number, seed = 1): Promise<Buffer> {
  const base = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: (seed * 53) % 256, g: (seed * 97) % 256, b: 120 } } }).png().toBuffer();
  if (size === undefined) return base;
  const padding = size - base.length - 12;
  if (padding < 0) throw new Error(`a PNG cannot be smaller than ${base.length + 12} bytes`);
  const iend = base.length - 12;
  return Buffer.concat([base.subarray(0, iend), chunk('rhPd', Buffer.alloc(padding, 7)), base.subarray(iend)]);
}

export const jpeg = (seed = 1) => sharp({ create: { width: 80, height: 60, channels: 3, background: { r: seed * 40, g: 90, b: 30 } } }).jpeg().toBuffer();
export const webp = () => sharp({ create: { width: 40, height: 40, channels: 3, background: '#2266aa' } }).webp().toBuffer();

const box = (type: string, payload: Buffer): Buffer => {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
};

/** ftyp + moov (with an mvhd of `durationMs`). */
function movieHeader(brand: string, durationMs: number): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from(brand, 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from(`${brand}mp41`, 'latin1')]));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(0, 0); // version 0, flags
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(durationMs, 16); // duration
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd))]);
}

/** An ISO-BMFF video (MP4 `isom`, or QuickTime `qt  `) with an mvhd of `durationMs`, padded by `mdat` to `size` bytes. */
export function video(options: { size?: number; durationMs?: number; brand?: 'isom' | 'qt  ' } = {}): Buffer {
  const head = movieHeader(options.brand ?? 'isom', options.durationMs ?? 12_345);
  const mdatPayload = Math.max(0, (options.size ?? head.length + 1024) - head.length - 8);
  return Buffer.concat([head, box('mdat', Buffer.alloc(mdatPayload, 1))]);
}

export const pdf = () =>
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const html = () => Buffer.from('<!doctype html><html><body><script>fetch("/graphql")</script></body></html>'.padEnd(5000, ' '));
export const svg = () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

export const file = (name: string, type: string, data: Uint8Array): UploadFile => ({ name, type, data });

/** The first bytes of an MP4 of `size` bytes: ftyp, moov with mvhd, and the header of an mdat filling the rest. */
export function videoHead(size: number, durationMs = 60_000): Buffer {
  const head = movieHeader('isom', durationMs);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(size - head.length);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([head, mdat]);
}
