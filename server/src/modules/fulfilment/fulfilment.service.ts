import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors/domain-error.js';
import { SHIPMENT_LIMITS } from '../documents/document-policy.js';
import type { Clock } from '../../shared/clock.js';
import type { Viewer } from '../auth/viewer.js';
import { restockReturnedItems } from '../orders/stock.js';
import { createReplacementOrder } from './replacement-order.js';
import { type Refund, RefundState } from '../refunds/refund.entity.js';
import { liveCaseRefund } from '../refunds/case-refund.js';
import { reconcileEarlyRefund } from '../refunds/refund-timing.js';
import type { RefundService } from '../refunds/refund.service.js';
import { requireRefundToRetry } from '../refunds/refund-retries.js';
import { type Actor, SYSTEM_ACTOR } from '../returns/actor.js';
import { recordCaseChange } from '../returns/case-changes.js';
import { findVisibleCase } from '../access/access.js';
import type { CaseWorkflow } from '../returns/case-workflow.service.js';
import { CaseStatus, ItemCondition, ReturnType } from '../returns/return-case.enums.js';
import type { ReturnCase } from '../returns/return-case.entity.js';
import type { RecordInspectionInput } from './dto/record-inspection.input.js';

type CaseChange = (tx: EntityManager, rc: ReturnCase, actor: Actor, now: Date) => Promise<unknown>;

