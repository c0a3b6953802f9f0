import type { Task } from 'graphile-worker';
import { trackingEventOfJob } from '../../modules/fulfilment/tracking-jobs.js';
import type { WorkerDeps } from '../worker-deps.js';

/**
 * The built-in carrier reports one scan of a parcel: a signed POST to ReturnHub's /webhooks/carrier. An answer
 * other than 2xx (or none) fails the job, and the queue tries again with back-off, as a real carrier would.
 */
export const sendCarrierEventTask = (deps: WorkerDeps): Task => async (payload) => {
  const event = trackingEventOfJob(payload);
  await deps.carrier.sendEvent(event, deps.clock.now());
  deps.logger.info({ eventId: event.eventId, kind: event.kind, trackingNumber: event.trackingNumber }, 'carrier event sent');
};
