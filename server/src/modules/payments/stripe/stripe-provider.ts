import type { IncomingHttpHeaders } from 'node:http';
import Stripe from 'stripe';
import type { Clock } from '../../../shared/clock.js';
import {
  type CreateRefundRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type ProviderWebhookEvent,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookVerificationError,
} from '../payment-provider.js';
import { fromStripeRefund, isStripeLikeRefund } from '../stripe-shape.js';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API base, for tests against a local server speaking Stripe's API. */
  apiBase?: { protocol: 'http' | 'https'; host: string; port: number };
  /** Milliseconds before a call counts as timed out (its outcome is then unknown). */
  timeoutMs?: number;
}

/** Events that can change a refund ReturnHub asked for. */
const REFUND_EVENTS = new Set(['charge.refunded', 'refund.updated', 'refund.failed', 'refund.created', 'charge.refund.updated']);

/**
 * Stripe through its official SDK. Every refund is created with ReturnHub's idempotency key and metadata naming
 * the refund and its case or order, so it can be found again after Stripe forgets the key (~24 h).
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(
    private readonly options: StripeProviderOptions,
    private readonly clock: Clock,
  ) {
    this.stripe = new Stripe(options.secretKey, {
      // ReturnHub does its own retries, always with the same key; the SDK's hidden retries would blur attempts.
      maxNetworkRetries: 0,
      timeout: options.timeoutMs ?? 20_000,
      telemetry: false,
      ...(options.apiBase ? { protocol: options.apiBase.protocol, host: options.apiBase.host, port: options.apiBase.port } : {}),
    });
  }

  async createRefund(request: CreateRefundRequest): Promise<ProviderRefund> {
    const target = request.paymentReference.startsWith('ch_') ? { charge: request.paymentReference } : { payment_intent: request.paymentReference };
    const refund = await this.call(() =>
      this.stripe.refunds.create({ ...target, amount: request.amountMinor, reason: 'requested_by_customer', metadata: request.metadata }, { idempotencyKey: request.idempotencyKey }),
    );
    const result = fromStripeRefund(refund as never);
    if (result.currency !== request.currency.toUpperCase()) {
      // Stripe refunds in the charge's currency; a mismatch means the order's currency is wrong, never convert.
      throw new PaymentProviderError('invalid', 'currency_mismatch', `The payment is in ${result.currency}, the refund was asked in ${request.currency}.`);
    }
    return result;
  }

  async getRefund(id: string): Promise<ProviderRefund> {
    return fromStripeRefund((await this.call(() => this.stripe.refunds.retrieve(id))) as never);
  }

  async listRefunds(paymentReference: string): Promise<ProviderRefund[]> {
    const filter = paymentReference.startsWith('ch_') ? { charge: paymentReference } : { payment_intent: paymentReference };
    const refunds: ProviderRefund[] = [];
    // Auto-pagination, bounded: a payment has few refunds.
    for await (const refund of this.stripe.refunds.list({ ...filter, limit: 100 })) {
      refunds.push(fromStripeRefund(refund as never));
      if (refunds.length >= 1_000) break;
    }
    return refunds;
  }

  parseWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderWebhookEvent {
    const header = headers['stripe-signature'];
    if (!header) throw new WebhookVerificationError('Missing Stripe-Signature header.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, header, this.options.webhookSecret, WEBHOOK_TOLERANCE_SECONDS, undefined, this.clock.now().getTime());
    } catch (error) {
      throw new WebhookVerificationError(error instanceof Error ? error.message : 'The signature could not be verified.');
    }
    if (!REFUND_EVENTS.has(event.type)) return { id: event.id, type: event.type, refunds: [], refundsOfPayment: null };
    const object = event.data.object as unknown as Record<string, unknown>;
    if (isStripeLikeRefund(object)) return { id: event.id, type: event.type, refunds: [fromStripeRefund(object)], refundsOfPayment: null };
    if (object.object === 'charge') {
      // charge.refunded: refunds are not expanded on current API versions, so ask for the payment's refunds.
      const listed = (object.refunds as { data?: unknown[] } | null | undefined)?.data ?? [];
      const refunds = listed.filter(isStripeLikeRefund).map(fromStripeRefund);
      const payment = typeof object.payment_intent === 'string' ? object.payment_intent : typeof object.id === 'string' ? object.id : null;
      return { id: event.id, type: event.type, refunds, refundsOfPayment: refunds.length > 0 ? null : payment };
    }
    return { id: event.id, type: event.type, refunds: [], refundsOfPayment: null };
  }

  /** Runs one SDK call and classifies its failure (see PaymentErrorKind). */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw classifyStripeError(error);
    }
  }
}

export function classifyStripeError(error: unknown): PaymentProviderError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new PaymentProviderError('transient', 'unknown', error instanceof Error ? error.message : String(error));
  }
  const code = error.code ?? error.type;
  const message = `Stripe: ${error.message}`;
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new PaymentProviderError('idempotency_mismatch', code, message);
  }
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError) {
    return new PaymentProviderError('transient', code, message);
  }
  // A concurrent request with the same key is still running: its answer will come; retry the same key.
  if (error.statusCode === 409 || code === 'idempotency_key_in_use' || (error.statusCode !== undefined && error.statusCode >= 500)) {
    return new PaymentProviderError('transient', code, message);
  }
  if (error instanceof Stripe.errors.StripeCardError) return new PaymentProviderError('declined', code, message);
  return new PaymentProviderError('invalid', code, message);
}
