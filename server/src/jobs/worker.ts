import type { MikroORM } from '@mikro-orm/postgresql';
import { type CronItem, type Runner, type TaskList, parseCronItems, run } from 'graphile-worker';
import pg from 'pg';
import type { AppDeps } from '../http/context.js';
import { createMailPort } from '../modules/notifications/create-mail-port.js';
import type { RiskRescorer } from '../modules/risk/risk-rescorer.js';
import { httpWebhookClient } from '../modules/webhooks/webhook-http.js';
import { TaskName } from '../shared/job-queue.js';
import { briefError, isShutdownError } from '../shared/brief-error.js';
import { graphileLogger } from './graphile-logger.js';
import { relayOutbox } from './outbox-relay.js';
import { releaseStaleJobLocks } from './stale-locks.js';
import { OutboxRelayLoop } from './outbox-relay-loop.js';
import { deliverWebhookTask } from './tasks/deliver-webhook.js';
import { dispatchCaseWebhooksTask } from './tasks/dispatch-case-webhooks.js';
import { pruneOutboxTask } from './tasks/prune-outbox.js';
import { relayOutboxTask } from './tasks/relay-outbox.js';
import { rescoreCaseTask } from './tasks/rescore-case.js';
import { runScheduledMovesTask } from './tasks/run-scheduled-moves.js';
import { sendCaseNotificationsTask } from './tasks/send-case-notifications.js';
import type { WorkerDeps } from './worker-deps.js';

/** Every task, bound to the worker's deps. */
export function taskList(deps: WorkerDeps): TaskList {
  return {
    [TaskName.RELAY_OUTBOX]: relayOutboxTask(deps),
    [TaskName.PRUNE_OUTBOX]: pruneOutboxTask(deps),
    [TaskName.RUN_SCHEDULED_MOVES]: runScheduledMovesTask(deps),
    [TaskName.SEND_CASE_NOTIFICATIONS]: sendCaseNotificationsTask(deps),
    [TaskName.DISPATCH_CASE_WEBHOOKS]: dispatchCaseWebhooksTask(deps),
    [TaskName.DELIVER_WEBHOOK]: deliverWebhookTask(deps),
    [TaskName.RESCORE_CASE]: rescoreCaseTask(deps),
  };
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
];

export interface RunningWorker {
  runner: Runner;
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
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: config.workerConcurrency + 2, application_name: 'returnhub-worker' });
  pool.on('error', (error) => {
    if (isShutdownError(error)) logger.warn({ error: briefError(error) }, 'job queue connection closed by PostgreSQL shutdown');
    else logger.error({ error: briefError(error) }, 'job queue connection error');
  });

  let runner: Runner | undefined;
  let relay: OutboxRelayLoop | undefined;
  // Jobs of a worker that was killed mid-job run again once their lock is older than the timeout: now, and then
  // checked every half timeout (at most every minute).
  const releaseStale = async () => {
    try {
      const released = await releaseStaleJobLocks(pool, config.jobLockTimeoutMs);
      if (released > 0) logger.warn({ released, lockTimeoutMs: config.jobLockTimeoutMs }, 'released jobs locked by a worker that is gone');
    } catch (error) {
      logger.error({ error: briefError(error) }, 'releasing stale job locks failed');
    }
  };
  const staleSweep = setInterval(() => void releaseStale(), Math.min(60_000, Math.max(500, config.jobLockTimeoutMs / 2)));
  staleSweep.unref();
  const stop = async () => {
    clearInterval(staleSweep);
    // Each step guarded: a failure must not leave the others running.
    for (const [name, step] of [
      ['relay', () => relay?.stop()],
      ['runner', () => runner?.stop()],
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
    await releaseStale();
    runner = await run({
      pgPool: pool,
      taskList: taskList(deps),
      parsedCronItems: parseCronItems(CRON_ITEMS),
      concurrency: config.workerConcurrency,
      noHandleSignals: true,
      pollInterval: 2_000,
      logger: graphileLogger(logger),
    });
    runner.promise.catch((error: unknown) => logger.error({ err: error }, 'job worker stopped with an error'));
    relay = new OutboxRelayLoop({ databaseUrl: options.databaseUrl, logger, relay: () => relayOutbox(() => options.orm.em.fork(), () => clock.now()) });
    await relay.start();
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ concurrency: config.workerConcurrency, mail: mail.driver }, 'job worker started');
  return { runner, stop };
}
