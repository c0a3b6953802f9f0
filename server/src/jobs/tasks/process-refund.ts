import type { Task } from 'graphile-worker';
import { RefundState } from '../../modules/refunds/refund.entity.js';
import { RefundService } from '../../modules/refunds/refund.service.js';
import type { WorkerDeps } from '../worker-deps.js';
import { payloadStrings } from './payload.js';

/**
 * The provider call a committed `refund.requested` owes (at least once; the refund's idempotency key makes a repeat
 * pay nothing more). A cancellation refund whose outcome is still unknown fails the job, so the queue retries it
 * with back-off; a case's failed attempt is the retry schedule's (`retry_refund`).
 */
export const processRefundTask = (deps: WorkerDeps): Task => async (payload) => {
  const { refundId } = payloadStrings(payload, 'refundId');
  const refund = await new RefundService(deps.orm.em.fork(), deps).processRequested(refundId);
  if (refund && !refund.returnCase && refund.state === RefundState.PENDING && !refund.providerRefundId && refund.lastError) {
    throw new Error(`The provider's answer for refund ${refundId} is unknown (${refund.lastError}); trying again with the same key.`);
  }
};
