// Starts one real PostgreSQL for the whole test run (or uses DATABASE_URL) and prepares two template
// databases: migrated, and migrated + demo data. Each test file then clones its own database from a
// template in a fraction of a second, so files run in parallel without sharing state.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/src/db/database.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../../server/src/db/embedded-postgres.js';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { seedDemoData } from '../../seeds/demo-data.js';
import { ensureDemoFiles } from '../../seeds/demo-files.js';
import { LocalFileStorage } from '../../server/src/modules/documents/storage/local-file-storage.js';
import { BuiltinCarrier } from '../../server/src/modules/fulfilment/builtin-carrier.js';
import { freePort } from '../../server/src/db/process-files.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    seedNow: string;
    /** The demo data's files (photos, thumbnails, labels), copied into each demo-data test server's storage. */
    demoFilesDir: string;
  }
}

export const TEMPLATE_EMPTY = 'rh_template_empty';
export const TEMPLATE_DEMO = 'rh_template_demo';

/** The same URL with another database name. */
export const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

async function recreate(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`);
    await client.query(`create database ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

let embedded: RunningPostgres | undefined;
let dataDir: string | undefined;
let demoFilesDir: string | undefined;

export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'returnhub-test-pg-'));
    embedded = await startEmbeddedPostgres(dataDir, await freePort());
    serverUrl = embedded.url('postgres');
  }
  const seedNow = new Date();
  demoFilesDir = mkdtempSync(join(tmpdir(), 'returnhub-test-demo-files-'));
  for (const template of [TEMPLATE_EMPTY, TEMPLATE_DEMO]) {
    await recreate(serverUrl, template);
    const orm = await MikroORM.init(ormConfig(withDatabase(serverUrl, template), { debug: false }));
    try {
      await migrate(orm);
      if (template === TEMPLATE_DEMO) {
        await seedDemoData(orm.em.fork(), seedNow);
        await ensureDemoFiles(orm.em.fork(), new LocalFileStorage(demoFilesDir), new BuiltinCarrier());
        // The demo's failed refunds wait for their automatic retries, due 5 minutes after seeding: in a test run
        // that is mid-suite, where any worker a test starts would run them beside what the test watches. A test's
        // queue holds only the jobs of what the test does (seed-and-config.test.ts checks the seed schedules them).
        // They are queued as outbox messages (shared/job-queue.ts queueJobs), relayed by a worker.
        await orm.em.getConnection().execute("delete from outbox_messages where topic = 'job.queued' and payload->>'jobKey' like 'refund-retry:%'");
      }
    } finally {
      await orm.close(true);
    }
  }
  project.provide('pgServerUrl', serverUrl);
  project.provide('seedNow', seedNow.toISOString());
  project.provide('demoFilesDir', demoFilesDir);

  return async () => {
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (demoFilesDir) rmSync(demoFilesDir, { recursive: true, force: true });
  };
}
