import type { EntityManager } from '@mikro-orm/postgresql';
import type { Order } from '../server/src/modules/orders/order.entity.js';
import { Refund, RefundState } from '../server/src/modules/refunds/refund.entity.js';
import { REFUND_RETRY_INTERVAL_MS, enqueueRefundRetry } from '../server/src/modules/refunds/refund-retries.js';
import { REFUND_METADATA } from '../server/src/modules/payments/payment-provider.js';
import { SimulatedRefund } from '../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { simulatedRefundId, simulatedRequestHash } from '../server/src/modules/payments/simulated/simulated-provider.js';
import type { ReturnCase } from '../server/src/modules/returns/return-case.entity.js';
import { CaseStatus } from '../server/src/modules/returns/return-case.enums.js';
import { stableId } from './stable-id.js';

/**
 * The refund of demo case `n` when its status has one (pending, failed or refunded), with the simulated provider's
 * matching record and, for a failed one, its scheduled retry.
 */
export async function seedDemoRefund(tx: EntityManager, now: Date, n: number, rc: ReturnCase, order: Order, status: CaseStatus): Promise<void> {
  if (status === CaseStatus.REFUND_PENDING || status === CaseStatus.REFUND_FAILED || status === CaseStatus.REFUNDED) {
    const state = status === CaseStatus.REFUNDED ? RefundState.SUCCEEDED : status === CaseStatus.REFUND_FAILED ? RefundState.FAILED : RefundState.PENDING;
    const idempotencyKey = `${rc.id}:refund`;
    tx.create(Refund, {
      id: stableId(`refund:${n}`),
      returnCase: rc,
      order,
      provider: 'simulated',
      providerRefundId: state === RefundState.FAILED ? null : simulatedRefundId(idempotencyKey),
      idempotencyKey,
      amountMinor: rc.refundAmountMinor,
      currency: 'USD',
      state,
      attempts: state === RefundState.FAILED ? 3 : 1,
      lastError: state === RefundState.FAILED ? 'card_declined: the card issuer refused the refund' : null,
      createdAt: rc.updatedAt,
      updatedAt: rc.updatedAt,
    });
    // The simulated provider's own books agree: settling pending refunds confirms the demo's pending one.
    const request = {
      amountMinor: rc.refundAmountMinor,
      currency: 'USD',
      paymentReference: order.paymentReference!,
      metadata: { [REFUND_METADATA.refundId]: stableId(`refund:${n}`), [REFUND_METADATA.caseId]: rc.id, [REFUND_METADATA.orderId]: order.id },
    };
    tx.create(SimulatedRefund, {
      id: simulatedRefundId(idempotencyKey),
      idempotencyKey,
      requestHash: simulatedRequestHash(request),
      paymentReference: request.paymentReference,
      amountMinor: request.amountMinor,
      currency: request.currency,
      metadata: request.metadata,
      status: state === RefundState.SUCCEEDED ? 'succeeded' : state === RefundState.FAILED ? 'declined' : 'pending',
      failureReason: state === RefundState.FAILED ? 'declined_by_issuer' : null,
      createdAt: rc.updatedAt,
      settledAt: state === RefundState.SUCCEEDED ? rc.updatedAt : null,
    });
    // A failed refund waits for its next automatic retry, as after a real failure (SPEC §5).
    if (state === RefundState.FAILED) {
      rc.refundRetries = 1;
      rc.refundRetryDueAt = new Date(now.getTime() + REFUND_RETRY_INTERVAL_MS);
      await enqueueRefundRetry(tx, rc.id, rc.refundRetryDueAt);
    }
  }
}
