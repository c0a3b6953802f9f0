// Bootstrap only: configuration, database, demo data, HTTP server, worker, and an orderly shutdown.
//   node dist/server/src/main.js               API + worker + web app on one port (`npm start`)
//   node dist/server/src/main.js --api-only    API + web app, no worker: for replicas (`npm run api`)
//   node dist/server/src/main.js --worker-only the job worker alone (`npm run worker`)
//   node dist/server/src/main.js --seed-only   migrate and seed, then exit (`npm run seed`)
// The worker's container health check is worker-healthcheck.ts (light: it does not load the server).
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { createHttpApp, type HttpApp } from './http/app.js';
import { createLogger } from './logger.js';
import { createFileStorage } from './modules/documents/storage/create-file-storage.js';
import { buildAppSchema } from './schema.js';
import { systemClock } from './shared/clock.js';
import { DemoClockFollower } from './modules/demo-clock/demo-clock-follower.js';
import { connectSimulatedWebhooks, createPorts } from './ports.js';
import { DEMO_USERS, seedDemoData } from '../../seeds/demo-data.js';
import { ensureDemoFiles } from '../../seeds/demo-files.js';
import { DEMO_PASSWORD } from './modules/auth/passwords.js';
import { RiskModel } from './modules/risk/risk-model.js';
import { modelRescorer } from './modules/risk/model-rescorer.js';
import { startWorker, type RunningWorker } from './jobs/worker.js';
import { type Heartbeat, heartbeatFile, startHeartbeat } from './jobs/worker-heartbeat.js';
import { startMode, startupFailure, within } from './startup.js';
import { installProcessGuards } from './shared/process-guards.js';

/** Stopping the HTTP server and the worker may take this long (running jobs, open requests)… */
const STOP_STEPS_MS = 7_000;
/** …and the whole shutdown this long: then the process exits regardless (a stuck job is reclaimed by another worker). */
const FORCE_EXIT_MS = 9_000;

