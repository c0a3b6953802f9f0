// No orphan files (issue #18): a crash between storing a file and committing its row leaves a file nobody
// references; the hourly sweep removes such files once they are a day old, and never a file any row references
// (documents, their thumbnails, return labels, the demo files), nor a recent one whose row may still be committing.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStorage } from '../../server/src/modules/documents/storage/file-storage.js';
import { LocalFileStorage } from '../../server/src/modules/documents/storage/local-file-storage.js';
import { STORAGE_KEY_COLUMNS, sweepOrphanFiles } from '../../server/src/modules/documents/storage/orphan-files.js';
import { S3FileStorage } from '../../server/src/modules/documents/storage/s3-file-storage.js';
import { type S3StandIn, startS3StandIn } from '../helpers/s3-stand-in.js';
import { type TestDatabase, createTestDatabase } from '../helpers/test-db.js';

const DAY = 24 * 3_600_000;
/** Columns whose names say "key" but hold no storage key. */
const NOT_STORAGE_KEYS = new Set(['rate_limit_counters.key', 'mail_deliveries.dedup_key', 'dev_mailbox_messages.dedup_key', 'refunds.idempotency_key', 'simulated_provider_refunds.idempotency_key', 'store_credit_movements.idempotency_key']);

describe('the orphan-file sweep', () => {
  let db: TestDatabase;
  let s3: S3StandIn;
  let localRoot: string;
  let referenced: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    s3 = await startS3StandIn();
    localRoot = mkdtempSync(join(tmpdir(), 'returnhub-orphans-'));
    const conn = db.orm.em.getConnection();
    const [doc] = await conn.execute<Array<{ storage_key: string; thumbnail_key: string }>>('select storage_key, thumbnail_key from evidence_documents where thumbnail_key is not null limit 1');
    const [label] = await conn.execute<Array<{ label_storage_key: string }>>('select label_storage_key from return_cases where label_storage_key is not null limit 1');
    referenced = [doc.storage_key, doc.thumbnail_key, label.label_storage_key];
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(localRoot, { recursive: true, force: true });
    await db?.drop();
  });

  it('knows every column that holds a storage key', async () => {
    const columns = await db.orm.em.getConnection().execute<Array<{ name: string }>>(
      `select table_name || '.' || column_name as name from information_schema.columns
        where table_schema = 'public' and column_name like '%key%' and data_type in ('text', 'character varying')`,
    );
    const known = new Set(STORAGE_KEY_COLUMNS.map((c) => `${c.table}.${c.column}`));
    expect(columns.map((c) => c.name).filter((name) => !NOT_STORAGE_KEYS.has(name) && !known.has(name))).toEqual([]);
  });

  const cases: Array<{ name: string; storage: () => FileStorage; age: (key: string, at: Date) => void }> = [
    { name: 'local', storage: () => new LocalFileStorage(localRoot), age: (key, at) => utimesSync(join(localRoot, ...key.split('/')), at, at) },
    {
      name: 'S3',
      storage: () => new S3FileStorage({ bucket: s3.bucket, region: 'us-east-1', endpoint: s3.endpoint, accessKeyId: 'test', secretAccessKey: 'test-secret', forcePathStyle: true }),
      age: (key, at) => {
        s3.objects.get(key)!.lastModified = at;
      },
    },
  ];

  for (const { name, storage: make, age } of cases) {
    it(`${name}: removes an old unreferenced file; keeps referenced ones, new ones and temporary uploads`, async () => {
      const storage = make();
      const now = new Date();
      const old = new Date(now.getTime() - 2 * DAY);
      const orphan = 'documents/ab/00000000-dead-4000-8000-000000000000';
      const fresh = 'documents/ab/00000000-fee1-4000-8000-000000000000';
      const temporary = 'tmp/00000000-0000-4000-8000-0000000000aa';
      for (const key of [...referenced, orphan, fresh, temporary]) await storage.put(key, Buffer.from(key));
      for (const key of [...referenced, orphan, temporary]) age(key, old);
      age(fresh, new Date(now.getTime() - DAY + 60_000)); // a minute short of the grace period

      if (name === 'local') {
        // Not ours (outside the key alphabet): never touched, and no reason to stop the sweep.
        writeFileSync(join(localRoot, '.DS_Store'), 'x');
        utimesSync(join(localRoot, '.DS_Store'), old, old);
      }
      const { removed } = await sweepOrphanFiles(storage, db.orm.em.fork(), now);
      expect(removed).toEqual([orphan]);
      expect(await storage.exists(orphan)).toBe(false);
      for (const key of [...referenced, fresh, temporary]) expect(await storage.exists(key), key).toBe(true);
      if (name === 'local') expect(existsSync(join(localRoot, '.DS_Store'))).toBe(true);

      // A second run finds nothing more to do.
      expect((await sweepOrphanFiles(storage, db.orm.em.fork(), now)).removed).toEqual([]);
    });
  }

  it('deletes nothing when the database cannot be asked', async () => {
    const storage = new LocalFileStorage(localRoot);
    const orphan = 'documents/cd/00000000-dead-4000-8000-0000000000cd';
    await storage.put(orphan, Buffer.from('x'));
    utimesSync(join(localRoot, ...orphan.split('/')), new Date(Date.now() - 2 * DAY), new Date(Date.now() - 2 * DAY));
    const failing = { getConnection: () => ({ execute: () => Promise.reject(new Error('connection refused')) }) } as unknown as EntityManager;
    await expect(sweepOrphanFiles(storage, failing, new Date())).rejects.toThrow('connection refused');
    expect(await storage.exists(orphan)).toBe(true);
  });
});
