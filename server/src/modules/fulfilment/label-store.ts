import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUuid } from '../../shared/ids.js';

/**
 * Where return labels are kept. A small port of its own for now, so the general file-storage port (local disk or
 * S3-compatible, built with uploads) can replace the adapter without touching the fulfilment code.
 */
export interface LabelStore {
  /** Stores the label of a case and returns its storage key. */
  saveLabel(caseId: string, pdf: Uint8Array): Promise<string>;
  /** The stored label; null (or an error named `…NotFound`, as the storage port throws) when there is none. */
  readLabel(storageKey: string): Promise<Buffer | null>;
}

const KEY = /^labels\/([0-9a-f-]{36})\.pdf$/;

/** Labels on local disk under `${DATA_DIR}/files/labels/<caseId>.pdf`. */
export class LocalLabelStore implements LabelStore {
  constructor(private readonly filesDir: string) {}

  async saveLabel(caseId: string, pdf: Uint8Array): Promise<string> {
    if (!isUuid(caseId)) throw new Error(`not a case id: ${caseId}`);
    const key = `labels/${caseId.toLowerCase()}.pdf`;
    const path = join(this.filesDir, key);
    await mkdir(join(this.filesDir, 'labels'), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, pdf);
    await rename(temporary, path);
    return key;
  }

  async readLabel(storageKey: string): Promise<Buffer | null> {
    // Keys come from the database, but are still checked: nothing outside labels/ can be read through here.
    if (!KEY.test(storageKey)) return null;
    try {
      return await readFile(join(this.filesDir, storageKey));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
