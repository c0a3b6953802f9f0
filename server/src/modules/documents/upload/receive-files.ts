import { pipeline } from 'node:stream';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import { DomainError, ErrorCode, serviceUnavailable } from '../../../errors/domain-error.js';
import {
  type DocumentCounts,
  type MediaClass,
  MAX_FILE_BYTES,
  acceptedType,
  addToCounts,
  assertWithinCaseLimits,
  tooLarge,
} from '../document-policy.js';
import type { DocumentKind } from '../document.enums.js';
import { type FileStorage, newDocumentKey, newTempKey } from '../storage/file-storage.js';
import { sanitizeFileName } from './file-name.js';
import { FileInspector } from './file-inspector.js';

/**
 * One uploaded file, stored under a temporary key, checked and hashed; not yet attached to a case. Images are not
 * decoded here: their thumbnail (and width, height) comes from a job enqueued with their rows (`thumbnails.ts`).
 */
export interface ReceivedFile {
  fileName: string;
  contentType: string;
  media: MediaClass;
  sizeBytes: number;
  sha256: string;
  tempKey: string;
  finalKey: string;
  durationMs: number | null;
}

/** Bytes read from an upload's temporary copy at a time: one request piece (fs-capacitor's default is 16 KiB). */
const READ_PIECE_BYTES = 64 * 1024;

/** What the multipart layer (graphql-upload: busboy, each file buffered to a temporary file by fs-capacitor) fails a file with, as the product's coded errors. */
function uploadStreamError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if ((error as { status?: number } | null)?.status === 413) return tooLarge(MAX_FILE_BYTES);
  return new DomainError(ErrorCode.BAD_USER_INPUT, 'The upload did not arrive complete or could not be read. Try again.', { rule: 'UPLOAD_INCOMPLETE' });
}

/**
 * Streams each file of a request to a temporary key: type sniffed from the bytes and checked against what `kind`
 * accepts, per-file size limit enforced while streaming, per-case limits checked as each type becomes known
 * (`counts` starts at what the case already holds), sha256 computed on the way. No image is decoded during the
 * request (issue 9: memory per concurrent upload); the thumbnail job does that after the commit.
 * All or nothing: on any failure everything stored so far is deleted and the coded error is thrown.
 */
export async function receiveFiles(storage: FileStorage, kind: DocumentKind, uploads: Array<Promise<FileUpload>>, counts: DocumentCounts): Promise<ReceivedFile[]> {
  const received: ReceivedFile[] = [];
  try {
    for (const upload of uploads) {
      // A rejected upload promise is always the multipart layer's (malformed request, client gone, too many files).
      const file = await upload.catch((error: unknown) => Promise.reject(uploadStreamError(error)));
      received.push(await receiveFile(storage, kind, file, counts));
    }
    return received;
  } catch (error) {
    await discardFiles(storage, received);
    throw error;
  }
}

async function receiveFile(storage: FileStorage, kind: DocumentKind, file: FileUpload, counts: DocumentCounts): Promise<ReceivedFile> {
  const inspector = new FileInspector((detected) => {
    const accepted = acceptedType(kind, detected);
    addToCounts(counts, accepted.media);
    assertWithinCaseLimits(kind, counts);
    return accepted;
  });
  const tempKey = newTempKey();
  let source;
  try {
    // Throws when the file already failed (over the parser's cap, client gone) before this resolver got to it.
    // The file is read from graphql-upload's temporary copy as it fills, in pieces the size of the request's.
    source = file.createReadStream({ highWaterMark: READ_PIECE_BYTES });
  } catch (error) {
    throw uploadStreamError(error);
  }
  // The upload's own failures (client gone, malformed multipart, parser size cap) are the client's problem;
  // a failing store is ours: SERVICE_UNAVAILABLE (nothing was kept; a retry may succeed), its cause logged.
  let sourceError: unknown;
  source.once('error', (error) => (sourceError = error));
  let stored;
  try {
    stored = await storage.put(tempKey, pipeline(source, inspector, () => undefined));
  } catch (error) {
    // The store may give up without consuming the rest: stop reading the temporary copy.
    inspector.destroy();
    if (error instanceof DomainError) throw error;
    throw sourceError ? uploadStreamError(sourceError) : storageFailed(error);
  }
  const accepted = inspector.accepted!;
  return {
    fileName: sanitizeFileName(file.filename, accepted.extensions),
    contentType: accepted.contentType,
    media: accepted.media,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
    tempKey,
    finalKey: newDocumentKey(),
    durationMs: inspector.durationMs,
  };
}

/** Moves received files to their final keys: called inside the transaction that inserts their rows. */
export async function commitFiles(storage: FileStorage, files: ReceivedFile[]): Promise<void> {
  try {
    for (const file of files) await storage.move(file.tempKey, file.finalKey);
  } catch (error) {
    throw storageFailed(error);
  }
}

const storageFailed = (cause: unknown): DomainError =>
  serviceUnavailable('File storage is unavailable, so the upload was not kept. Try again.', cause);

/** Deletes received files wherever they are (temporary or final key): the compensation of a failed upload. */
export async function discardFiles(storage: FileStorage, files: ReceivedFile[]): Promise<void> {
  const keys = files.flatMap((f) => [f.tempKey, f.finalKey]);
  await Promise.allSettled(keys.map((key) => storage.delete(key)));
}
