import { randomUUID } from 'node:crypto';
import type { LabelStore } from '../../fulfilment/label-store.js';
import { type FileStorage, readObject } from './file-storage.js';

/** Return-label PDFs (fulfilment's `LabelStore`), kept on the same storage port as documents. */
const MAX_LABEL_BYTES = 5 * 1024 * 1024;

export function labelStoreOn(storage: FileStorage): LabelStore {
  return {
    async saveLabel(caseId, pdf) {
      // Random keys like documents; the case id only groups them (it is a UUID, so the key stays valid).
      const key = `labels/${caseId.toLowerCase()}/${randomUUID()}.pdf`;
      await storage.put(key, pdf, { contentType: 'application/pdf' });
      return key;
    },
    readLabel: (key) => readObject(storage, key, MAX_LABEL_BYTES),
  };
}

/** Uploads interrupted by a crash leave objects under tmp/; anything older than a day there is garbage (a job runs this). */
export function sweepTemporaryUploads(storage: FileStorage, now: Date, maxAgeMs = 24 * 3_600_000): Promise<number> {
  return storage.deleteStale('tmp/', new Date(now.getTime() - maxAgeMs));
}
