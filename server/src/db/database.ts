import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { installJobQueueSchema } from '../jobs/queue-schema.js';
import { seedModelRegistry } from '../modules/risk/model-registry-seed.js';
import type { RunningPostgres } from './embedded-postgres.js';
import { type ProcessLock, claimProcessLock, embeddedUrl, lockHolder, portFileOf, readNumberFile } from './process-files.js';
import { ormConfig } from './orm-config.js';

export interface Database {
  orm: MikroORM;
  /** Connection URL of the application database (for the job queue's own pool). */
  url: string;
  close(): Promise<void>;
}

const APP_DATABASE = 'returnhub';

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount === 0) {
      const from = template ? ` template ${pg.escapeIdentifier(template)}` : '';
      await client.query(`create database ${pg.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/** Any fixed number: every ReturnHub process takes this advisory lock to migrate. */
const MIGRATION_LOCK = 72_616_001;

/**
 * Applies every committed migration that has not run yet. Never schema-syncs. Several replicas starting at
 * once take turns on an advisory lock, so each migration runs exactly once. Then the release's committed model
 * registry fills in the versions the database lacks (the database's active choice is kept).
 */
export async function migrate(orm: MikroORM, logger?: Logger): Promise<string[]> {
  const lock = new pg.Client({ connectionString: orm.config.getClientUrl() });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    // The job queue's schema belongs to graphile-worker; it is installed (or upgraded) with ours.
    await installJobQueueSchema(orm.config.get('clientUrl')!);
    const models = await seedModelRegistry(orm.em.fork(), new Date());
    if (models.added.length > 0 || models.activated) logger?.info({ added: models.added, activated: models.activated }, 'model registry: committed versions added');
    if (models.skipped.length > 0 || models.unreadable) logger?.warn({ skipped: models.skipped, unreadable: models.unreadable }, 'model registry: committed versions not added');
    return applied.map((m) => m.name);
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

export interface OpenOptions {
  /**
   * For commands run beside a server (`npm run users`, `npm run db`): when a live ReturnHub holds the data folder,
   * use its embedded PostgreSQL instead of refusing.
   */
  attach?: boolean;
}

/**
 * Connects to PostgreSQL — `DATABASE_URL`, or an embedded server in `${DATA_DIR}/pg` — and migrates it. The embedded
 * server belongs to the process holding `${DATA_DIR}/returnhub.pid`: a second process on the same data folder is
 * refused (DataDirInUseError), unless it only attaches to it.
 */
export async function openDatabase(config: Config, logger: Logger, options: OpenOptions = {}): Promise<Database> {
  let embedded: RunningPostgres | undefined;
  let lock: ProcessLock | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dir = join(config.dataDir, 'pg');
    mkdirSync(config.dataDir, { recursive: true });
    const lockPath = join(config.dataDir, 'returnhub.pid');
    const holder = options.attach ? lockHolder(lockPath) : undefined;
    if (holder !== undefined) {
      const port = readNumberFile(portFileOf(dir)) ?? config.embeddedPgPort;
      if (port === undefined) throw new Error(`The ReturnHub process ${holder} on ${config.dataDir} has not recorded its PostgreSQL port yet; try again in a moment.`);
      logger.info({ dir, port, holder }, 'using the embedded PostgreSQL of the running ReturnHub');
      url = embeddedUrl(port, APP_DATABASE);
    } else {
      lock = claimProcessLock(lockPath, config.dataDir);
      try {
        logger.info({ dir, port: config.embeddedPgPort ?? 'remembered or free' }, 'starting embedded PostgreSQL');
        // Loaded only when used: embedded-postgres installs a SIGTERM hook at import that exits (143) before an orderly
        // shutdown finishes, which a process on DATABASE_URL (production, a worker draining its jobs) must not have.
        const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
        embedded = await startEmbeddedPostgres(dir, config.embeddedPgPort, (line) => logger.debug({ postgres: line }));
        await ensureDatabase(embedded.url('postgres'), APP_DATABASE);
        url = embedded.url(APP_DATABASE);
      } catch (error) {
        await embedded?.stop().catch(() => undefined);
        lock.release();
        throw error;
      }
    }
  }
  const stopEmbedded = async () => {
    try {
      await embedded?.stop();
    } finally {
      lock?.release();
    }
  };
  const orm = await MikroORM.init(ormConfig(url)).catch(async (error: unknown) => {
    await stopEmbedded();
    throw error;
  });
  try {
    const applied = await migrate(orm, logger);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
  } catch (error) {
    await orm.close(true);
    await stopEmbedded();
    throw error;
  }
  return {
    orm,
    url,
    async close() {
      try {
        await orm.close(true);
      } finally {
        await stopEmbedded();
      }
    },
  };
}