let mode;
let config;
try {
  mode = startMode(process.argv);
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Start-up failed: ${startupFailure(error)}`);
  process.exit(error instanceof ConfigError ? 1 : 2);
}
const logger = createLogger(config.logLevel);
installProcessGuards(logger);
const clock = systemClock;
const say = (line: string) => process.stdout.write(`${line}\n`);

let db: Database | undefined;
let http: HttpApp | undefined;
let worker: RunningWorker | undefined;
let riskModel: RiskModel | undefined;
let demoClock: DemoClockFollower | undefined;
let heartbeat: Heartbeat | undefined;
let stopping = false;

async function shutdown(signal: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`\n${signal}: shutting down…`);
  const force = setTimeout(() => {
    logger.warn({ afterMs: FORCE_EXIT_MS }, 'shutdown did not finish in time; exiting now');
    say(`Shutdown did not finish within ${FORCE_EXIT_MS / 1000} s; exiting now.`);
    process.exit(code || 1);
  }, FORCE_EXIT_MS);
  force.unref();
  heartbeat?.stop();
  // Each step is guarded so one failure cannot leave PostgreSQL running. The HTTP server and the worker stop side by
  // side with a deadline (graphile-worker's stop waits for running jobs, which another worker reclaims once this one
  // is gone); the database closes last.
  const guarded = async (name: string, step: () => Promise<unknown> | undefined, ms: number) => {
    try {
      if ((await within(Promise.resolve(step()), ms)) === 'timeout') logger.warn({ step: name, afterMs: ms }, 'shutdown step did not finish in time; going on');
    } catch (error) {
      logger.error({ err: error, step: name }, 'shutdown step failed');
    }
  };
  await Promise.all([guarded('http', () => http?.stop(), STOP_STEPS_MS), guarded('worker', () => worker?.stop(), STOP_STEPS_MS)]);
  await guarded('risk model', () => riskModel?.close(), STOP_STEPS_MS);
  await guarded('demo clock', () => demoClock?.close(), STOP_STEPS_MS);
  await guarded('database', () => db?.close(), FORCE_EXIT_MS);
  say('Stopped.');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

try {
  const started = Date.now();
  say(config.databaseUrl ? '• Connecting to PostgreSQL (DATABASE_URL)…' : `• Starting embedded PostgreSQL in ${config.dataDir}/pg…`);
  db = await openDatabase(config, logger);
  say('✓ Database ready and migrated');
  const storage = createFileStorage(config.storage);
  const ports = createPorts(config, db.orm, clock, storage);

  if (mode === 'all' || mode === 'api' || mode === 'seed') {
    if (config.isProduction && !config.allowDemoPassword) {
      say('• Production: demo data is not seeded.');
    } else {
      const summary = await seedDemoData(db.orm.em.fork(), clock.now());
      say(summary.skipped ? '✓ Demo data present' : `✓ Seeded demo data: ${summary.users} users, ${summary.orders} orders, ${summary.cases} return cases`);
      // The photos and labels the demo rows point at, when storage lacks them (a new data folder or bucket).
      const written = await ensureDemoFiles(db.orm.em.fork(), storage, ports.carrier);
      if (written) say(`✓ Demo files: ${written} photos and labels written to storage`);
    }
  }
  if (mode === 'seed') await shutdown('seeded');

  // The process-wide dependencies, shared by the API and the worker.
  // The registry of record is the database; every process follows activations (LISTEN) — see risk-model.ts.
  riskModel = await RiskModel.open({ orm: db.orm, databaseUrl: db.url, logger });
  // Development's demo clock (issue 19 §18): every process follows the offset an admin sets; never in production.
  if (!config.isProduction) demoClock = await DemoClockFollower.start({ orm: db.orm, databaseUrl: db.url, clock, logger });
  say(`✓ Risk model: ${riskModel.scorer.modelVersion}`);
  const deps = { config, logger, clock, riskModel, storage, ...ports };

  if (mode === 'worker' || mode === 'all') {
    worker = await startWorker(deps, { databaseUrl: db.url, orm: db.orm, rescorer: modelRescorer(riskModel, clock, logger) });
    // A worker alone settles simulated refunds through the API's public address (nginx forwards /webhooks).
    if (mode === 'worker') connectSimulatedWebhooks(deps, config.publicUrl);
    const orm = db.orm;
    heartbeat = startHeartbeat(heartbeatFile(config.dataDir), () => orm.em.getConnection().execute('select 1'), (error) => logger.warn({ error: startupFailure(error) }, 'worker heartbeat: the database did not answer'));
    say(`✓ Job worker running (${config.workerConcurrency} at a time; mail: ${config.mailDriver})`);
    if (config.isProduction && config.mailDriver === 'dev') say('  ! MAIL_DRIVER=dev in production: e-mails are kept in the database, not sent.');
    if (mode === 'worker') say('\n  Ctrl-C stops the worker.');
  }

  if (mode === 'all' || mode === 'api') {
    const schema = await buildAppSchema();
    http = await createHttpApp(deps, db.orm, schema);
    await new Promise<void>((resolve, reject) => {
      http!.server.once('error', reject);
      http!.server.listen(config.port, config.host, () => resolve());
    });
    const port = (http.server.address() as AddressInfo).port;
    const url = `http://localhost:${port}`;
    connectSimulatedWebhooks(deps, `http://127.0.0.1:${port}`);
    say(`✓ ReturnHub ${config.releaseVersion} is ready in ${((Date.now() - started) / 1000).toFixed(1)} s${mode === 'api' ? ' (API only: the worker runs elsewhere)' : ''}\n`);
    say(`  Web app   ${url}`);
    say(`  GraphQL   ${url}/graphql${config.graphiqlEnabled ? `   (GraphiQL: ${url}/graphiql)` : ''}`);
    say(`  Health    ${url}/healthz\n`);
    if (config.allowDemoPassword) {
      say(`  Demo sign-ins (password ${DEMO_PASSWORD}):`);
      for (const user of DEMO_USERS) say(`    ${user.username.padEnd(14)} ${user.role}`);
    }
    say('\n  Ctrl-C stops everything.');
  }
} catch (error) {
  logger.fatal({ err: error }, 'start-up failed');
  console.error(`\nStart-up failed: ${startupFailure(error, config.port)}`);
  await shutdown('error', 1);
}
