import type { ProviderRefund, ProviderRefundStatus } from './payment-provider.js';

/** The fields of a Stripe refund object ReturnHub reads (the simulated provider speaks the same shape). */
export interface StripeLikeRefund {
  id: string;
  object?: string;
  amount: number;
  currency: string;
  status: string | null;
  payment_intent?: string | { id: string } | null;
  charge?: string | { id: string } | null;
  metadata?: Record<string, string> | null;
  failure_reason?: string | null;
}

export function refundStatus(status: string | null | undefined): ProviderRefundStatus {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    // pending, requires_action, null: not settled yet.
    default:
      return 'pending';
  }
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : value && typeof value.id === 'string' ? value.id : null;

export function fromStripeRefund(refund: StripeLikeRefund): ProviderRefund {
  return {
    id: refund.id,
    status: refundStatus(refund.status),
    amountMinor: refund.amount,
    currency: refund.currency.toUpperCase(),
    paymentReference: idOf(refund.payment_intent) ?? idOf(refund.charge),
    metadata: { ...(refund.metadata ?? {}) },
    failureReason: refund.failure_reason ?? null,
  };
}

export const isStripeLikeRefund = (value: unknown): value is StripeLikeRefund =>
  typeof value === 'object' && value !== null && (value as { object?: unknown }).object === 'refund' &&
  typeof (value as { id?: unknown }).id === 'string' && Number.isInteger((value as { amount?: unknown }).amount) &&
  typeof (value as { currency?: unknown }).currency === 'string';
