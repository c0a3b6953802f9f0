import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LockMode, QueryOrder, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../../shared/clock.js';
import {
  type CreateRefundRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderRefund,
  type ProviderWebhookEvent,
  WebhookVerificationError,
} from '../payment-provider.js';
import { fromStripeRefund, isStripeLikeRefund } from '../stripe-shape.js';
import { SimulatedBehaviour, SimulatedControl, SimulatedEvent, SimulatedRefund } from './simulated-provider.entities.js';
import { SIMULATED_SIGNATURE_HEADER, signSimulatedPayload, verifySimulatedSignature } from './simulated-signature.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the simulated provider compares to recognise "the same request" under one idempotency key. */
export const simulatedRequestHash = (request: Pick<CreateRefundRequest, 'amountMinor' | 'currency' | 'paymentReference' | 'metadata'>): string =>
  sha256(JSON.stringify([request.amountMinor, request.currency.toUpperCase(), request.paymentReference, Object.entries(request.metadata).sort()]));

/** How late a SLOW answer comes when the control row names no delay. */
const SLOW_DEFAULT_DELAY_MS = 30_000;

/** The simulated provider's refund id for an idempotency key (deterministic). */
export const simulatedRefundId = (idempotencyKey: string): string => `sim_re_${sha256(idempotencyKey).slice(0, 24)}`;

export interface SimulatedProviderOptions {
  webhookSecret: string;
  /** Where settlement posts its webhooks; set once the API listens (see main.ts). */
  webhookUrl?: string;
}

export interface SettlementSummary {
  settled: number;
  delivered: number;
  undelivered: number;
}

