// The product's HTTP server as the benchmark runs it: a child process of bench/run.ts, against the run's database,
// with a clock pinned to the volume's anchor, and a counter on the PostgreSQL driver. It answers the parent over
// IPC with its CPU time, peak memory and statement count, and can record the statements of one request.
//   node dist/bench/server-child.js   (env BENCH_DB_URL, BENCH_ANCHOR, PORT; --no-shield builds the schema bare)
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createFileStorage } from '../server/src/modules/documents/storage/create-file-storage.js';
import { createPorts } from '../server/src/ports.js';
import { loadConfig } from '../server/src/config.js';
import { ormConfig } from '../server/src/db/orm-config.js';
import { createHttpApp } from '../server/src/http/app.js';
import { type RunningWorker, startWorker } from '../server/src/jobs/worker.js';
import { createLogger } from '../server/src/logger.js';
import { RiskModel } from '../server/src/modules/risk/risk-model.js';
import { buildAppSchema, buildBareSchema } from '../server/src/schema.js';
import type { Clock } from '../server/src/shared/clock.js';
import type { ChildReply, ChildRequest, MemorySample, RecordedStatement } from './protocol.js';

const send = (message: ChildReply) => process.send!(message);

// Every statement any part of the server sends goes through pg.Client#query (MikroORM's driver included).
let statements = 0;
let recording: RecordedStatement[] | null = null;
const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)/i;
const query = pg.Client.prototype.query;
const logStatements = process.env.BENCH_LOG_SQL === '1';
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements++;
  if (logStatements) {
    const first = args[0] as string | { text: string };
    process.stderr.write(`SQL ${(typeof first === 'string' ? first : first.text).replace(/\s+/g, ' ').slice(0, 120)}\n`);
  }
  if (recording) {
    const [first, second] = args as [string | { name?: string; text: string; values?: unknown[] }, unknown];
    const text = typeof first === 'string' ? first : first.text;
    const values = typeof first === 'string' ? (Array.isArray(second) ? second : undefined) : first.values;
    const name = typeof first === 'string' ? undefined : first.name;
    recording.push({ name, text, values: values ?? [], transactionControl: TRANSACTION_CONTROL.test(text) });
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

let peakRss = process.memoryUsage().rss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 10).unref();

// Memory by kind (RSS, V8 heap in use, external memory, ArrayBuffers: Buffers' bytes live outside the V8 heap), its
// peak per kind since the last reset. BENCH_GC_PROBE=1 (the server started with --expose-gc): full collections
// before each sample, so the peaks are of LIVE memory only (what is in flight), not garbage awaiting collection.
// A full collection, then a young-generation one: V8 frees dead Buffers' bytes on a background thread after a
// collection, and the next collection (a cheap minor one will do) first waits for that to finish. After the full
// collection alone, `external` still counted Buffers found dead but not yet freed, the more so the more garbage
// since the last sample: uploads measured 0.6 MB external per upload with a sample every 50 ms and 3.4 MB every 200 ms;
// with the second collection 0.2–0.45 MB at either pace (and two full ones agree).
const gcProbe = process.env.BENCH_GC_PROBE === '1';
const collect = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;
if (gcProbe && !collect) throw new Error('BENCH_GC_PROBE needs node --expose-gc');
const sampleMemory = (): MemorySample => {
  if (gcProbe) {
    collect!();
    collect!({ type: 'minor' });
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
};
let memoryBase = sampleMemory();
let memoryPeak = { ...memoryBase };
let memorySamples = 0;
setInterval(() => {
  const now = sampleMemory();
  for (const key of Object.keys(now) as Array<keyof MemorySample>) memoryPeak[key] = Math.max(memoryPeak[key], now[key]);
  memorySamples++;
}, Number(process.env.BENCH_MEMORY_SAMPLE_MS ?? (gcProbe ? 100 : 20))).unref();

const anchor = Number(process.env.BENCH_ANCHOR);
const startedAt = Date.now();
/** The volume's "now" moves on with real time from the moment the server starts. */
const clock: Clock = { now: () => new Date(anchor + (Date.now() - startedAt)) };

// Production's start contract (DATABASE_URL, PUBLIC_URL, SECRET_KEY), with the volume's database.
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: process.env.BENCH_DB_URL,
  PUBLIC_URL: process.env.PUBLIC_URL || 'http://127.0.0.1',
  SECRET_KEY: process.env.SECRET_KEY ?? randomBytes(32).toString('hex'),
  ALLOW_DEMO_PASSWORD: 'true',
  GRAPHIQL_ENABLED: 'false',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const logger = createLogger(config.logLevel);
const orm = await MikroORM.init(ormConfig(process.env.BENCH_DB_URL!, { debug: false, pool: { min: 0, max: Number(process.env.BENCH_POOL_MAX ?? 10) } }));
const storage = createFileStorage(config.storage);
const shield = !process.argv.includes('--no-shield');
const schema = shield ? await buildAppSchema() : await buildBareSchema();
// One model per process, as in main.ts: read from the database's registry, following activations.
const riskModel = await RiskModel.open({ orm, databaseUrl: process.env.BENCH_DB_URL!, logger });
const http = await createHttpApp(
  { config, logger, clock, riskModel, storage, ...createPorts(config, orm, clock, storage) },
  orm,
  schema,
);
// BENCH_WORKER=1: the job worker in this process too, as `npm start` runs it (its memory and CPU count).
const worker: RunningWorker | null =
  process.env.BENCH_WORKER === '1'
    ? await startWorker({ config, logger, clock, riskModel, storage, ...createPorts(config, orm, clock, storage) }, { databaseUrl: process.env.BENCH_DB_URL!, orm, rescorer: null })
    : null;
await new Promise<void>((resolve) => http.server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const address = http.server.address();

process.on('message', async (message: ChildRequest) => {
  switch (message.cmd) {
    case 'stats':
      send({ cmd: 'stats', cpu: process.cpuUsage(), statements, peakRss, rss: process.memoryUsage().rss, memory: { base: memoryBase, peak: memoryPeak, samples: memorySamples } });
      break;
    case 'reset-peak':
      peakRss = process.memoryUsage().rss;
      memoryBase = sampleMemory();
      memoryPeak = { ...memoryBase };
      memorySamples = 0;
      send({ cmd: 'reset-peak' });
      break;
    case 'record':
      recording = [];
      send({ cmd: 'record' });
      break;
    case 'recorded':
      send({ cmd: 'recorded', statements: recording ?? [] });
      recording = null;
      break;
    case 'jobs': {
      const [row] = await orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from graphile_worker.jobs where attempts < max_attempts and run_at <= now()');
      send({ cmd: 'jobs', pending: Number(row.n) });
      break;
    }
    case 'stop':
      await http.stop();
      await worker?.stop();
      await orm.close(true);
      send({ cmd: 'stop' });
      process.exit(0);
  }
});
send({ cmd: 'ready', port: typeof address === 'object' && address ? address.port : 0, shield, now: clock.now().toISOString() });
