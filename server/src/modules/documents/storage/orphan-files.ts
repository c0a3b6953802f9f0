import type { EntityManager } from '@mikro-orm/postgresql';
import { type FileStorage, TEMP_PREFIX, assertValidKey } from './file-storage.js';

/** A stored file no row points at is removed only after this long (an upload's row may still be committing). */
export const ORPHAN_GRACE_MS = 24 * 3_600_000;
const BATCH = 500;

/**
 * Every column that holds a storage key. A key found in any of them is never deleted; a new column holding
 * storage keys must be added here (tests/storage/orphan-files.test.ts lists them from the schema and fails otherwise).
 */
export const STORAGE_KEY_COLUMNS = [
  { table: 'evidence_documents', column: 'storage_key' },
  { table: 'evidence_documents', column: 'thumbnail_key' },
  { table: 'return_cases', column: 'label_storage_key' },
] as const;

const REFERENCED_SQL = `select k from json_array_elements_text(?::json) as k where ${STORAGE_KEY_COLUMNS.map(
  ({ table, column }) => `exists (select 1 from "${table}" t where t."${column}" = k)`,
).join(' or ')}`;

/** Files that are not ours (an editor's or the OS's droppings, names outside the key alphabet) are left alone. */
function isOurKey(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes stored files that no row references and that were last written more than `graceMs` ago: what a crash
 * between storing a file and committing its row leaves behind. Temporary uploads (`tmp/`) have their own sweep.
 * Keys are checked against the database in batches right before they are deleted; a failed check deletes nothing.
 */
export async function sweepOrphanFiles(storage: FileStorage, em: EntityManager, now: Date, graceMs = ORPHAN_GRACE_MS): Promise<{ examined: number; removed: string[] }> {
  const cutoff = now.getTime() - graceMs;
  const removed: string[] = [];
  let examined = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const referenced = new Set((await em.getConnection().execute<Array<{ k: string }>>(REFERENCED_SQL, [JSON.stringify(batch)])).map((row) => row.k));
    for (const key of batch) {
      if (referenced.has(key)) continue;
      await storage.delete(key);
      removed.push(key);
    }
    batch = [];
  };
  for await (const object of storage.list('')) {
    examined++;
    if (object.key.startsWith(TEMP_PREFIX) || object.lastModified.getTime() >= cutoff || !isOurKey(object.key)) continue;
    batch.push(object.key);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { examined, removed };
}
