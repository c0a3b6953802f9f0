import { DeadlockException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueJobs } from '../shared/job-queue.js';
import { OUTBOX_ROUTES, type OutboxRow } from './outbox-routes.js';

export const RELAY_BATCH_SIZE = 200;

/**
 * Moves one batch of outbox messages to the job queue. In one transaction: claim undispatched rows with
 * FOR UPDATE SKIP LOCKED (another relay, on this machine or another, takes other rows or none), add the jobs
 * they imply, and mark them dispatched. Either all three happen or none: a message is enqueued exactly once.
 * Returns how many messages were dispatched.
 */
export async function relayOutboxBatch(em: EntityManager, now: Date, batchSize = RELAY_BATCH_SIZE): Promise<number> {
  // Relays on several machines can still pick each other as a deadlock victim when their batches share job keys;
  // the victim's transaction rolled back whole, so it simply tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await relayBatchOnce(em.fork(), now, batchSize);
    } catch (error) {
      if (!(error instanceof DeadlockException) || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}

async function relayBatchOnce(em: EntityManager, now: Date, batchSize: number): Promise<number> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<OutboxRow[]>(
      `select id, topic, case_id, payload from outbox_messages
        where dispatched_at is null and topic in (?)
        order by id limit ? for update skip locked`,
      [Object.keys(OUTBOX_ROUTES), batchSize],
    );
    if (rows.length === 0) return 0;
    await enqueueJobs(tx, rows.flatMap((row) => OUTBOX_ROUTES[row.topic](row)));
    await tx.execute('update outbox_messages set dispatched_at = ? where id in (?)', [now, rows.map((r) => r.id)]);
    return rows.length;
  });
}

/** Relays until the outbox is empty (or only holds rows other relays are taking). */
export async function relayOutbox(em: () => EntityManager, now: () => Date, batchSize = RELAY_BATCH_SIZE): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await relayOutboxBatch(em(), now(), batchSize);
    total += moved;
    if (moved < batchSize) return total;
  }
}

/** Dispatched messages are kept a while for diagnosis, then removed. */
export async function pruneDispatchedOutbox(em: EntityManager, olderThan: Date): Promise<number> {
  const result = await em.execute<{ affectedRows?: number }>('delete from outbox_messages where dispatched_at < ?', [olderThan], 'run');
  return Number(result.affectedRows ?? 0);
}
