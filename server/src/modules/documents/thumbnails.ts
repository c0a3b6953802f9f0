import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../errors/domain-error.js';
import { TaskName, queueJobs } from '../../shared/job-queue.js';
import { PREVIEW_READY, announceCaseRefresh } from '../live/case-change-feed.js';
import { mediaClassOf } from './document-policy.js';
import { EvidenceDocument } from './evidence-document.entity.js';
import { THUMBNAIL_CONTENT_TYPE, makeThumbnail } from './previews.js';
import type { FileStorage } from './storage/file-storage.js';

/**
 * Image thumbnails are made in the background (issue 9): decoding a picture takes 1.5–6 MB per image, which the
 * upload request no longer holds. The upload's transaction enqueues one `make_document_thumbnail` job per image
 * with its rows, so a committed image always has its job (at least once) and a rolled-back upload has none.
 * Until the job has run, the preview route serves the original image (the browser scales it down).
 */

/** Attempts of the job: storage or database trouble. An undecodable image is not retried: it is marked instead. */
export const THUMBNAIL_JOB_ATTEMPTS = 5;

/**
 * Thumbnail jobs run one at a time (a graphile-worker named queue): the worker's memory for decoding stays that of
 * one image (≈ 1.5–6 MB), however many uploads arrive together, and the worker's other slots stay free for other
 * jobs. Without it, up to WORKER_CONCURRENCY (5) images decode at once in the process that also serves the API
 * (`npm start`). The queue kept up with the bench's busiest upload run (done 0.1–0.2 s after the last upload, with
 * `npm run bench -- --worker`); until a thumbnail exists the preview is the original image.
 */
export const THUMBNAIL_QUEUE = 'document_thumbnails';

/** One job per document: enqueueing again while it waits replaces it instead of adding another. */
export const thumbnailJobKey = (documentId: string): string => `thumbnail:${documentId}`;

/** The thumbnail's key is fixed by the file's: a repeated job overwrites the same object, never leaves a second one. */
export const thumbnailKeyOf = (storageKey: string): string => `${storageKey}.thumb.webp`;

/** In the upload's transaction: the thumbnail jobs of the images among `documents` (others have placeholders). */
export function enqueueThumbnails(tx: EntityManager, documents: readonly EvidenceDocument[]): void {
  queueJobs(
    tx,
    documents
      .filter((doc) => mediaClassOf(doc.contentType) === 'image')
      .map((doc) => ({ task: TaskName.MAKE_DOCUMENT_THUMBNAIL, payload: { documentId: doc.id }, jobKey: thumbnailJobKey(doc.id), maxAttempts: THUMBNAIL_JOB_ATTEMPTS, queueName: THUMBNAIL_QUEUE })),
  );
}

export type ThumbnailOutcome =
  /** Made and recorded now. */
  | 'made'
  /** A previous run made it (the row points to a stored thumbnail). */
  | 'done-before'
  /** The image cannot be decoded (now or before): marked, so its preview is the placeholder. */
  | 'unreadable'
  /** The document is gone (its case deleted): nothing to do; a thumbnail written meanwhile is removed. */
  | 'no-document'
  /** Not an image: videos and PDFs have fixed placeholders. */
  | 'not-an-image';

/**
 * The job's work, idempotent: reads the row, decodes the stored image into the 320 px WEBP (`makeThumbnail`: from
 * the file path on local disk, read in pieces by libvips), stores it under the fixed key, then records key, width
 * and height. Storage or database failures throw (the queue retries them); an undecodable image is recorded in
 * `thumbnail_error` and not retried.
 */
export async function makeDocumentThumbnail(em: EntityManager, storage: FileStorage, documentId: string): Promise<ThumbnailOutcome> {
  const doc = await em.findOne(EvidenceDocument, { id: documentId });
  if (!doc) return 'no-document';
  if (mediaClassOf(doc.contentType) !== 'image') return 'not-an-image';
  if (doc.thumbnailError) return 'unreadable';
  if (doc.thumbnailKey && (await storage.exists(doc.thumbnailKey))) return 'done-before';

  // A committed row has its file (it was moved before the commit): a missing one is a fault worth retrying and
  // then showing in failedJobs, so storage.get's StorageObjectNotFound is left to fail the job.
  const localPath = storage.localPath?.(doc.storageKey);
  if (localPath && !(await storage.exists(doc.storageKey))) throw new Error(`The stored file of document ${documentId} is missing (${doc.storageKey}).`);
  const source = localPath ?? (await storage.get(doc.storageKey));
  let readError: unknown = null;
  if (typeof source !== 'string') source.once('error', (error) => (readError = error));

  let thumbnail;
  try {
    thumbnail = await makeThumbnail(source);
  } catch (error) {
    // makeThumbnail reports every failure as an unreadable image; a failed read of the stored file is not one.
    if (readError) throw readError;
    if (!(error instanceof DomainError)) throw error;
    await em.nativeUpdate(EvidenceDocument, { id: documentId, thumbnailKey: null }, { thumbnailError: error.message.slice(0, 300) });
    await announceCaseRefresh(em, doc.returnCase.id, PREVIEW_READY);
    return 'unreadable';
  }

  const key = thumbnailKeyOf(doc.storageKey);
  await storage.put(key, thumbnail.data, { contentType: THUMBNAIL_CONTENT_TYPE });
  const updated = await em.nativeUpdate(EvidenceDocument, { id: documentId }, { thumbnailKey: key, width: thumbnail.width, height: thumbnail.height, thumbnailError: null });
  if (updated === 0) {
    // Deleted while the picture was being made: leave no orphan.
    await storage.delete(key);
    return 'no-document';
  }
  // Open case pages reload and show the thumbnail (best effort: a page opened later reads it anyway).
  await announceCaseRefresh(em, doc.returnCase.id, PREVIEW_READY);
  return 'made';
}
