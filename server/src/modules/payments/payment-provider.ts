import type { IncomingHttpHeaders } from 'node:http';

/** A refund as the provider sees it, in the provider-neutral shape the rest of the server uses. */
export interface ProviderRefund {
  id: string;
  status: ProviderRefundStatus;
  amountMinor: number;
  currency: string;
  /** The payment the refund draws on (Stripe: payment intent or charge id). */
  paymentReference: string | null;
  /** What ReturnHub attached at creation (returnhub_refund_id, case_id or order_id). */
  metadata: Record<string, string>;
  failureReason: string | null;
}

/** Stripe's `requires_action` is still pending from ReturnHub's point of view. */
export type ProviderRefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

export interface CreateRefundRequest {
  /** Sent with the call: the same key and the same parameters always give the same refund. */
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  paymentReference: string;
  metadata: Record<string, string>;
}

/** One verified webhook delivery, reduced to what ReturnHub acts on. */
export interface ProviderWebhookEvent {
  /** The provider's event id: deliveries are de-duplicated on it. */
  id: string;
  type: string;
  /** Refund snapshots the event carries. */
  refunds: ProviderRefund[];
  /**
   * Set when the event names a payment whose refunds are not included (Stripe's `charge.refunded` without
   * expanded refunds): the handler asks the provider for that payment's refunds.
   */
  refundsOfPayment: string | null;
}

/**
 * Why a provider call failed, and so what a retry may do:
 * - `transient`: the outcome is unknown (timeout, connection, 5xx, rate limit, key in use). Retry with the SAME key:
 *   the provider either created the refund (and answers with it) or creates it now. Never a new key.
 * - `declined` / `invalid`: the provider refused; no money moved. A later attempt needs a new key, because the
 *   provider replays its refusal for the old one.
 * - `idempotency_mismatch`: the key was used with other parameters. A bug or tampering, never retried blindly.
 */
export type PaymentErrorKind = 'transient' | 'declined' | 'invalid' | 'idempotency_mismatch';

export class PaymentProviderError extends Error {
  constructor(
    readonly kind: PaymentErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }

  get retryableWithSameKey(): boolean {
    return this.kind === 'transient';
  }
}

/** A webhook whose signature is missing, wrong or too old: answered 400, nothing changes. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Seconds a signed webhook stays acceptable (replays older than this are refused). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The payment port (SPEC §6): refunds only, with idempotency keys, and signed webhooks. */
export interface PaymentProvider {
  readonly name: 'simulated' | 'stripe';
  createRefund(request: CreateRefundRequest): Promise<ProviderRefund>;
  getRefund(id: string): Promise<ProviderRefund>;
  /** Refunds on one payment: to reconcile by metadata when an idempotency key may have expired. */
  listRefunds(paymentReference: string): Promise<ProviderRefund[]>;
  /** Verifies the signature over the raw body and returns the event; throws WebhookVerificationError. */
  parseWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderWebhookEvent;
}

/** Metadata keys ReturnHub attaches to every refund, so a refund can be found again without its key. */
export const REFUND_METADATA = {
  refundId: 'returnhub_refund_id',
  caseId: 'returnhub_case_id',
  orderId: 'returnhub_order_id',
} as const;
