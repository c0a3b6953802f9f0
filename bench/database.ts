// The benchmark's PostgreSQL: an embedded server of its own in bench/.data (or BENCH_DATA_DIR), or the server behind
// BENCH_DATABASE_URL. One volume database per (case count, seed), generated once and kept; every benchmark run
// works on a fresh copy of it, so runs start from the same rows and never wear the volume out.
import 'reflect-metadata';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { projectRoot } from '../server/src/config.js';
import { migrate } from '../server/src/db/database.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../server/src/db/embedded-postgres.js';
import { ormConfig } from '../server/src/db/orm-config.js';
import { loadVolume, type VolumeSummary } from '../seeds/volume.js';

export const DEFAULT_ANCHOR = new Date('2026-06-01T12:00:00Z');
export const DEFAULT_SEED = 20260601;

export interface BenchPostgres {
  /** URL of `database` on the benchmark server. */
  url(database: string): string;
  stop(): Promise<void>;
  /** How the server is reached and tuned, for the report. */
  describe: string;
  /** The postmaster's process id when the server is the embedded one on this machine (its CPU is then counted). */
  postmasterPid: number | null;
}

export interface VolumeMeta {
  cases: number;
  seed: number;
  anchor: string;
  generatedAt: string;
  seconds: number;
  summary: VolumeSummary;
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Settings for a server holding a few GB: the defaults (128 MB of shared buffers, 1 GB of WAL between checkpoints)
 * are sized for a laptop's first start, not for a million cases. Applied once; they need a restart.
 */
const SETTINGS: Record<string, string> = { shared_buffers: '1GB', max_wal_size: '8GB', checkpoint_timeout: '15min', effective_cache_size: '8GB', work_mem: '16MB' };

const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    return { url: (db) => withDatabase(external, db), stop: async () => {}, describe: 'external (BENCH_DATABASE_URL)', postmasterPid: null };
  }
  const dir = join(benchDataDir(), 'pg');
  mkdirSync(dir, { recursive: true });
  const port = process.env.EMBEDDED_PG_PORT ? Number(process.env.EMBEDDED_PG_PORT) : await freePort();
  let running: RunningPostgres = await startEmbeddedPostgres(dir, port);
  const admin = running.url('postgres');
  const current = await withClient(admin, (c) => c.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings where name = any($1)`, [Object.keys(SETTINGS)]));
  const stale = current.rows.some((r) => r.name === 'shared_buffers' && Number(r.setting) * 8192 < 1 << 30);
  if (stale) {
    await withClient(admin, async (c) => {
      for (const [name, value] of Object.entries(SETTINGS)) await c.query(`alter system set ${name} = '${value}'`);
    });
    await running.stop();
    running = await startEmbeddedPostgres(dir, port);
  }
  // Reports are committed: name the data folder by where it is configured, never by this machine's absolute path.
  const where = process.env.BENCH_DATA_DIR ? 'the BENCH_DATA_DIR folder' : process.env.CI ? 'a temporary folder' : 'bench/.data/pg';
  // postmaster.pid's first line is the postmaster's process id.
  const postmasterPid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  return { url: running.url, stop: () => running.stop(), describe: `embedded in ${where}, port ${port}; ${Object.entries(SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')}`, postmasterPid };
}

export const volumeDatabaseName = (cases: number, seed: number) => `bench_c${cases}_s${seed}`;

async function databaseExists(server: BenchPostgres, name: string): Promise<boolean> {
  return withClient(server.url('postgres'), async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
}

export async function readVolumeMeta(server: BenchPostgres, name: string): Promise<VolumeMeta | null> {
  if (!(await databaseExists(server, name))) return null;
  return withClient(server.url(name), async (c) => {
    const { rows } = await c.query(`select to_regclass('bench_volume') is not null as present`);
    if (!rows[0].present) return null;
    const meta = await c.query<{ meta: VolumeMeta }>('select meta from bench_volume');
    return meta.rows[0]?.meta ?? null;
  });
}

/** Applies the migrations the code has and the volume database has not (code changed since it was generated). */
export async function migrateDatabase(url: string): Promise<string[]> {
  const orm = await MikroORM.init(ormConfig(url, { debug: false }));
  try {
    return await migrate(orm);
  } finally {
    await orm.close(true);
  }
}

/**
 * The volume database for `cases` and `seed`: reused when complete, otherwise (re)created, migrated, loaded with
 * COPY, vacuumed and analysed. Returns its metadata, including how long the generation took.
 */
export async function ensureVolume(
  server: BenchPostgres,
  options: { cases: number; seed: number; anchor: Date; force?: boolean; log?: (line: string) => void },
): Promise<{ name: string; meta: VolumeMeta; generated: boolean }> {
  const log = options.log ?? (() => {});
  const name = volumeDatabaseName(options.cases, options.seed);
  const existing = options.force ? null : await readVolumeMeta(server, name);
  if (existing) {
    const applied = await migrateDatabase(server.url(name));
    if (applied.length) {
      log(`  applied ${applied.length} newer migration(s) to ${name}: ${applied.join(', ')}`);
      await withClient(server.url(name), (c) => c.query('vacuum analyze'));
    }
    return { name, meta: existing, generated: false };
  }
  const started = Date.now();
  await withClient(server.url('postgres'), async (c) => {
    await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await c.query(`create database ${pg.escapeIdentifier(name)}`);
  });
  const url = server.url(name);
  await migrateDatabase(url);
  log(`• Generating ${options.cases.toLocaleString('en-US')} cases (seed ${options.seed}, anchor ${options.anchor.toISOString()}) into ${name}`);
  let lastLine = 0;
  const summary = await loadVolume(url, {
    cases: options.cases,
    seed: options.seed,
    anchor: options.anchor,
    onProgress: (phase, done, total) => {
      const now = Date.now();
      if (done === total || now - lastLine > 2_000) {
        lastLine = now;
        const seconds = (now - started) / 1000;
        log(`  ${phase}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.round((100 * done) / total)} %, ${seconds.toFixed(1)} s, ${Math.round(done / seconds).toLocaleString('en-US')}/s)`);
      }
    },
  });
  const loadedAt = Date.now();
  log(`  loaded in ${((loadedAt - started) / 1000).toFixed(1)} s; vacuum analyze…`);
  await withClient(url, (c) => c.query('vacuum analyze'));
  const seconds = (Date.now() - started) / 1000;
  const meta: VolumeMeta = { cases: options.cases, seed: options.seed, anchor: options.anchor.toISOString(), generatedAt: new Date().toISOString(), seconds, summary };
  await withClient(url, async (c) => {
    await c.query('create table bench_volume (meta jsonb not null)');
    await c.query('insert into bench_volume (meta) values ($1)', [JSON.stringify(meta)]);
  });
  log(`✓ ${name}: ${options.cases.toLocaleString('en-US')} cases in ${seconds.toFixed(1)} s (load ${((loadedAt - started) / 1000).toFixed(1)} s, vacuum analyze ${((Date.now() - loadedAt) / 1000).toFixed(1)} s)`);
  return { name, meta, generated: true };
}

/** A throwaway copy of the volume for one run (a file copy: seconds even for a million cases). */
export async function cloneForRun(server: BenchPostgres, template: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${template}_run${process.pid}`;
  await withClient(server.url('postgres'), async (c) => {
    await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await c.query(`create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)} strategy file_copy`);
  });
  return {
    name,
    url: server.url(name),
    drop: () => withClient(server.url('postgres'), async (c) => {
      await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    }),
  };
}

/**
 * bench/.data by default; in CI a directory under the system's temp folder (world-traversable, so PostgreSQL's own
 * user can reach it when CI runs as root, and outside the work tree).
 */
export function benchDataDir(): string {
  if (process.env.BENCH_DATA_DIR) return resolve(projectRoot, process.env.BENCH_DATA_DIR);
  return process.env.CI ? join(tmpdir(), 'returnhub-bench-data') : join(projectRoot, 'bench/.data');
}
