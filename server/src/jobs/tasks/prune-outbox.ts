import type { Task } from 'graphile-worker';
import { DAY_MS } from '../../shared/clock.js';
import { pruneDispatchedOutbox } from '../outbox-relay.js';
import type { WorkerDeps } from '../worker-deps.js';

export const OUTBOX_RETENTION_DAYS = 7;

/** Daily: removes outbox messages dispatched more than a week ago. */
export const pruneOutboxTask = (deps: WorkerDeps): Task => async (_payload, helpers) => {
  const removed = await pruneDispatchedOutbox(deps.orm.em.fork(), new Date(deps.clock.now().getTime() - OUTBOX_RETENTION_DAYS * DAY_MS));
  helpers.logger.info(`pruned ${removed} dispatched outbox messages`);
};
