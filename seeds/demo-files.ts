import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import { EvidenceDocument } from '../server/src/modules/documents/evidence-document.entity.js';
import { THUMBNAIL_CONTENT_TYPE, makeThumbnail } from '../server/src/modules/documents/previews.js';
import type { FileStorage } from '../server/src/modules/documents/storage/file-storage.js';
import type { CarrierPort } from '../server/src/modules/fulfilment/carrier-port.js';
import { returnLabelRequest } from '../server/src/modules/fulfilment/fulfilment-effects.js';
import { ReturnCase } from '../server/src/modules/returns/return-case.entity.js';

/**
 * The files behind the demo cases (SPEC §10: "with evidence"): photos of the returned product drawn from SVG, their
 * gallery thumbnails, and the return labels of approved cases. The seed writes the rows (demo-data.ts); these
 * functions give the bytes those rows describe and put them in storage when they are missing (`ensureDemoFiles`),
 * so a fresh data folder, a wiped one, or an S3 bucket next to an existing database all end up complete.
 */

export type DemoPhotoView = 'overview' | 'detail' | 'inspection' | 'packed';

export interface DemoPhoto {
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
  thumbnail: Buffer;
}

const WIDTH = 960;
const HEIGHT = 720;

/** Storage keys of a demo document and its thumbnail: fixed, so the seed and `ensureDemoFiles` agree. */
export const demoPhotoKey = (caseIndex: number, position: number, view: DemoPhotoView) => `documents/demo/case-${caseIndex}-${position}-${view}.jpg`;
export const demoThumbnailKey = (photoKey: string) => photoKey.replace(/\.jpg$/, '.thumb.webp');
export const demoLabelKey = (caseId: string) => `labels/${caseId}/demo.pdf`;
const DEMO_PHOTO = /^documents\/demo\/case-\d+-\d+-(overview|detail|inspection|packed)\.jpg$/;

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A product on a table, coloured by its SKU; the detail view circles the fault, the inspection view is on the bench,
 * the packed view stands it in its open shipping box (the customer's shipment photo).
 */
function photoSvg(sku: string, name: string, view: DemoPhotoView): string {
  const hue = createHash('sha256').update(sku).digest()[0] * 1.4;
  const body = `hsl(${hue.toFixed(0)}, 45%, 34%)`;
  const panel = `hsl(${hue.toFixed(0)}, 40%, 52%)`;
  const wall = view === 'inspection' ? ['#eef0f2', '#d5d9de'] : ['#e8eef7', '#c9d6ea'];
  const table = view === 'inspection' ? '#8d949c' : '#b9a58a';
  const zoom = view === 'detail' ? 1.5 : 1;
  const w = 360 * zoom;
  const h = 300 * zoom;
  const x = (WIDTH - w) / 2;
  const y = 520 - h;
  const caption = `${name} · ${{ overview: 'as received', detail: 'close-up of the fault', inspection: 'inspection bench', packed: 'packed for the return' }[view]}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${wall[0]}"/><stop offset="1" stop-color="${wall[1]}"/></linearGradient>
    <radialGradient id="shadow" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#000" stop-opacity="0.35"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#wall)"/>
  <rect y="470" width="${WIDTH}" height="250" fill="${table}"/>
  <ellipse cx="480" cy="530" rx="${w * 0.72}" ry="40" fill="url(#shadow)"/>
  <rect x="${x}" y="${y}" width="${w}" height="${h}" rx="28" fill="${body}"/>
  <rect x="${x + 30 * zoom}" y="${y + 30 * zoom}" width="${w - 60 * zoom}" height="${60 * zoom}" rx="12" fill="${panel}"/>
  ${view === 'inspection'
    ? `<rect x="80" y="560" width="220" height="90" rx="8" fill="#fff"/><text x="100" y="600" font-family="sans-serif" font-size="26" fill="#111827">Checked</text>
       <text x="100" y="634" font-family="sans-serif" font-size="20" fill="#4b5563">${escapeXml(sku)}</text>`
    : `<path d="M${x + w * 0.6} ${y + h * 0.25} l${40 * zoom} ${60 * zoom} l${-25 * zoom} ${20 * zoom} l${55 * zoom} ${70 * zoom}" stroke="#f8f8f8" stroke-width="${7 * zoom}" fill="none"/>`}
  ${view === 'packed' ? `<rect x="${x - 50}" y="${y + h * 0.45}" width="${w + 100}" height="${h * 0.55 + 20}" fill="#c8a165"/><rect x="${x - 50}" y="${y + h * 0.6}" width="${w + 100}" height="26" fill="#d9c9a3"/>` : ''}
  ${view === 'detail' ? `<circle cx="${x + w * 0.6 + 35 * zoom}" cy="${y + h * 0.25 + 75 * zoom}" r="${95 * zoom}" fill="none" stroke="#e11d48" stroke-width="10"/>` : ''}
  <text x="40" y="690" font-family="sans-serif" font-size="28" fill="#111827">${escapeXml(caption)}</text>
</svg>`;
}

const photos = new Map<string, Promise<DemoPhoto>>();

/** The photo of a product in a view: the same bytes every time (the seed records their size and sha256). */
export function demoPhoto(sku: string, name: string, view: DemoPhotoView): Promise<DemoPhoto> {
  const key = `${sku}:${view}`;
  let photo = photos.get(key);
  if (!photo) {
    photo = (async () => {
      const bytes = await sharp(Buffer.from(photoSvg(sku, name, view))).jpeg({ quality: 80 }).toBuffer();
      const thumbnail = await makeThumbnail(Readable.from([bytes]));
      return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), width: WIDTH, height: HEIGHT, thumbnail: thumbnail.data };
    })();
    photos.set(key, photo);
  }
  return photo;
}

/** The view a demo document shows, read back from its key. */
const viewOf = (key: string): DemoPhotoView => DEMO_PHOTO.exec(key)![1] as DemoPhotoView;

/**
 * Puts every demo file the database points to but storage lacks: photos with their thumbnails, and the labels of
 * approved cases (rendered by the carrier port, as an approval would). Returns how many files it wrote.
 */
export async function ensureDemoFiles(em: EntityManager, storage: FileStorage, carrier: CarrierPort): Promise<number> {
  let written = 0;
  const documents = await em.find(EvidenceDocument, { storageKey: { $like: 'documents/demo/%' } }, { populate: ['returnCase.items.orderItem'] });
  for (const document of documents) {
    if (!DEMO_PHOTO.test(document.storageKey)) continue;
    const missing = !(await storage.exists(document.storageKey)) || (document.thumbnailKey !== null && !(await storage.exists(document.thumbnailKey)));
    if (!missing) continue;
    const item = [...document.returnCase.items.getItems()].sort((a, b) => a.position - b.position)[0].orderItem;
    const photo = await demoPhoto(item.sku, item.name, viewOf(document.storageKey));
    await storage.put(document.storageKey, photo.bytes, { contentType: 'image/jpeg' });
    if (document.thumbnailKey) await storage.put(document.thumbnailKey, photo.thumbnail, { contentType: THUMBNAIL_CONTENT_TYPE });
    written++;
  }
  const labelled = await em.find(ReturnCase, { labelStorageKey: { $like: 'labels/%/demo.pdf' } });
  for (const rc of labelled) {
    if (await storage.exists(rc.labelStorageKey!)) continue;
    const label = await carrier.issueReturnLabel(await returnLabelRequest(em, rc, rc.labelIssuedAt ?? rc.createdAt));
    await storage.put(rc.labelStorageKey!, label.pdf, { contentType: 'application/pdf' });
    written++;
  }
  return written;
}
