// Bootstrap only: configuration, database, demo data, HTTP server, worker, and an orderly shutdown.
//   node dist/server/src/main.js               API + worker + web app on one port
//   node dist/server/src/main.js --worker-only the job worker alone
//   node dist/server/src/main.js --seed-only   migrate and seed, then exit
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { createHttpApp, type HttpApp } from './http/app.js';
import { createLogger } from './logger.js';
import { createFileStorage } from './modules/documents/storage/create-file-storage.js';
import { buildAppSchema } from './schema.js';
import { systemClock } from './shared/clock.js';
import { connectSimulatedWebhooks, createPorts } from './ports.js';
import { DEMO_USERS, seedDemoData } from '../../seeds/demo-data.js';
import { ensureDemoFiles } from '../../seeds/demo-files.js';
import { DEMO_PASSWORD } from './modules/auth/passwords.js';
import { RiskModel } from './modules/risk/risk-model.js';
import { modelRescorer } from './modules/risk/model-rescorer.js';
import { startWorker, type RunningWorker } from './jobs/worker.js';
import { installProcessGuards } from './shared/process-guards.js';

const mode = process.argv.includes('--worker-only') ? 'worker' : process.argv.includes('--seed-only') ? 'seed' : 'all';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config.logLevel);
installProcessGuards(logger);
const clock = systemClock;
const say = (line: string) => process.stdout.write(`${line}\n`);

let db: Database | undefined;
let http: HttpApp | undefined;
let worker: RunningWorker | undefined;
let stopping = false;

async function shutdown(signal: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`\n${signal}: shutting down…`);
  // Each step is guarded so one failure cannot leave PostgreSQL running.
  for (const [name, step] of [
    ['http', () => http?.stop()],
    ['worker', () => worker?.stop()],
    ['database', () => db?.close()],
  ] as const) {
    try {
      await step();
    } catch (error) {
      logger.error({ err: error, step: name }, 'shutdown step failed');
    }
  }
  say('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const started = Date.now();
  say(config.databaseUrl ? '• Connecting to PostgreSQL (DATABASE_URL)…' : `• Starting embedded PostgreSQL in ${config.dataDir}/pg…`);
  db = await openDatabase(config, logger);
  say('✓ Database ready and migrated');
  const storage = createFileStorage(config.storage);
  const ports = createPorts(config, db.orm, clock, storage);

  if (mode !== 'worker') {
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
  const riskModel = new RiskModel(config.mlDir);
  say(`✓ Risk model: ${riskModel.scorer.modelVersion}`);
  const deps = { config, logger, clock, riskModel, storage, ...ports };

  if (mode === 'worker' || mode === 'all') {
    worker = await startWorker(deps, { databaseUrl: db.url, orm: db.orm, rescorer: modelRescorer(riskModel, clock, logger) });
    say(`✓ Job worker running (${config.workerConcurrency} at a time; mail: ${config.mailDriver})`);
    if (config.isProduction && config.mailDriver === 'dev') say('  ! MAIL_DRIVER=dev in production: e-mails are kept in the database, not sent.');
    if (mode === 'worker') say('\n  Ctrl-C stops the worker.');
  }

  if (mode === 'all') {
    const schema = await buildAppSchema();
    http = await createHttpApp(deps, db.orm, schema);
    await new Promise<void>((resolve, reject) => {
      http!.server.once('error', reject);
      http!.server.listen(config.port, config.host, () => resolve());
    });
    const url = `http://localhost:${config.port}`;
    connectSimulatedWebhooks(deps, `http://127.0.0.1:${config.port}`);
    say(`✓ ReturnHub ${config.releaseVersion} is ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
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
  console.error(`\nStart-up failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown('error', 1);
}