const CARRIER = /^[\p{L}\p{N}][\p{L}\p{N} .&'-]{0,59}$/u;
const TRACKING = /^[A-Za-z0-9][A-Za-z0-9 -]{2,79}$/;
const NOT_RESTOCKABLE = new Set([ItemCondition.DAMAGED, ItemCondition.DEFECTIVE]);

/** What the customer says when handing the parcel over (seed 002); its photos travel as documents. */
export interface Shipment {
  carrier: string;
  trackingNumber: string;
  description: string;
}

/** The shipment's details tidied, or BAD_USER_INPUT naming the field — checked before any photo is read. */
export function cleanShipment(input: Shipment): Shipment {
  const carrier = input.carrier.trim().replace(/\s+/g, ' ');
  const trackingNumber = input.trackingNumber.trim().replace(/\s+/g, ' ');
  const description = input.description.trim();
  if (!CARRIER.test(carrier)) throw badInput('Name the carrier (1 to 60 letters, digits, spaces or . & \' -).', { field: 'carrier' });
  if (!TRACKING.test(trackingNumber)) throw badInput('A tracking number has 3 to 80 letters, digits, spaces or dashes.', { field: 'trackingNumber' });
  if (!description || description.length > SHIPMENT_LIMITS.descriptionLength) {
    throw badInput(`Describe the packed goods (1 to ${SHIPMENT_LIMITS.descriptionLength} characters).`, { field: 'description', max: SHIPMENT_LIMITS.descriptionLength });
  }
  return { carrier, trackingNumber, description };
}

/** A time strictly after `previous`, so the steps of one change keep their order in the timeline. */
const after = (previous: Date, reading: Date): Date => (reading > previous ? reading : new Date(previous.getTime() + 1));

/**
 * The goods' way back (SPEC §5, fulfilment): shipment, receipt, inspection, and what the system does next —
 * a refund, a replacement order, or the goods back to the customer. Each operation is the `dedicated` one the
 * transition table names for its move, and runs as one case change (scope, version, audit).
 */
export class FulfilmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
    private readonly workflow: CaseWorkflow,
    private readonly refunds: RefundService,
  ) {}

  /**
   * The customer handed the parcel to a carrier (APPROVED → IN_TRANSIT). `attachPhotos` stores the shipment's
   * photos in the same transaction (DocumentService.confirmShipment), so the move and its photos commit together.
   */
  confirmShipment(caseId: string, shipment: Shipment, expectedVersion: number | null | undefined, attachPhotos: CaseChange): Promise<ReturnCase> {
    const { carrier, trackingNumber, description } = cleanShipment(shipment);
    return this.workflow.change(caseId, expectedVersion, async (tx, rc, actor, now) => {
      rc.carrier = carrier;
      rc.trackingNumber = trackingNumber;
      rc.shipmentDescription = description;
      await this.workflow.applyTransition(tx, rc, CaseStatus.IN_TRANSIT, actor, now, { dedicated: 'confirmReturnShipment', note: description, payload: { carrier, trackingNumber } });
      await attachPhotos(tx, rc, actor, after(now, this.clock.now()));
    });
  }

  /** The parcel arrived at the warehouse (IN_TRANSIT → RECEIVED); inspection is next. */
  markReceived(caseId: string, note: string | null | undefined, expectedVersion?: number | null): Promise<ReturnCase> {
    return this.workflow.change(caseId, expectedVersion, (tx, rc, actor, now) =>
      this.workflow.applyTransition(tx, rc, CaseStatus.RECEIVED, actor, now, { dedicated: 'markReturnReceived', note }),
    );
  }

  /**
   * RECEIVED → INSPECTED with each item's condition, then, in the same transaction, the system's next move:
   * a passed refund case restocks its restockable items (once) and goes to REFUND_PENDING with its refund;
   * a passed exchange gets a replacement order at the original prices (returned items are not restocked);
   * a failed inspection sends the goods back (RETURNED_TO_CUSTOMER). The provider is called after the commit.
   */
  async recordInspection(caseId: string, input: RecordInspectionInput, expectedVersion?: number | null): Promise<ReturnCase> {
    let refund: Refund | null = null;
    const rc = await this.workflow.change(caseId, expectedVersion, async (tx, rc, actor, now) => {
      await tx.populate(rc, ['items.orderItem']);
      const adjustment = this.validateInspection(rc, input);
      for (const line of input.items) {
        const item = rc.items.getItems().find((i) => i.id === line.returnItemId)!;
        item.condition = line.condition;
        item.restockable = line.restockable;
      }
      rc.inspectionPassed = input.passed;
      rc.inspectionNotes = input.notes?.trim() || null;
      const payload: Record<string, unknown> = {
        passed: input.passed,
        items: rc.items.getItems().map((i) => ({ sku: i.orderItem.sku, quantity: i.quantity, condition: i.condition, restockable: i.restockable })),
      };
      if (adjustment) {
        payload.refundAdjusted = { fromMinor: rc.refundAmountMinor, toMinor: adjustment.amountMinor, reason: adjustment.reason };
        rc.refundAmountMinor = adjustment.amountMinor;
        rc.refundAdjustmentReason = adjustment.reason;
      }
      await this.workflow.applyTransition(tx, rc, CaseStatus.INSPECTED, actor, now, { dedicated: 'recordInspection', note: rc.inspectionNotes, payload });
      refund = await this.afterInspection(tx, rc, after(now, this.clock.now()));
    });
    if (refund) await this.refunds.processAfterCommit((refund as Refund).id);
    return findVisibleCase(this.em.fork(), this.viewer, rc.id);
  }

  /**
   * Ops retry a failed refund (REFUND_FAILED → REFUND_PENDING), then the provider is asked again; on a pending
   * refund only the provider is asked. Any other status: CONFLICT "This case has no refund to retry."
   */
  async retryRefund(caseId: string, expectedVersion?: number | null): Promise<ReturnCase> {
    const rc = await this.workflow.change(caseId, expectedVersion, (tx, rc, actor, now) => {
      requireRefundToRetry(rc);
      return this.refunds.prepareRetry(tx, rc, actor, now);
    });
    await this.refunds.processCaseRefundAfterCommit(rc.id);
    return findVisibleCase(this.em.fork(), this.viewer, rc.id);
  }

  private validateInspection(rc: ReturnCase, input: RecordInspectionInput): { amountMinor: number; reason: string } | null {
    const items = rc.items.getItems();
    const listed = new Set<string>();
    for (const line of input.items) {
      if (listed.has(line.returnItemId)) throw badInput('Each item can be inspected once.', { returnItemId: line.returnItemId });
      listed.add(line.returnItemId);
      if (!items.some((i) => i.id === line.returnItemId)) throw badInput('This item is not part of the case.', { returnItemId: line.returnItemId });
      if (line.restockable && NOT_RESTOCKABLE.has(line.condition)) throw badInput('A damaged or defective item cannot go back into stock.', { returnItemId: line.returnItemId });
    }
    const missing = items.filter((i) => !listed.has(i.id));
    if (missing.length > 0) throw badInput(`Record the condition of every item: ${missing.map((i) => i.orderItem.sku).join(', ')} is missing.`, { missing: missing.map((i) => i.id) });
    if (!input.passed && !input.notes?.trim()) throw badInput('Say why the inspection failed.', { field: 'notes' });

    const reason = input.adjustmentReason?.trim() || null;
    if (input.refundAmountMinor === null || input.refundAmountMinor === undefined) {
      if (reason) throw badInput('An adjustment reason goes with a lower refund amount.', { field: 'adjustmentReason' });
      return null;
    }
    if (rc.type !== ReturnType.REFUND || !input.passed) throw badInput('Only a refund case that passes inspection can have its refund adjusted.', { field: 'refundAmountMinor' });
    if (input.refundAmountMinor > rc.refundAmountMinor) {
      throw badInput(`The refund can only be lowered at inspection, never raised above ${rc.refundAmountMinor} (minor units).`, { field: 'refundAmountMinor', maximum: rc.refundAmountMinor });
    }
    if (input.refundAmountMinor === rc.refundAmountMinor) return null;
    if (!reason) throw badInput('Say why the refund is lowered (e.g. partial damage).', { field: 'adjustmentReason' });
    return { amountMinor: input.refundAmountMinor, reason };
  }

  /** The system's move after an inspection (SYSTEM_ACTOR, same transaction). Returns a refund to process. */
  private async afterInspection(tx: EntityManager, rc: ReturnCase, at: Date): Promise<Refund | null> {
    // A refund paid before inspection (the merchant's refund timing) is reconciled against what is due now.
    const paidEarly = rc.type === ReturnType.REFUND ? await liveCaseRefund(tx, rc.id) : null;
    if (!rc.inspectionPassed) {
      if (paidEarly) reconcileEarlyRefund(tx, rc, paidEarly, 0, at);
      await this.workflow.applyTransition(tx, rc, CaseStatus.RETURNED_TO_CUSTOMER, SYSTEM_ACTOR, after(at, this.clock.now()), { payload: { reason: 'inspection failed' } });
      return null;
    }
    if (rc.type === ReturnType.EXCHANGE) {
      const replacement = await createReplacementOrder(tx, rc, at);
      await this.workflow.applyTransition(tx, rc, CaseStatus.EXCHANGED, SYSTEM_ACTOR, at, { payload: { replacementOrderId: replacement.id, replacementOrderNumber: replacement.number } });
      return null;
    }
    await tx.flush(); // the restock below reads the inspection's flags from the database
    const units = await restockReturnedItems(tx, rc.id, at);
    if (units > 0) recordCaseChange(tx, rc, { type: 'items_restocked', actor: SYSTEM_ACTOR, at, payload: { units } });
    if (paidEarly) return this.settlePaidEarly(tx, rc, paidEarly, new Date(at.getTime() + 1));
    return this.refunds.openCaseRefund(tx, rc, new Date(at.getTime() + 1));
  }

  /**
   * A passed refund case whose refund was paid before inspection: reconciled (flagged for ops when less is due), then
   * REFUND_PENDING on that same refund — no second payment — and REFUNDED at once if it has already succeeded
   * (otherwise when it does, as any refund). Returns the refund to process after commit when it is still pending.
   */
  private async settlePaidEarly(tx: EntityManager, rc: ReturnCase, paid: Refund, at: Date): Promise<Refund | null> {
    reconcileEarlyRefund(tx, rc, paid, rc.refundAmountMinor, at);
    const next = new Date(at.getTime() + 3);
    await this.workflow.applyTransition(tx, rc, CaseStatus.REFUND_PENDING, SYSTEM_ACTOR, next, { payload: { refundId: paid.id, amountMinor: paid.amountMinor, currency: paid.currency, paidEarly: true } });
    if (paid.state !== RefundState.SUCCEEDED) return paid;
    await this.workflow.applyTransition(tx, rc, CaseStatus.REFUNDED, SYSTEM_ACTOR, new Date(next.getTime() + 2), { payload: { refundId: paid.id, amountMinor: paid.amountMinor, paidEarly: true } });
    return null;
  }
}
