import type { Task } from 'graphile-worker';
import { SimulatedPaymentProvider } from '../../modules/payments/simulated/simulated-provider.js';
import { RefundService } from '../../modules/refunds/refund.service.js';
import type { WorkerDeps } from '../worker-deps.js';

/**
 * Every minute (cron). With the simulated provider, its own settlement: refunds it accepted as pending are confirmed
 * or failed as planned, and its signed webhooks are (re)delivered — what a real provider does on its side. With any
 * provider, the poll of SPEC §5: refunds the provider holds that are still pending a while after the last word get
 * asked again, in case a webhook was lost.
 */
export const settleRefundsTask = (deps: WorkerDeps): Task => async () => {
  if (deps.payments instanceof SimulatedPaymentProvider) {
    const summary = await deps.payments.settlePendingRefunds();
    if (summary.settled > 0 || summary.undelivered > 0) deps.logger.info({ summary }, 'simulated provider settlement');
  }
  const polled = await new RefundService(deps.orm.em.fork(), deps).pollStalePending();
  if (polled > 0) deps.logger.info({ polled }, 'pending refunds polled');
};
