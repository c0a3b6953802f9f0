import type { Actor, ActorKind } from './actor.js';
import { CaseStatus as S } from './return-case.enums.js';
import type { ReturnCase } from './return-case.entity.js';

/** What the rules look at: the case's own columns (a managed case or a read's plain row). */
type CaseState = Pick<ReturnCase, 'status' | 'type' | 'merchantResponseDueAt' | 'disputedAt' | 'decidedAt' | 'inspectionPassed'> & Partial<Pick<ReturnCase, 'keepItem'>>;
import { DISPUTE_WITHIN_DAYS, SHIP_WITHIN_DAYS, disputeDeadline, shipDeadline } from './sla.js';

/**
 * THE case lifecycle (SPEC §5): every allowed move, who may make it, and the rule it must pass.
 * The workflow service enforces it for every change; `availableTransitions` answers it for the UI.
 * Actions of later features (shipment, receipt, inspection, refunds) are rows here, not a second mechanism.
 */
export interface TransitionRule {
  from: S;
  to: S;
  /** Who may make the move. `system` is the job worker and automatic decisions. */
  roles: readonly ActorKind[];
  /** What the move is called in the UI and in the audit trail. */
  action: string;
  /** Must the actor say why (e.g. a rejection)? */
  requiresNote?: boolean;
  /**
   * Only reachable through its own operation, which collects what the move needs (e.g. a tracking number);
   * it is listed for the UI but refused by the generic transitionReturnCase.
   */
  dedicated?: string;
  /**
   * Paths the system takes instead of the dedicated operation (never a person's): a carrier's tracking webhook
   * moves a case on its scans (fulfilment/carrier-tracking.service.ts). The customer's shipment evidence belongs to
   * confirmReturnShipment; a carrier scan is evidence of shipment by itself.
   */
  systemPaths?: readonly string[];
  /** Returns why the move is not possible now, or null when it is. */
  guard?: (rc: CaseState, actor: Actor, now: Date) => string | null;
  /**
   * True when this actor, making this move now, decides in the merchant's place (the case waits on the merchant):
   * the move then needs a note, is offered as "<action> for the merchant", and its audit event says so.
   */
  forMerchant?: (rc: CaseState, actor: Actor, now: Date) => boolean;
}

const REVIEWERS = ['merchant', 'ops', 'admin'] as const;
const STAFF = ['ops', 'admin'] as const;
const DECIDERS = ['merchant', 'ops', 'admin', 'system'] as const;

/** A merchant decides within its response deadline; after it, the policy's timeout action and ops take over. */
const merchantWithinDeadline = (rc: CaseState, actor: Actor, now: Date): string | null =>
  actor.kind === 'merchant' && rc.merchantResponseDueAt && now > rc.merchantResponseDueAt
    ? 'The response deadline has passed; the returns team now decides this case.'
    : null;

const withinDisputeWindow = (rc: CaseState, _actor: Actor, now: Date): string | null => {
  if (rc.disputedAt) return 'A decision can be disputed only once.';
  if (!rc.decidedAt || now > disputeDeadline(rc.decidedAt)) {
    return `A rejection can be disputed within ${DISPUTE_WITHIN_DAYS} days of the decision.`;
  }
  return null;
};

/** A customer ships within 7 days of approval; after that the case expires (ops may still record a late parcel). */
const withinShippingWindow = (rc: CaseState, actor: Actor, now: Date): string | null =>
  actor.kind === 'customer' && rc.decidedAt && now > shipDeadline(rc.decidedAt)
    ? `The return had to be shipped within ${SHIP_WITHIN_DAYS} days of approval; that window has closed.`
    : null;

const staffActor = (actor: Actor): boolean => actor.kind === 'ops' || actor.kind === 'admin';
/** Ops or an admin deciding a case that waits on the merchant's follow-up answer. */
const staffForMerchant = (_rc: CaseState, actor: Actor): boolean => staffActor(actor);
/** Ops or an admin deciding before the merchant's response deadline: the merchant has not had its say yet. */
const staffBeforeMerchantAnswers = (rc: CaseState, actor: Actor, now: Date): boolean =>
  staffActor(actor) && rc.merchantResponseDueAt !== null && rc.merchantResponseDueAt !== undefined && now <= rc.merchantResponseDueAt;

const passedInspection = (rc: CaseState): boolean => rc.inspectionPassed === true;

