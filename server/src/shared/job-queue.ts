import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxMessage } from '../modules/returns/outbox-message.entity.js';

/** Every task the worker runs, by the identifier stored with its jobs (one file per task in jobs/tasks). */
export const TaskName = {
  RELAY_OUTBOX: 'relay_outbox',
  PRUNE_OUTBOX: 'prune_outbox',
  RUN_SCHEDULED_MOVES: 'run_scheduled_moves',
  SEND_CASE_NOTIFICATIONS: 'send_case_notifications',
  SEND_ORDER_NOTIFICATIONS: 'send_order_notifications',
  DISPATCH_CASE_WEBHOOKS: 'dispatch_case_webhooks',
  DELIVER_WEBHOOK: 'deliver_webhook',
  RESCORE_CASE: 'rescore_case',
  PROCESS_REFUND: 'process_refund',
  RETRY_REFUND: 'retry_refund',
  SETTLE_REFUNDS: 'settle_refunds',
  SWEEP_TEMPORARY_UPLOADS: 'sweep_temporary_uploads',
  MAKE_DOCUMENT_THUMBNAIL: 'make_document_thumbnail',
  SWEEP_ORPHAN_FILES: 'sweep_orphan_files',
  RUN_RULE_SIMULATION: 'run_rule_simulation',
  SEND_CARRIER_EVENT: 'send_carrier_event',
} as const;
export type TaskName = (typeof TaskName)[keyof typeof TaskName];

/** A job to add to graphile-worker's queue. */
export interface QueuedJob {
  task: string;
  payload: Record<string, unknown>;
  /** De-duplicates: a job with the same key that has not started yet is replaced instead of added again. */
  jobKey?: string;
  maxAttempts?: number;
  /** Jobs of one queue run one at a time, in order. Leave unset for parallel work. */
  queueName?: string;
  priority?: number;
  /** Not before this time (compared with the database's clock, as graphile-worker does). */
  runAt?: Date;
}

/** The outbox topic of a job queued by `queueJobs`: its payload is the job (OUTBOX_ROUTES hands it on as it is). */
export const JOB_QUEUED_TOPIC = 'job.queued';

/**
 * THE way work is queued: as outbox messages in the caller's unit of work (flushed, committed or rolled back with the
 * caller's change), which the relay (jobs/outbox-relay.ts) turns into jobs. A case change's own jobs come from its
 * case.changed / case.rescore messages (modules/returns/case-changes.ts); this is for the other jobs a change owes.
 */
export function queueJobs(em: EntityManager, jobs: readonly QueuedJob[]): void {
  for (const job of jobs) {
    em.create(OutboxMessage, { topic: JOB_QUEUED_TOPIC, payload: { ...job, runAt: job.runAt?.toISOString() ?? null } });
  }
}

/** The job a `job.queued` outbox message carries (null when it is not one: left in the outbox). */
export function queuedJobOf(payload: Record<string, unknown>): QueuedJob | null {
  const { task, payload: jobPayload, jobKey, maxAttempts, queueName, priority, runAt } = payload;
  if (typeof task !== 'string' || typeof jobPayload !== 'object' || jobPayload === null) return null;
  return {
    task,
    payload: jobPayload as Record<string, unknown>,
    jobKey: typeof jobKey === 'string' ? jobKey : undefined,
    maxAttempts: typeof maxAttempts === 'number' ? maxAttempts : undefined,
    queueName: typeof queueName === 'string' ? queueName : undefined,
    priority: typeof priority === 'number' ? priority : undefined,
    runAt: typeof runAt === 'string' ? new Date(runAt) : undefined,
  };
}

/**
 * Used by the outbox relay only (everything else queues through `queueJobs`).
 * Adds jobs with `graphile_worker.add_job` on the caller's connection, so they belong to the caller's
 * transaction: if it rolls back, the jobs were never added. One round trip for the whole list.
 * Jobs sharing a key are added once (the last wins, as add_job would do), and all are added in one global order
 * (task, key): concurrent transactions then take graphile-worker's row locks in the same order and wait for each
 * other instead of deadlocking.
 */
export async function enqueueJobs(em: EntityManager, jobs: readonly QueuedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const byKey = new Map<string, QueuedJob>();
  const unkeyed: QueuedJob[] = [];
  for (const job of jobs) {
    if (job.jobKey) byKey.set(job.jobKey, job);
    else unkeyed.push(job);
  }
  const ordered = [...byKey.values(), ...unkeyed].sort((a, b) => a.task.localeCompare(b.task) || (a.jobKey ?? '').localeCompare(b.jobKey ?? ''));
  const rows = ordered.map((j) => ({
    task: j.task,
    payload: j.payload,
    job_key: j.jobKey ?? null,
    max_attempts: j.maxAttempts ?? null,
    queue_name: j.queueName ?? null,
    priority: j.priority ?? null,
    run_at: j.runAt?.toISOString() ?? null,
  }));
  await em.execute(
    `select graphile_worker.add_job(j.v->>'task', j.v->'payload', queue_name => j.v->>'queue_name',
            max_attempts => (j.v->>'max_attempts')::int, job_key => j.v->>'job_key', priority => (j.v->>'priority')::int,
            run_at => (j.v->>'run_at')::timestamptz)
       from json_array_elements(?::json) with ordinality as j(v, n)
      order by j.n`,
    [JSON.stringify(rows)],
  );
}
