import type { Task } from 'graphile-worker';
import { makeDocumentThumbnail } from '../../modules/documents/thumbnails.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/**
 * The preview of an uploaded image, made after its upload committed (enqueued in the same transaction as the row).
 * Safe to repeat: a made thumbnail is seen done, a remade one overwrites the same key. A deleted document is
 * skipped; an undecodable image is marked (placeholder preview) and completes the job, so it is not retried.
 */
export const makeDocumentThumbnailTask = (deps: WorkerDeps): Task => async (payload) => {
  const { documentId } = payloadStrings(payload, 'documentId');
  const outcome = await makeDocumentThumbnail(deps.orm.em.fork(), deps.storage, documentId);
  if (outcome === 'unreadable') deps.logger.warn({ documentId }, 'uploaded image could not be decoded; its preview is the placeholder');
  else if (outcome === 'no-document') deps.logger.info({ documentId }, 'thumbnail job for a deleted document: nothing to do');
};