/** The goods stay with the customer (a merchant's rule, issue 22): nothing ships back, money or the replacement moves at approval. */
const keptRefund = (rc: CaseState): string | null => (rc.keepItem === true && rc.type === 'refund' ? null : 'Only a refund case whose goods the customer keeps is refunded at approval.');
const keptExchange = (rc: CaseState): string | null => (rc.keepItem === true && rc.type === 'exchange' ? null : 'Only an exchange whose goods the customer keeps gets its replacement at approval.');
const shipsBack = (rc: CaseState, actor: Actor, now: Date): string | null =>
  rc.keepItem === true ? 'The customer keeps the goods: nothing is shipped back.' : withinShippingWindow(rc, actor, now);

export const TRANSITIONS: readonly TransitionRule[] = [
  // Review
  { from: S.SUBMITTED, to: S.IN_REVIEW, roles: REVIEWERS, action: 'Start review' },
  // Ops and admins may decide for the merchant (issue #19 §5) — with a note, audited as such — while it still has the word.
  { from: S.SUBMITTED, to: S.APPROVED, roles: DECIDERS, action: 'Approve', guard: merchantWithinDeadline, forMerchant: staffBeforeMerchantAnswers },
  { from: S.SUBMITTED, to: S.REJECTED, roles: DECIDERS, action: 'Reject', requiresNote: true, guard: merchantWithinDeadline, forMerchant: staffBeforeMerchantAnswers },
  { from: S.SUBMITTED, to: S.WAITING_CUSTOMER, roles: REVIEWERS, action: 'Ask the customer', requiresNote: true, guard: merchantWithinDeadline },
  { from: S.SUBMITTED, to: S.WAITING_MERCHANT, roles: STAFF, action: 'Ask the merchant', requiresNote: true },
  { from: S.SUBMITTED, to: S.CANCELLED, roles: ['customer'], action: 'Cancel return' },

  { from: S.IN_REVIEW, to: S.APPROVED, roles: DECIDERS, action: 'Approve', guard: merchantWithinDeadline, forMerchant: staffBeforeMerchantAnswers },
  { from: S.IN_REVIEW, to: S.REJECTED, roles: DECIDERS, action: 'Reject', requiresNote: true, guard: merchantWithinDeadline, forMerchant: staffBeforeMerchantAnswers },
  { from: S.IN_REVIEW, to: S.WAITING_CUSTOMER, roles: REVIEWERS, action: 'Ask the customer', requiresNote: true, guard: merchantWithinDeadline },
  { from: S.IN_REVIEW, to: S.WAITING_MERCHANT, roles: STAFF, action: 'Ask the merchant', requiresNote: true },
  { from: S.IN_REVIEW, to: S.CANCELLED, roles: ['customer'], action: 'Cancel return' },

  // A follow-up is answered by the party that was asked (or ops closes the loop); the clock restarts.
  { from: S.WAITING_CUSTOMER, to: S.IN_REVIEW, roles: ['customer', 'ops', 'admin'], action: 'Answer follow-up' },
  { from: S.WAITING_CUSTOMER, to: S.CANCELLED, roles: ['customer'], action: 'Cancel return' },
  { from: S.WAITING_MERCHANT, to: S.IN_REVIEW, roles: ['merchant', 'ops', 'admin'], action: 'Answer follow-up' },
  { from: S.WAITING_MERCHANT, to: S.APPROVED, roles: STAFF, action: 'Approve', requiresNote: true, forMerchant: staffForMerchant },
  { from: S.WAITING_MERCHANT, to: S.REJECTED, roles: STAFF, action: 'Reject', requiresNote: true, forMerchant: staffForMerchant },
  { from: S.WAITING_MERCHANT, to: S.CANCELLED, roles: ['customer'], action: 'Cancel return' },

  // Rejection, dispute, closure
  { from: S.REJECTED, to: S.DISPUTED, roles: ['customer'], action: 'Dispute decision', requiresNote: true, dedicated: 'disputeDecision', guard: withinDisputeWindow },
  { from: S.REJECTED, to: S.CLOSED, roles: ['ops', 'admin', 'system'], action: 'Close' },
  { from: S.DISPUTED, to: S.APPROVED, roles: STAFF, action: 'Overturn: approve', requiresNote: true, dedicated: 'resolveDispute' },
  { from: S.DISPUTED, to: S.CLOSED, roles: STAFF, action: 'Uphold rejection', requiresNote: true, dedicated: 'resolveDispute' },

  // Fulfilment
  // The system: the carrier's first scan of the label (issue 22 §5); a kept item is never shipped back.
  { from: S.APPROVED, to: S.IN_TRANSIT, roles: ['customer', 'ops', 'admin', 'system'], action: 'Confirm shipment', dedicated: 'confirmReturnShipment', systemPaths: ['carrierTracking'], guard: shipsBack },
  { from: S.APPROVED, to: S.REFUND_PENDING, roles: ['system'], action: 'Issue refund (item kept)', guard: keptRefund },
  { from: S.APPROVED, to: S.EXCHANGED, roles: ['system'], action: 'Send replacement (item kept)', guard: keptExchange },
  { from: S.APPROVED, to: S.EXPIRED, roles: ['system'], action: 'Expire' },
  { from: S.APPROVED, to: S.CANCELLED, roles: ['customer'], action: 'Cancel return' },
  // The system: the carrier delivered the parcel to the warehouse (issue 22 §5).
  { from: S.IN_TRANSIT, to: S.RECEIVED, roles: [...REVIEWERS, 'system'], action: 'Mark received', dedicated: 'markReturnReceived', systemPaths: ['carrierTracking'] },
  { from: S.IN_TRANSIT, to: S.CANCELLED, roles: ['customer'], action: 'Cancel return' },
  { from: S.RECEIVED, to: S.INSPECTED, roles: REVIEWERS, action: 'Record inspection', dedicated: 'recordInspection' },
  { from: S.INSPECTED, to: S.REFUND_PENDING, roles: ['system'], action: 'Issue refund', guard: (rc) => (rc.type === 'refund' && passedInspection(rc) ? null : 'Only a passed refund case is refunded.') },
  { from: S.INSPECTED, to: S.EXCHANGED, roles: ['system'], action: 'Send replacement', guard: (rc) => (rc.type === 'exchange' && passedInspection(rc) ? null : 'Only a passed exchange case is exchanged.') },
  { from: S.INSPECTED, to: S.RETURNED_TO_CUSTOMER, roles: ['system'], action: 'Return goods to customer', guard: (rc) => (rc.inspectionPassed === false ? null : 'Only a failed inspection sends the goods back.') },
  { from: S.REFUND_PENDING, to: S.REFUNDED, roles: ['system'], action: 'Refund confirmed' },
  { from: S.REFUND_PENDING, to: S.REFUND_FAILED, roles: ['system'], action: 'Refund failed' },
  { from: S.REFUND_FAILED, to: S.REFUND_PENDING, roles: ['ops', 'admin', 'system'], action: 'Retry refund', dedicated: 'retryRefund' },
];

