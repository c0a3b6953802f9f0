import type { EntityManager } from '@mikro-orm/postgresql';
import { Order } from '../orders/order.entity.js';
import { afterRefundFailed } from '../refunds/refund-retries.js';
import { payEarlyIfDue, reconcileIfPaidEarly } from '../refunds/refund-timing.js';
import { openCaseRefund } from '../refunds/case-refund.js';
import type { Actor } from '../returns/actor.js';
import { SYSTEM_ACTOR } from '../returns/actor.js';
import { recordCaseChange } from '../returns/case-changes.js';
import type { CaseTransitionEffects, CaseWorkflow } from '../returns/case-workflow.service.js';
import { CaseStatus, ReturnType } from '../returns/return-case.enums.js';
import type { ReturnCase } from '../returns/return-case.entity.js';
import { CustomerProfile } from '../users/customer-profile.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import type { CarrierPort, ReturnLabelRequest } from './carrier-port.js';
import type { LabelStore } from './label-store.js';
import { trackingEventJobs } from './tracking-jobs.js';
import type { Clock } from '../../shared/clock.js';
import { queueJobs } from '../../shared/job-queue.js';
import { createReplacementOrder } from './replacement-order.js';

export interface FulfilmentPorts {
  carrier: CarrierPort;
  labels: LabelStore;
  clock: Clock;
  /** The payment provider's name, recorded on the refunds a transition opens (the call is made after commit). */
  payments: { name: string };
}

/** Lines of a free-text address, as printed. */
const addressLines = (text: string | null | undefined): string[] =>
  (text ?? '').split(/\s*(?:\n|,)\s*/).map((l) => l.trim()).filter(Boolean);

/** What the carrier needs to print a case's return label: both addresses, the numbers and the items. */
export async function returnLabelRequest(em: EntityManager, rc: ReturnCase, at: Date): Promise<ReturnLabelRequest> {
  const [order, merchant, customer, profile] = await Promise.all([
    em.findOneOrFail(Order, rc.order.id),
    em.findOneOrFail(MerchantProfile, rc.merchant.id),
    em.findOneOrFail(User, rc.customer.id),
    em.findOne(CustomerProfile, { user: rc.customer.id }),
  ]);
  await em.populate(rc, ['items.orderItem']);
  return {
    caseId: rc.id,
    caseNumber: rc.number,
    orderNumber: order.number,
    from: { name: customer.displayName, lines: addressLines(profile?.shippingAddress) },
    to: { name: merchant.name, lines: addressLines(merchant.warehouseAddress) },
    items: rc.items.getItems().map((item) => ({ sku: item.orderItem.sku, name: item.orderItem.name, quantity: item.quantity })),
    issuedAt: at,
  };
}

/**
 * What entering a status brings with it, for every path into that status (merchant, ops, dispute overturn,
 * automatic approval, jobs, carrier events): on APPROVED, a prepaid return label from the carrier port — or, when the
 * customer keeps the goods, the refund (or the replacement) at once; at the merchant's refund timing, the refund paid
 * before inspection; on a cancellation or expiry after such a refund, its reconciliation; on REFUND_FAILED, the next
 * automatic retry (or, once they are used up, the flag for ops).
 */
export class FulfilmentEffects implements CaseTransitionEffects {
  constructor(private readonly ports: FulfilmentPorts) {}

  async afterTransition(tx: EntityManager, rc: ReturnCase, _from: CaseStatus, to: CaseStatus, _actor: Actor, at: Date, workflow: CaseWorkflow): Promise<void> {
    if (to === CaseStatus.APPROVED && rc.keepItem) return this.keptAtApproval(tx, rc, at, workflow);
    if (to === CaseStatus.APPROVED) await this.issueReturnLabel(tx, rc, at);
    if (to === CaseStatus.APPROVED || to === CaseStatus.IN_TRANSIT || to === CaseStatus.RECEIVED) await payEarlyIfDue(tx, rc, to, this.ports.payments.name, at);
    if (to === CaseStatus.CANCELLED || to === CaseStatus.EXPIRED) await reconcileIfPaidEarly(tx, rc, at);
    if (to === CaseStatus.REFUND_FAILED) await afterRefundFailed(tx, rc, at);
  }

  /**
   * The customer keeps the goods (a merchant's rule): no label, no shipment. A refund or store-credit case goes on to
   * REFUND_PENDING with its refund (paid after commit, REFUNDED when it succeeds); an exchange gets its replacement
   * order and is EXCHANGED. Said in the timeline first, so every party reads why nothing ships back.
   */
  private async keptAtApproval(tx: EntityManager, rc: ReturnCase, at: Date, workflow: CaseWorkflow): Promise<void> {
    recordCaseChange(tx, rc, { type: 'item_kept', actor: SYSTEM_ACTOR, at, payload: { outcome: rc.outcome, rule: rc.keepItemRule } });
    const next = new Date(at.getTime() + 1);
    if (rc.type === ReturnType.EXCHANGE) {
      await tx.populate(rc, ['items.orderItem']);
      const replacement = await createReplacementOrder(tx, rc, next);
      await workflow.applyTransition(tx, rc, CaseStatus.EXCHANGED, SYSTEM_ACTOR, next, { payload: { keepItem: true, replacementOrderId: replacement.id, replacementOrderNumber: replacement.number } });
      return;
    }
    await openCaseRefund(tx, workflow, rc, this.ports.payments.name, next);
  }

  /**
   * Issues the label once (a case approved again keeps its label). Runs inside the approval's transaction: if the
   * carrier fails, the approval fails with it and can be retried, so an approved case always has a label. The PDF
   * is written before the commit; a rolled-back approval leaves a file no case points to, which is harmless.
   * The built-in carrier's scheduled tracking events are queued with it (none for a real carrier: it calls us).
   */
  async issueReturnLabel(tx: EntityManager, rc: ReturnCase, at: Date): Promise<void> {
    if (rc.labelStorageKey) return;
    const label = await this.ports.carrier.issueReturnLabel(await returnLabelRequest(tx, rc, at));
    rc.labelStorageKey = await this.ports.labels.saveLabel(rc.id, label.pdf);
    rc.labelCarrier = label.carrier;
    rc.labelTrackingNumber = label.trackingNumber;
    rc.labelIssuedAt = at;
    recordCaseChange(tx, rc, { type: 'return_label_issued', actor: SYSTEM_ACTOR, at, payload: { carrier: label.carrier, trackingNumber: label.trackingNumber } });
    queueJobs(tx, trackingEventJobs(this.ports.carrier, label.trackingNumber, at, this.ports.clock));
  }
}
