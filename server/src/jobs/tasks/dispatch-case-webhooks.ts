import type { Task } from 'graphile-worker';
import { WebhookDispatcher } from '../../modules/webhooks/webhook-dispatcher.service.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/** Fans one case event out to the merchant's subscribed endpoints (a delivery job each). */
export const dispatchCaseWebhooksTask = (deps: WorkerDeps): Task => async (payload) => {
  const notice = payloadStrings(payload, 'caseId', 'eventId', 'type');
  await new WebhookDispatcher(deps.orm.em.fork(), deps.config, deps.clock, deps.webhookHttp, deps.logger).fanOut(notice);
};
