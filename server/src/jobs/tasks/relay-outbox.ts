import type { Task } from 'graphile-worker';
import { relayOutbox } from '../outbox-relay.js';
import type { WorkerDeps } from '../worker-deps.js';

/** Moves committed outbox messages to the queue (also run by the LISTEN loop as changes commit). */
export const relayOutboxTask = (deps: WorkerDeps): Task => async () => {
  await relayOutbox(() => deps.orm.em.fork(), () => deps.clock.now());
};
