import type { MikroORM } from '@mikro-orm/postgresql';
import { EventEmitter } from 'node:events';
import { type CronItem, type Runner, type Task, type TaskList, type WorkerEvents, parseCronItems, run } from 'graphile-worker';
import pg from 'pg';
import type { AppDeps } from '../http/context.js';
import { createMailPort } from '../modules/notifications/create-mail-port.js';
import type { RiskRescorer } from '../modules/risk/risk-rescorer.js';
import { httpWebhookClient } from '../modules/webhooks/webhook-http.js';
import { TaskName } from '../shared/job-queue.js';
import { briefError, isShutdownError } from '../shared/brief-error.js';
import { graphileLogger } from './graphile-logger.js';
import { relayOutbox } from './outbox-relay.js';
import { OutboxRelayLoop } from './outbox-relay-loop.js';
import { deliverWebhookTask } from './tasks/deliver-webhook.js';
import { makeDocumentThumbnailTask } from './tasks/make-document-thumbnail.js';
import { dispatchCaseWebhooksTask } from './tasks/dispatch-case-webhooks.js';
import { processRefundTask } from './tasks/process-refund.js';
import { pruneOutboxTask } from './tasks/prune-outbox.js';
import { relayOutboxTask } from './tasks/relay-outbox.js';
import { rescoreCaseTask } from './tasks/rescore-case.js';
import { runRuleSimulationTask } from './tasks/run-rule-simulation.js';
import { retryRefundTask } from './tasks/retry-refund.js';
import { runScheduledMovesTask } from './tasks/run-scheduled-moves.js';
import { sendCarrierEventTask } from './tasks/send-carrier-event.js';
import { sendCaseNotificationsTask } from './tasks/send-case-notifications.js';
import { sendOrderNotificationsTask } from './tasks/send-order-notifications.js';
import { settleRefundsTask } from './tasks/settle-refunds.js';
import { sweepTemporaryUploadsTask } from './tasks/sweep-temporary-uploads.js';
import { sweepOrphanFilesTask } from './tasks/sweep-orphan-files.js';
import type { WorkerDeps } from './worker-deps.js';
import { WorkerLeases, reclaimDeadWorkerJobs } from './worker-liveness.js';
import { RunnerSupervisor } from './runner-supervisor.js';

/** How often each worker process looks for jobs locked by dead workers (also once at start-up). */
export const RECLAIM_INTERVAL_MS = 10_000;

/** Every task, bound to the worker's deps. */
export function taskList(deps: WorkerDeps): TaskList {
  return {
    [TaskName.RELAY_OUTBOX]: relayOutboxTask(deps),
    [TaskName.PRUNE_OUTBOX]: pruneOutboxTask(deps),
    [TaskName.RUN_SCHEDULED_MOVES]: runScheduledMovesTask(deps),
    [TaskName.SEND_CASE_NOTIFICATIONS]: sendCaseNotificationsTask(deps),
    [TaskName.SEND_ORDER_NOTIFICATIONS]: sendOrderNotificationsTask(deps),
    [TaskName.DISPATCH_CASE_WEBHOOKS]: dispatchCaseWebhooksTask(deps),
    [TaskName.DELIVER_WEBHOOK]: deliverWebhookTask(deps),
    [TaskName.RESCORE_CASE]: rescoreCaseTask(deps),
    [TaskName.PROCESS_REFUND]: processRefundTask(deps),
    [TaskName.RETRY_REFUND]: retryRefundTask(deps),
    [TaskName.SETTLE_REFUNDS]: settleRefundsTask(deps),
    [TaskName.SWEEP_TEMPORARY_UPLOADS]: sweepTemporaryUploadsTask(deps),
    [TaskName.MAKE_DOCUMENT_THUMBNAIL]: makeDocumentThumbnailTask(deps),
    [TaskName.SWEEP_ORPHAN_FILES]: sweepOrphanFilesTask(deps),
    [TaskName.RUN_RULE_SIMULATION]: runRuleSimulationTask(deps),
    [TaskName.SEND_CARRIER_EVENT]: sendCarrierEventTask(deps),
  };
}

/**
 * Every task first makes sure its worker's lease is held, so a job has no side effects under a dead-looking id.
 * Without the lease connection (it is reconnecting) the job still runs: at worst it is reclaimed and runs twice.
 */
function leased(tasks: TaskList, leases: WorkerLeases, logger: AppDeps['logger']): TaskList {
  return Object.fromEntries(
    Object.entries(tasks).map(([name, task]): [string, Task] => [
      name,
      async (payload, helpers) => {
        const workerId = helpers.job.locked_by;
        if (workerId) await leases.hold(workerId).catch((error: unknown) => logger.warn({ error: briefError(error), workerId }, 'running a job without its worker lease'));
        return task!(payload, helpers);
      },
    ]),
  );
}

/**
 * Periodic work. graphile-worker's cron schedules each tick once across all workers; the tasks themselves are
 * also safe to run twice. A failed tick is not retried: the next minute's tick does the same work.
 */