export function findTransition(from: S, to: S): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** Why `actor` cannot move `rc` to `to` now, or null when it can. */
export function refusal(rc: CaseState, to: S, actor: Actor, now: Date): { code: 'INVALID_TRANSITION' | 'FORBIDDEN'; message: string } | null {
  const rule = findTransition(rc.status, to);
  if (!rule) {
    return { code: 'INVALID_TRANSITION', message: `A case that is ${label(rc.status)} cannot move to ${label(to)}.` };
  }
  if (!rule.roles.includes(actor.kind)) {
    return { code: 'FORBIDDEN', message: `Only ${rule.roles.filter((r) => r !== 'system').join(', ') || 'the system'} can ${rule.action.toLowerCase()} a case that is ${label(rc.status)}.` };
  }
  const guardMessage = rule.guard?.(rc, actor, now);
  return guardMessage ? { code: 'INVALID_TRANSITION', message: guardMessage } : null;
}

/** How a move is made by this actor now: in the merchant's place (a note required) or as its row says. */
export interface TransitionTerms {
  action: string;
  requiresNote: boolean;
  forMerchant: boolean;
}

export function termsOf(rule: TransitionRule, rc: CaseState, actor: Actor, now: Date): TransitionTerms {
  const forMerchant = rule.forMerchant?.(rc, actor, now) ?? false;
  return { action: forMerchant ? `${rule.action} for the merchant` : rule.action, requiresNote: forMerchant || (rule.requiresNote ?? false), forMerchant };
}

/** The moves `actor` can make on `rc` now (for the UI), each with its terms for this actor. */
export function availableTransitions(rc: CaseState, actor: Actor, now: Date): Array<Omit<TransitionRule, 'forMerchant' | 'requiresNote'> & TransitionTerms> {
  return TRANSITIONS.filter((t) => t.from === rc.status && t.roles.includes(actor.kind) && !t.guard?.(rc, actor, now)).map((t) => ({ ...t, ...termsOf(t, rc, actor, now) }));
}

export const label = (status: S): string => status.replace(/_/g, ' ');
