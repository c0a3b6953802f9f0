import type { EntityManager } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR } from '../returns/actor.js';
import { recordCaseChange } from '../returns/case-changes.js';
import { CaseNote } from '../returns/case-note.entity.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { CasePriority, CaseStatus, NoteVisibility, ReturnType } from '../returns/return-case.enums.js';
import { resolutionDueAt } from '../returns/sla.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { RefundTiming } from '../users/user.enums.js';
import { liveCaseRefund, newCaseRefund } from './case-refund.js';
import type { Refund } from './refund.entity.js';

/** The move of the case at which each refund timing pays (issue 22 §4); after inspection is the usual path. */
const MOMENT: Record<RefundTiming, CaseStatus | null> = {
  [RefundTiming.AT_APPROVAL]: CaseStatus.APPROVED,
  [RefundTiming.FIRST_CARRIER_SCAN]: CaseStatus.IN_TRANSIT,
  [RefundTiming.WAREHOUSE_DELIVERY]: CaseStatus.RECEIVED,
  [RefundTiming.AFTER_INSPECTION]: null,
};
/** The moves at which some timing pays: any other move needs no look at the merchant's policy. */
const EARLY_MOMENTS: ReadonlySet<CaseStatus | null> = new Set(Object.values(MOMENT).filter((moment) => moment !== null));

/**
 * A refund (or store credit) paid before inspection, when the case enters its merchant's moment: the refund row and
 * its outbox message in the transition's transaction, once per case (a live refund is never doubled), while the case
 * itself goes on through shipment and inspection. Hooked to the workflow's transitions, so whichever path makes the
 * move (a person, the carrier's tracking events, a job) pays the same way. Only refund cases whose goods come back.
 */
export async function payEarlyIfDue(tx: EntityManager, rc: ReturnCase, to: CaseStatus, paymentProvider: string, at: Date): Promise<void> {
  if (rc.type !== ReturnType.REFUND || rc.keepItem || !EARLY_MOMENTS.has(to)) return;
  const merchant = await tx.findOneOrFail(MerchantProfile, rc.merchant.id);
  if (MOMENT[merchant.refundTiming as RefundTiming] !== to) return;
  if (await liveCaseRefund(tx, rc.id)) return;
  const { refund } = await newCaseRefund(tx, rc, paymentProvider, at);
  if (!refund) return;
  recordCaseChange(tx, rc, {
    type: 'refund_issued_early',
    actor: SYSTEM_ACTOR,
    at,
    payload: { refundId: refund.id, amountMinor: refund.amountMinor, currency: refund.currency, outcome: rc.outcome, timing: merchant.refundTiming },
  });
}

/**
 * Inspection (or a cancellation, an expiry) of a case whose refund was paid before it: what was paid against what is
 * now due, recorded on the case and audited. Less due than paid is never taken back silently: the case is flagged for
 * ops — URGENT in the queue, an internal note saying what to settle. Returns whether it was flagged.
 */
export function reconcileEarlyRefund(tx: EntityManager, rc: ReturnCase, paid: Refund, dueMinor: number, at: Date): boolean {
  const differenceMinor = paid.amountMinor - Math.min(dueMinor, paid.amountMinor);
  rc.reconciliationPaidMinor = paid.amountMinor;
  rc.reconciliationDueMinor = dueMinor;
  const flagged = differenceMinor > 0;
  if (flagged) rc.reconciliationFlaggedAt = at;
  recordCaseChange(tx, rc, {
    type: 'refund_reconciled',
    actor: SYSTEM_ACTOR,
    at,
    payload: { refundId: paid.id, paidMinor: paid.amountMinor, dueMinor, differenceMinor, flagged },
  });
  if (!flagged) return false;
  flagForOps(tx, rc, at, 'refund_reconciliation',
    `A refund of ${paid.amountMinor} (minor units, ${paid.currency}) was paid before inspection, but only ${dueMinor} is due now. ` +
    `The difference of ${differenceMinor} was not taken back: settle it with the customer and the merchant.`);
  return true;
}

/** The refund paid before the case ended without its goods inspected (cancelled, expired): nothing is due; reconcile. */
export async function reconcileIfPaidEarly(tx: EntityManager, rc: ReturnCase, at: Date): Promise<void> {
  const paid = await liveCaseRefund(tx, rc.id);
  if (paid) reconcileEarlyRefund(tx, rc, paid, 0, at);
}

/** The statuses of a case whose refund can only have been paid early: approved, and the goods not inspected yet. */
const BEFORE_INSPECTION = new Set([CaseStatus.APPROVED, CaseStatus.IN_TRANSIT, CaseStatus.RECEIVED]);

/**
 * A refund paid early that the provider has just refused (called once, where the refund's state becomes failed): the
 * retry schedule works on REFUND_FAILED cases only, so this one waits for inspection, which pays it again with the
 * next key. Ops are told now — URGENT, an internal note, an audited event — in case the customer cannot wait.
 */
export async function flagIfPaidEarly(tx: EntityManager, refund: Refund, at: Date): Promise<void> {
  if (!refund.returnCase) return;
  const rc = await tx.findOneOrFail(ReturnCase, refund.returnCase.id);
  if (!BEFORE_INSPECTION.has(rc.status)) return;
  recordCaseChange(tx, rc, { type: 'early_refund_failed', actor: SYSTEM_ACTOR, at, payload: { refundId: refund.id, amountMinor: refund.amountMinor, error: refund.lastError } });
  flagForOps(tx, rc, at, 'early_refund_failed',
    `The refund of ${refund.amountMinor} (minor units, ${refund.currency}) paid before inspection was refused: ${refund.lastError ?? 'no reason given'}. ` +
    'It is paid again, with a new idempotency key, when the goods pass inspection; settle with the customer if that cannot wait.');
  await tx.flush(); // before the refund's owner is read again (refreshed) in the same transaction
}

/** URGENT in the queue (its deadline recomputed, as a priority change does) and an internal note saying why, audited. */
function flagForOps(tx: EntityManager, rc: ReturnCase, at: Date, reason: string, body: string): void {
  if (rc.priority !== CasePriority.URGENT) {
    const from = rc.priority;
    rc.priority = CasePriority.URGENT;
    rc.slaDueAt = resolutionDueAt(rc.slaClockStartedAt, CasePriority.URGENT);
    recordCaseChange(tx, rc, { type: 'priority_changed', actor: SYSTEM_ACTOR, at: new Date(at.getTime() + 1), payload: { from, to: CasePriority.URGENT, slaDueAt: rc.slaDueAt.toISOString(), reason } });
  }
  const note = tx.create(CaseNote, { returnCase: rc, author: null, visibility: NoteVisibility.INTERNAL, body, createdAt: new Date(at.getTime() + 2) });
  recordCaseChange(tx, rc, { type: 'internal_note_added', actor: SYSTEM_ACTOR, at: note.createdAt, payload: { reason } });
}