/**
 * The built-in payment provider (SPEC §6), the default. It behaves like a real one: it keeps its own books
 * (its own tables, written outside ReturnHub's transactions), honours idempotency keys (same key and same
 * parameters → the same refund; other parameters → an error, as Stripe does), accepts refunds as `pending`,
 * and confirms them later — when `settlePendingRefunds()` is called by the worker or a test — with a signed
 * webhook to ReturnHub's endpoint. Control rows make it fail, decline, time out, or confirm twice.
 * Deterministic: refund and event ids derive from the idempotency key.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  webhookUrl: string | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly options: SimulatedProviderOptions,
  ) {
    this.webhookUrl = options.webhookUrl;
  }

  async createRefund(request: CreateRefundRequest): Promise<ProviderRefund> {
    if (!request.idempotencyKey || request.idempotencyKey.length > 255) throw new PaymentProviderError('invalid', 'parameter_invalid', 'An idempotency key of 1 to 255 characters is required.');
    if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0) throw new PaymentProviderError('invalid', 'parameter_invalid_integer', 'The amount must be a positive whole number of minor units.');
    if (!/^[A-Z]{3}$/i.test(request.currency)) throw new PaymentProviderError('invalid', 'parameter_invalid', 'The currency must be an ISO 4217 code.');
    if (!request.paymentReference) throw new PaymentProviderError('invalid', 'parameter_missing', 'A payment reference is required.');

    const requestHash = simulatedRequestHash(request);
    for (let attempt = 0; ; attempt++) {
      try {
        const { refund, behaviour, delayMs } = await this.orm.em.fork().transactional(async (tx): Promise<{ refund: SimulatedRefund | null; behaviour: SimulatedBehaviour; delayMs?: number }> => {
          const existing = await tx.findOne(SimulatedRefund, { idempotencyKey: request.idempotencyKey }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (existing) {
            if (existing.requestHash !== requestHash) {
              throw new PaymentProviderError('idempotency_mismatch', 'idempotency_key_reused', `Keys for idempotent requests can only be used with the same parameters they were first used with (key ${request.idempotencyKey}).`);
            }
            // A replay answers what the first request answered.
            return { refund: existing, behaviour: existing.status === 'declined' ? SimulatedBehaviour.DECLINE : SimulatedBehaviour.SUCCEED };
          }
          const { behaviour, delayMs } = await this.takeBehaviour(tx, request.paymentReference);
          if (behaviour === SimulatedBehaviour.UNAVAILABLE) return { refund: null, behaviour };
          const refund = tx.create(SimulatedRefund, {
            id: simulatedRefundId(request.idempotencyKey),
            idempotencyKey: request.idempotencyKey,
            requestHash,
            paymentReference: request.paymentReference,
            amountMinor: request.amountMinor,
            currency: request.currency.toUpperCase(),
            metadata: { ...request.metadata },
            status: behaviour === SimulatedBehaviour.DECLINE ? 'declined' : 'pending',
            plannedOutcome: behaviour === SimulatedBehaviour.FAIL ? 'fail' : 'succeed',
            duplicateDelivery: behaviour === SimulatedBehaviour.DUPLICATE_CONFIRMATION,
            failureReason: behaviour === SimulatedBehaviour.DECLINE ? 'declined_by_issuer' : null,
            createdAt: this.clock.now(),
          });
          return { refund, behaviour, delayMs };
        });
        // The provider's books are committed before the caller hears anything, as with a real provider.
        switch (behaviour) {
          case SimulatedBehaviour.UNAVAILABLE:
            throw new PaymentProviderError('transient', 'service_unavailable', 'The payment provider is unavailable (503). Try again with the same idempotency key.');
          case SimulatedBehaviour.DECLINE:
            throw new PaymentProviderError('declined', 'refund_declined', 'The payment provider declined the refund: declined_by_issuer.');
          case SimulatedBehaviour.TIMEOUT:
            throw new PaymentProviderError('transient', 'timeout', 'The payment provider did not answer in time; the refund may or may not exist.');
          case SimulatedBehaviour.HANG:
            // The refund is on the provider's books; its answer never arrives (the caller's process dies first).
            return await new Promise<never>(() => undefined);
          case SimulatedBehaviour.SLOW:
            // The refund exists already; the answer is just late (the caller's own timeout decides what it hears).
            await new Promise((resolve) => setTimeout(resolve, delayMs ?? SLOW_DEFAULT_DELAY_MS));
            return this.toProvider(refund!);
          default:
            return this.toProvider(refund!);
        }
      } catch (error) {
        // Two requests with one key raced to insert: the loser reads the winner's refund.
        if (error instanceof UniqueConstraintViolationException && attempt < 2) continue;
        throw error;
      }
    }
  }

  async getRefund(id: string): Promise<ProviderRefund> {
    const refund = await this.orm.em.fork().findOne(SimulatedRefund, { id });
    if (!refund || refund.status === 'declined') throw new PaymentProviderError('invalid', 'resource_missing', `No such refund: ${id}`);
    return this.toProvider(refund);
  }

  async listRefunds(paymentReference: string): Promise<ProviderRefund[]> {
    const refunds = await this.orm.em.fork().find(SimulatedRefund, { paymentReference, status: { $ne: 'declined' } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return refunds.map((r) => this.toProvider(r));
  }

  parseWebhook(rawBody: Buffer, headers: IncomingHttpHeaders): ProviderWebhookEvent {
    const header = headers[SIMULATED_SIGNATURE_HEADER];
    verifySimulatedSignature(this.options.webhookSecret, rawBody, Array.isArray(header) ? header[0] : header, this.clock.now().getTime());
    let event: { id?: unknown; type?: unknown; data?: { object?: unknown } };
    try {
      event = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new WebhookVerificationError('The payload is not JSON.');
    }
    if (typeof event.id !== 'string' || typeof event.type !== 'string') throw new WebhookVerificationError('The payload is not an event.');
    const object = event.data?.object;
    return { id: event.id, type: event.type, refunds: isStripeLikeRefund(object) ? [fromStripeRefund(object)] : [], refundsOfPayment: null };
  }

  // ---- What a worker or a test drives: settlement and delivery ----

  /** Settles every pending refund as planned and delivers the resulting webhooks. */
  async settlePendingRefunds(): Promise<SettlementSummary> {
    const settled = await this.orm.em.fork().transactional(async (tx) => {
      const pending = await tx.find(SimulatedRefund, { status: 'pending' }, { orderBy: { createdAt: 'asc', id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
      const now = this.clock.now();
      for (const refund of pending) {
        refund.status = refund.plannedOutcome === 'fail' ? 'failed' : 'succeeded';
        refund.failureReason = refund.plannedOutcome === 'fail' ? 'lost_or_stolen_card' : null;
        refund.settledAt = now;
        const type = refund.status === 'failed' ? 'refund.failed' : 'refund.updated';
        const id = `sim_evt_${sha256(`${refund.id}:${type}`).slice(0, 24)}`;
        const body = JSON.stringify({ id, object: 'event', type, created: Math.floor(now.getTime() / 1000), data: { object: this.stripeShape(refund) } });
        tx.create(SimulatedEvent, { id, refundId: refund.id, type, body, copies: refund.duplicateDelivery ? 2 : 1, createdAt: now });
      }
      return pending.length;
    });
    return { settled, ...(await this.deliverPendingEvents()) };
  }

  /** Posts every undelivered webhook (each as many times as it owes); failures stay for the next call. */
  async deliverPendingEvents(): Promise<{ delivered: number; undelivered: number }> {
    const em = this.orm.em.fork();
    const events = await em.find(SimulatedEvent, { deliveredAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    let delivered = 0;
    for (const event of events) {
      try {
        if (!this.webhookUrl) throw new Error('no webhook URL configured');
        for (let copy = event.deliveries; copy < event.copies; copy++) {
          const response = await fetch(this.webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SIMULATED_SIGNATURE_HEADER]: this.sign(event.body) },
            body: event.body,
            signal: AbortSignal.timeout(10_000),
          });
          if (!response.ok) throw new Error(`webhook answered ${response.status}`);
          event.deliveries = copy + 1;
        }
        event.deliveredAt = this.clock.now();
        event.lastDeliveryError = null;
        delivered++;
      } catch (error) {
        event.lastDeliveryError = error instanceof Error ? error.message : String(error);
      }
      await em.flush();
    }
    return { delivered, undelivered: events.length - delivered };
  }

  /** Makes the next refund requests behave as told (for any payment when `paymentReference` is omitted). */
  async setBehaviour(behaviour: SimulatedBehaviour, options: { paymentReference?: string; times?: number; delayMs?: number } = {}): Promise<void> {
    const em = this.orm.em.fork();
    em.create(SimulatedControl, { behaviour, paymentReference: options.paymentReference ?? null, remaining: options.times ?? null, delayMs: options.delayMs ?? null, createdAt: this.clock.now() });
    await em.flush();
  }

  async clearBehaviours(): Promise<void> {
    await this.orm.em.fork().nativeDelete(SimulatedControl, {});
  }

  /** Signs a body as the provider would (tests use it to replay or forge deliveries). */
  sign(body: string, at: Date = this.clock.now()): string {
    return signSimulatedPayload(this.options.webhookSecret, body, Math.floor(at.getTime() / 1000));
  }

  private async takeBehaviour(tx: EntityManager, paymentReference: string): Promise<{ behaviour: SimulatedBehaviour; delayMs?: number }> {
    const control = await tx.findOne(
      SimulatedControl,
      { $or: [{ paymentReference }, { paymentReference: null }] },
      { orderBy: { paymentReference: QueryOrder.ASC_NULLS_LAST, id: QueryOrder.ASC }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!control) return { behaviour: SimulatedBehaviour.SUCCEED };
    const taken = { behaviour: control.behaviour, delayMs: control.delayMs ?? undefined };
    if (control.remaining !== null) {
      control.remaining -= 1;
      if (control.remaining <= 0) tx.remove(control);
    }
    return taken;
  }

  private stripeShape(refund: SimulatedRefund) {
    return {
      id: refund.id,
      object: 'refund',
      amount: refund.amountMinor,
      currency: refund.currency.toLowerCase(),
      status: refund.status === 'declined' ? 'failed' : refund.status,
      payment_intent: refund.paymentReference,
      metadata: refund.metadata,
      failure_reason: refund.failureReason,
      created: Math.floor(refund.createdAt.getTime() / 1000),
    };
  }

  private toProvider(refund: SimulatedRefund): ProviderRefund {
    return fromStripeRefund(this.stripeShape(refund));
  }
}
