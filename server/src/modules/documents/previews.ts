import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { DomainError, ErrorCode } from '../../errors/domain-error.js';
import type { MediaClass } from './document-policy.js';

// A server processes many small images: libvips' operation cache would only hold memory between them.
sharp.cache(false);

/** Larger images are refused rather than decoded (decompression bombs: a tiny PNG can claim 50,000 × 50,000 pixels). */
export const MAX_IMAGE_PIXELS = 100_000_000;
export const THUMBNAIL_SIZE = 320;
export const THUMBNAIL_CONTENT_TYPE = 'image/webp';

export interface Thumbnail {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes the image (which proves the sniffed type: a file with a PNG signature and garbage after it is refused)
 * and renders a small WEBP for the gallery, oriented by its EXIF data, with all metadata (e.g. GPS) dropped.
 * Given a file path (the upload already stored on local disk) libvips reads it in pieces; a streamed input is
 * buffered whole by sharp, which is bounded by the image size limits.
 */
export async function makeThumbnail(source: Readable | string): Promise<Thumbnail> {
  const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', sequentialRead: true } as const;
  // A file path is read by libvips itself, in pieces; a stream is first collected whole in memory by sharp.
  const image = typeof source === 'string' ? sharp(source, options) : sharp(options);
  if (typeof source !== 'string') {
    source.on('error', (error) => image.destroy(error));
    source.pipe(image);
  }
  try {
    const meta = await image.metadata();
    const oriented = (meta.orientation ?? 1) >= 5;
    const { data } = await image
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 72 })
      .toBuffer({ resolveWithObject: true });
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    return { data, width: oriented ? height : width, height: oriented ? width : height };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'This image could not be read: it is damaged, or larger than 100 megapixels.', { rule: 'UNREADABLE_IMAGE' });
  }
}

const PLACEHOLDER_SVG: Record<MediaClass, string> = {
  // A picture frame with a mountain: an image whose preview could not be made (it could not be decoded).
  image: `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">
    <rect width="320" height="240" fill="#f3f4f6"/><rect x="90" y="60" width="140" height="110" rx="8" fill="#ffffff" stroke="#9ca3af" stroke-width="6"/>
    <path d="M102 158 L142 112 L168 138 L186 120 L218 158 Z" fill="#d1d5db"/><circle cx="192" cy="88" r="10" fill="#d1d5db"/>
    <rect x="110" y="190" width="100" height="8" rx="4" fill="#d1d5db"/></svg>`,
  // A play button: the web app shows the duration from the API next to it.
  video: `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">
    <rect width="320" height="180" fill="#1f2937"/><circle cx="160" cy="90" r="38" fill="#f9fafb" fill-opacity="0.92"/>
    <path d="M147 68 L147 112 L184 90 Z" fill="#1f2937"/></svg>`,
  // A page with a folded corner.
  pdf: `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320" viewBox="0 0 240 320">
    <rect width="240" height="320" fill="#f3f4f6"/><path d="M60 40 H150 L190 80 V280 H60 Z" fill="#ffffff" stroke="#9ca3af" stroke-width="6"/>
    <path d="M150 40 V80 H190" fill="#e5e7eb" stroke="#9ca3af" stroke-width="6"/><rect x="82" y="120" width="86" height="10" fill="#dc2626"/>
    <rect x="82" y="150" width="86" height="8" fill="#d1d5db"/><rect x="82" y="172" width="86" height="8" fill="#d1d5db"/><rect x="82" y="194" width="60" height="8" fill="#d1d5db"/></svg>`,
};
const placeholders = new Map<MediaClass, Promise<Buffer>>();

/**
 * A fixed PNG for files without a thumbnail of their own: videos (no frame extraction without native tools), PDFs,
 * and images whose thumbnail job found them undecodable.
 */
export function placeholderPng(media: MediaClass): Promise<Buffer> {
  let cached = placeholders.get(media);
  if (!cached) {
    cached = sharp(Buffer.from(PLACEHOLDER_SVG[media])).png().toBuffer();
    placeholders.set(media, cached);
  }
  return cached;
}
