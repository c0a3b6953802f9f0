import pg from 'pg';
import { runMigrations } from 'graphile-worker';
import { silentGraphileLogger } from './graphile-logger.js';

/**
 * Installs or upgrades graphile-worker's own schema (`graphile_worker`). Run with the application's migrations,
 * so the API can enqueue jobs and read failed ones before any worker has started.
 */
export async function installJobQueueSchema(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => undefined);
  try {
    await runMigrations({ pgPool: pool, logger: silentGraphileLogger });
  } finally {
    await pool.end();
  }
}