export const CRON_ITEMS: CronItem[] = [
  { task: TaskName.RUN_SCHEDULED_MOVES, match: '* * * * *', identifier: 'scheduled-moves', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:scheduled-moves' } },
  // A backstop for the LISTEN loop (e.g. a worker that started while PostgreSQL was away).
  { task: TaskName.RELAY_OUTBOX, match: '* * * * *', identifier: 'relay-outbox', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:relay-outbox' } },
  { task: TaskName.PRUNE_OUTBOX, match: '17 3 * * *', identifier: 'prune-outbox', options: { backfillPeriod: 0, maxAttempts: 3 } },
  // The simulated provider's settlement and the poll of refunds whose confirmation is overdue.
  { task: TaskName.SETTLE_REFUNDS, match: '* * * * *', identifier: 'settle-refunds', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:settle-refunds' } },
  { task: TaskName.SWEEP_TEMPORARY_UPLOADS, match: '23 * * * *', identifier: 'sweep-temporary-uploads', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:sweep-temporary-uploads' } },
  { task: TaskName.SWEEP_ORPHAN_FILES, match: '41 * * * *', identifier: 'sweep-orphan-files', options: { backfillPeriod: 0, maxAttempts: 1, jobKey: 'cron:sweep-orphan-files' } },
];

export interface RunningWorker {
  /** The current graphile-worker runner (a new one after the supervisor restarted it). */
  readonly runner: Runner;
  supervisor: RunnerSupervisor;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  databaseUrl: string;
  orm: MikroORM;
  rescorer: RiskRescorer | null;
}

/**
 * The job worker: graphile-worker on its own connection pool (with an error handler, so a dropped connection is
 * logged instead of crashing the process), the cron schedule, and the LISTEN-triggered outbox relay. Signals are
 * left to the caller, which stops things in order.
 */
export async function startWorker(app: AppDeps, options: WorkerOptions): Promise<RunningWorker> {
  const { config, logger, clock } = app;
  const mail = createMailPort(config, options.orm, clock);
  const deps: WorkerDeps = { ...app, orm: options.orm, mail, rescorer: options.rescorer, webhookHttp: httpWebhookClient };
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: config.workerConcurrency + 2,
    application_name: 'returnhub-worker',
    // A connection attempt nobody answers fails (and is retried) instead of hanging a job loop for good.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  pool.on('error', (error) => {
    if (isShutdownError(error)) logger.warn({ error: briefError(error) }, 'job queue connection closed by PostgreSQL shutdown');
    else logger.error({ error: briefError(error) }, 'job queue connection error');
  });

  let supervisor: RunnerSupervisor | undefined;
  let relay: OutboxRelayLoop | undefined;
  let reclaimTimer: NodeJS.Timeout | undefined;
  const leases = new WorkerLeases(options.databaseUrl, logger);
  const reclaim = async () => {
    try {
      const dead = await reclaimDeadWorkerJobs(pool);
      if (dead.length > 0) logger.warn({ workers: dead }, 'unlocked the jobs of workers that died; they run again');
    } catch (error) {
      logger.error({ error: briefError(error) }, 'reclaiming the jobs of dead workers failed; trying again shortly');
    }
  };
  const stop = async () => {
    clearInterval(reclaimTimer);
    // Each step guarded: a failure must not leave the others running.
    for (const [name, step] of [
      ['relay', () => relay?.stop()],
      ['runner', () => supervisor?.stop()],
      ['leases', () => leases.stop()],
      ['pool', () => pool.end()],
      ['mail', () => mail.close()],
    ] as const) {
      try {
        await step();
      } catch (error) {
        logger.error({ err: error, step: name }, 'worker shutdown step failed');
      }
    }
  };
  try {
    // Leases first: this process's workers are alive from their first job on. Then the jobs dead workers left locked.
    await leases.start();
    const events: WorkerEvents = new EventEmitter();
    events.on('worker:create', ({ worker }) => {
      leases.hold(worker.workerId).catch((error: unknown) => logger.error({ error: briefError(error), workerId: worker.workerId }, 'could not take a worker lease'));
    });
    await reclaim();
    const tasks = leased(taskList(deps), leases, logger);
    const parsedCronItems = parseCronItems(CRON_ITEMS);
    // Supervised: a database outage stops graphile-worker's runner (its cron loop gives up); a new one starts when
    // the database answers again.
    supervisor = new RunnerSupervisor({
      events,
      logger,
      probe: () => pool.query('select 1'),
      launch: (runnerEvents) =>
        run({
          pgPool: pool,
          events: runnerEvents,
          taskList: tasks,
          parsedCronItems,
          concurrency: config.workerConcurrency,
          noHandleSignals: true,
          pollInterval: 2_000,
          logger: graphileLogger(logger),
        }),
    });
    await supervisor.start();
    relay = new OutboxRelayLoop({ databaseUrl: options.databaseUrl, logger, relay: () => relayOutbox(() => options.orm.em.fork(), () => clock.now()) });
    await relay.start();
    reclaimTimer = setInterval(() => void reclaim(), RECLAIM_INTERVAL_MS);
    reclaimTimer.unref();
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ concurrency: config.workerConcurrency, mail: mail.driver }, 'job worker started');
  const running = supervisor;
  return { get runner() { return running.runner; }, supervisor: running, stop };
}
