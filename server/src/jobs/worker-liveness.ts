import pg from 'pg';
import type { Logger } from '../logger.js';
import { briefError } from '../shared/brief-error.js';

/**
 * Crash recovery for graphile-worker 0.16. A worker that dies without a graceful shutdown (SIGKILL, OOM kill, a lost
 * machine) leaves its running jobs locked, and graphile-worker only takes them back after 4 hours. Here PostgreSQL
 * itself tells live workers from dead ones: each worker process keeps one connection on which it holds a
 * session-level advisory lock per worker id of its pool. When the process dies its connection closes and
 * PostgreSQL releases those locks at once. The reclaim (at worker start-up and every few seconds) takes every
 * worker id that holds jobs; if its advisory lock can be taken, nobody alive holds that id, so its jobs are unlocked
 * with graphile-worker's own `force_unlock_workers` and run again — at least once, which every task is built for.
 */

/** First key of the two-int advisory lock space ReturnHub uses for worker leases ('RHWL'). */
export const WORKER_LEASE_NAMESPACE = 0x5248574c;

/**
 * A job locked more recently than this is never reclaimed: it covers the moment between a new worker taking its
 * first job and its lease query returning (milliseconds in practice).
 */
export const RECLAIM_GRACE_SECONDS = 5;

/**
 * One process's leases: a dedicated connection holding an advisory lock per worker id it runs. If that connection
 * drops while the process lives, it reconnects and takes the leases again (in between, another worker may take this
 * process's running jobs for dead ones and run them too: at least once, never lost).
 */
export class WorkerLeases {
  private client: pg.Client | null = null;
  private readonly workerIds = new Set<string>();
  private held = new Map<string, Promise<void>>();
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'returnhub-worker-lease', keepAlive: true, connectionTimeoutMillis: 10_000 });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    this.client = client;
    this.held = new Map();
    for (const id of this.workerIds) void this.hold(id).catch(() => undefined);
  }

  /** Takes the lease of a worker id (once per connection). Resolves when it is held. */
  hold(workerId: string): Promise<void> {
    this.workerIds.add(workerId);
    let lease = this.held.get(workerId);
    if (!lease) {
      const client = this.client;
      if (!client) return Promise.reject(new Error('the worker lease connection is not open'));
      lease = client.query('select pg_advisory_lock($1, hashtext($2))', [WORKER_LEASE_NAMESPACE, workerId]).then(() => undefined);
      this.held.set(workerId, lease);
    }
    return lease;
  }

  /** Closing the connection releases every lease (the process's jobs were finished or released before). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.held.clear();
    await client?.end();
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.held.clear();
    this.logger.error({ error: error ? briefError(error) : 'connection ended' }, 'worker lease connection lost; reconnecting');
    const retry = (delayMs: number) => {
      this.reconnectTimer = setTimeout(() => {
        if (this.stopped) return;
        this.start().catch(() => retry(Math.min(delayMs * 2, 30_000)));
      }, delayMs);
      this.reconnectTimer.unref();
    };
    retry(500);
  }
}

/**
 * Unlocks the jobs (and job queues) of workers that are no longer alive. Returns their ids. Safe to run anywhere,
 * any time, concurrently: a live worker's lease cannot be taken, and force_unlock_workers only touches the dead
 * ids. A worker id without a lease counts as dead, so every process that runs jobs on this database must be a
 * `startWorker` (which takes the leases); a bare graphile-worker process here could have its jobs run twice.
 */
export async function reclaimDeadWorkerJobs(pool: pg.Pool, graceSeconds = RECLAIM_GRACE_SECONDS): Promise<string[]> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked_by: string }>(
      `select locked_by from graphile_worker._private_jobs where locked_by is not null and locked_at < now() - make_interval(secs => $1)
        union
       select locked_by from graphile_worker._private_job_queues where locked_by is not null and locked_at < now() - make_interval(secs => $1)`,
      [graceSeconds],
    );
    const dead: string[] = [];
    for (const { locked_by: workerId } of rows) {
      const { rows: probe } = await client.query<{ free: boolean }>('select pg_try_advisory_lock($1, hashtext($2)) as free', [WORKER_LEASE_NAMESPACE, workerId]);
      if (!probe[0].free) continue;
      await client.query('select pg_advisory_unlock($1, hashtext($2))', [WORKER_LEASE_NAMESPACE, workerId]);
      dead.push(workerId);
    }
    if (dead.length > 0) await client.query('select graphile_worker.force_unlock_workers($1::text[])', [dead]);
    return dead;
  } finally {
    client.release();
  }
}
