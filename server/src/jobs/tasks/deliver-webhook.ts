import type { Task } from 'graphile-worker';
import { WebhookDispatcher } from '../../modules/webhooks/webhook-dispatcher.service.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/** One signed delivery attempt; a failure throws, and the queue retries with back-off until the last attempt. */
export const deliverWebhookTask = (deps: WorkerDeps): Task => async (payload, helpers) => {
  const { deliveryId } = payloadStrings(payload, 'deliveryId');
  await new WebhookDispatcher(deps.orm.em.fork(), deps.config, deps.clock, deps.webhookHttp, deps.logger, deps.mail).deliver(deliveryId, {
    attempt: helpers.job.attempts,
    maxAttempts: helpers.job.max_attempts,
  });
};
