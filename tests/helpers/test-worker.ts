import { makeWorkerUtils, runOnce, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { silentGraphileLogger } from '../../server/src/jobs/graphile-logger.js';
import { relayOutbox } from '../../server/src/jobs/outbox-relay.js';
import { taskList } from '../../server/src/jobs/worker.js';
import type { WorkerDeps } from '../../server/src/jobs/worker-deps.js';
import { createLogger } from '../../server/src/logger.js';
import { createMailPort } from '../../server/src/modules/notifications/create-mail-port.js';
import { httpWebhookClient } from '../../server/src/modules/webhooks/webhook-http.js';
import type { TestServer } from './test-server.js';

export interface JobRow {
  id: string;
  task_identifier: string;
  key: string | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  revision: number;
  payload?: Record<string, unknown>;
}

export interface TestWorker {
  deps: WorkerDeps;
  utils: WorkerUtils;
  /** Moves committed outbox messages to the queue (what the LISTEN loop does in a running worker). */
  relay(): Promise<number>;
  /** Runs every job that is due now until none is left (graphile-worker's runOnce, on this worker's pool). */
  runDue(): Promise<void>;
  /**
   * Relays and runs until the queue is quiet. With `skipBackoff`, jobs waiting for a retry are brought forward
   * instead of waited for (time passing, without the waiting).
   */
  drain(options?: { skipBackoff?: boolean; maxRounds?: number }): Promise<void>;
  /**
   * Time passing for the queue too: jobs whose run_at has come by the server's ManualClock (which the tests move)
   * are made due by PostgreSQL's clock, then everything runs as in `drain`. Jobs not yet due by the test clock wait.
   */
  drainByClock(): Promise<void>;
  addJob(task: string, payload: Record<string, unknown>): Promise<void>;
  /** Jobs in the queue, with their payloads. */
  jobs(task?: string): Promise<JobRow[]>;
  stop(): Promise<void>;
}

/** The real job worker's tasks against a test server's database, with its own small pool and the server's clock. */
export async function startTestWorker(server: TestServer, overrides: Partial<WorkerDeps> = {}): Promise<TestWorker> {
  const config = server.config;
  const logger = createLogger(config.logLevel);
  const pool = new pg.Pool({ connectionString: server.db.url, max: 4 });
  pool.on('error', () => undefined);
  const deps: WorkerDeps = {
    ...server.deps,
    config,
    logger,
    clock: server.clock,
    orm: server.orm,
    mail: createMailPort(config, server.orm, server.clock),
    rescorer: null,
    webhookHttp: httpWebhookClient,
    ...overrides,
  };
  const tasks = taskList(deps);
  const utils = await makeWorkerUtils({ pgPool: pool, logger: silentGraphileLogger });
  const runDue = () => runOnce({ pgPool: pool, taskList: tasks, noHandleSignals: true, logger: silentGraphileLogger });
  const relay = () => relayOutbox(() => server.orm.em.fork(), () => server.clock.now());
  const jobs = async (task?: string): Promise<JobRow[]> => {
    const { rows } = await pool.query<JobRow>(
      `select j.id, j.task_identifier, j.key, j.attempts, j.max_attempts, j.last_error, j.revision, p.payload
         from graphile_worker.jobs j join graphile_worker._private_jobs p on p.id = j.id
        where $1::text is null or j.task_identifier = $1 order by j.id`,
      [task ?? null],
    );
    return rows;
  };
  const harness: TestWorker = {
    deps,
    utils,
    relay,
    runDue,
    async drain({ skipBackoff = false, maxRounds = 40 } = {}) {
      for (let round = 0; round < maxRounds; round++) {
        await relay();
        await runDue();
        // Jobs may have committed outbox messages of their own (a retry's provider call): those count as work left.
        const relayed = await relay();
        const { rows } = await pool.query<{ id: string; due: boolean }>(
          'select id, run_at <= now() as due from graphile_worker.jobs where attempts < max_attempts and locked_at is null',
        );
        if (rows.length === 0 && relayed === 0) return;
        const waiting = rows.filter((r) => !r.due);
        if (rows.length > 0 && waiting.length === rows.length && !skipBackoff) return;
        if (waiting.length > 0 && skipBackoff) await utils.rescheduleJobs(waiting.map((r) => r.id), { runAt: new Date(Date.now() - 1000) });
      }
      throw new Error('the queue did not become quiet');
    },
    async drainByClock() {
      for (let round = 0; round < 40; round++) {
        await harness.drain();
        const { rows } = await pool.query<{ id: string }>(
          'select id from graphile_worker.jobs where run_at > now() and run_at <= $1 and attempts < max_attempts and locked_at is null',
          [server.clock.now()],
        );
        if (rows.length === 0) return;
        await utils.rescheduleJobs(rows.map((r) => r.id), { runAt: new Date(Date.now() - 1000) });
      }
      throw new Error('the queue did not become quiet');
    },
    async addJob(task, payload) {
      await utils.addJob(task, payload);
    },
    jobs,
    async stop() {
      await utils.release();
      await deps.mail.close();
      await pool.end();
    },
  };
  return harness;
}
