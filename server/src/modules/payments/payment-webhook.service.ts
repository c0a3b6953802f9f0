import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Refund } from '../refunds/refund.entity.js';
import type { RefundService } from '../refunds/refund.service.js';
import { type PaymentProvider, type ProviderRefund, type ProviderWebhookEvent, REFUND_METADATA } from './payment-provider.js';
import { PaymentWebhookEvent } from './payment-webhook-event.entity.js';
import { isUuid } from '../../shared/ids.js';
import type { Clock } from '../../shared/clock.js';

export interface WebhookOutcome {
  duplicate: boolean;
  /** ReturnHub refunds the event changed or confirmed. */
  matched: number;
}

/**
 * Verified provider events, applied once: the event id is recorded in the same transaction as the change it
 * causes, so a redelivery or replay finds it and changes nothing, and a failure rolls both back for the provider
 * to redeliver. Events may come in any order; refund states only move forward (RefundService).
 */
export class PaymentWebhookService {
  constructor(
    private readonly em: EntityManager,
    private readonly payments: PaymentProvider,
    private readonly refunds: RefundService,
    private readonly clock: Clock,
  ) {}

  async handle(event: ProviderWebhookEvent): Promise<WebhookOutcome> {
    // charge.refunded without the refunds: read them first (a provider call never runs inside a transaction).
    const seen: ProviderRefund[] = event.refundsOfPayment ? await this.payments.listRefunds(event.refundsOfPayment) : event.refunds;
    try {
      return await this.em.fork().transactional(async (tx) => {
        tx.create(PaymentWebhookEvent, { provider: this.payments.name, eventId: event.id, type: event.type, refundIds: seen.map((r) => r.id), receivedAt: this.clock.now() });
        await tx.flush();
        let matched = 0;
        for (const providerRefund of seen) {
          const refund = await this.findRefund(tx, providerRefund);
          if (!refund) continue;
          await this.refunds.applyProviderRefund(tx, refund, providerRefund);
          matched++;
        }
        return { duplicate: false, matched };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && String(error.message).includes('payment_webhook_events_provider_event_id_unique')) {
        return { duplicate: true, matched: 0 };
      }
      throw error;
    }
  }

  /** By the provider's refund id; else by the metadata ReturnHub attached (a refund whose creation we never heard back). */
  private async findRefund(tx: EntityManager, seen: ProviderRefund): Promise<Refund | null> {
    const lock = { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } as const;
    const byId = await tx.findOne(Refund, { providerRefundId: seen.id }, lock);
    if (byId) return byId;
    const ours = seen.metadata[REFUND_METADATA.refundId];
    if (!ours || !isUuid(ours)) return null;
    return tx.findOne(Refund, { id: ours, providerRefundId: null, provider: this.payments.name }, lock);
  }
}
