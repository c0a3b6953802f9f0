import { statusLabel } from '../../components/Badge';
import type { CaseStatus, ReturnType } from '../../gql/graphql';

export type StepState = 'done' | 'current' | 'upcoming' | 'stopped';

export interface TrackerStep {
  key: string;
  label: string;
  state: StepState;
  /** When the step was reached, if known. */
  at?: string | null;
  /** For the current or stopped step: a short status word ("Rejected", "Refund failed"). */
  note?: string;
}

export interface Milestones {
  status: CaseStatus;
  type: ReturnType;
  createdAt: string;
  firstResponseAt?: string | null;
  decidedAt?: string | null;
  shippedAt?: string | null;
  receivedAt?: string | null;
  inspectedAt?: string | null;
  refundedAt?: string | null;
  closedAt?: string | null;
  /** The customer keeps the goods (a merchant's rule): nothing is shipped back, received or inspected. */
  keepItem?: boolean;
}

/** The steps a kept case skips: from approval it goes straight to its refund (or replacement). */
const SHIPPING_STEPS = new Set(['shipped', 'received', 'inspected']);

/** The step each status is working on (0 = requested … 6 = refunded / exchanged; 7 = all done). */
const STEP_OF: Record<CaseStatus, number> = {
  SUBMITTED: 1,
  IN_REVIEW: 1,
  WAITING_CUSTOMER: 1,
  WAITING_MERCHANT: 1,
  REJECTED: 2,
  DISPUTED: 2,
  CLOSED: 2,
  APPROVED: 3,
  EXPIRED: 3,
  IN_TRANSIT: 4,
  RECEIVED: 5,
  RETURNED_TO_CUSTOMER: 5,
  INSPECTED: 6,
  REFUND_PENDING: 6,
  REFUND_FAILED: 6,
  REFUNDED: 7,
  EXCHANGED: 7,
  CANCELLED: -1,
};

/** Ends that leave the happy path: the tracker stops at their step, marked. */
const STOPPED: Partial<Record<CaseStatus, string>> = {
  REJECTED: 'Rejected',
  CLOSED: 'Rejection final',
  EXPIRED: 'Not shipped in time',
  RETURNED_TO_CUSTOMER: 'Inspection failed',
  CANCELLED: 'Cancelled',
};

/**
 * Statuses that are the step in progress itself: the tracker names that step as the status badge does ("Submitted"
 * is not yet "In review"). The others are a milestone just reached, shown done, with the next step named by what it awaits.
 */
const NAMED_AS_BADGE: ReadonlySet<CaseStatus> = new Set(['SUBMITTED', 'IN_REVIEW', 'WAITING_CUSTOMER', 'WAITING_MERCHANT', 'DISPUTED', 'IN_TRANSIT', 'REFUND_PENDING', 'REFUND_FAILED']);

/** A word beside the step in progress. */
const CURRENT_NOTE: Partial<Record<CaseStatus, string>> = {
  SUBMITTED: 'Waiting for review',
  WAITING_CUSTOMER: 'Waiting for your answer',
  WAITING_MERCHANT: 'Waiting for the merchant',
  DISPUTED: 'Dispute under review',
  APPROVED: 'Waiting for the parcel',
  REFUND_PENDING: 'Processing',
  REFUND_FAILED: 'Being retried',
};

/**
 * The lifecycle as a customer follows it: requested → reviewed → approved → shipped back → received → inspected
 * → refunded (or replacement sent). Steps before the one in progress are done; an end off the path (rejected,
 * cancelled, expired, failed inspection) stops the tracker where it happened, and nothing after it is shown.
 */
export function trackerSteps(m: Milestones): TrackerStep[] {
  const exchange = m.type === 'EXCHANGE';
  const steps: Array<TrackerStep & { active: string }> = [
    { key: 'requested', label: 'Requested', active: 'Requested', state: 'upcoming', at: m.createdAt },
    { key: 'review', label: 'Reviewed', active: 'In review', state: 'upcoming', at: m.firstResponseAt },
    { key: 'decision', label: 'Approved', active: 'Decision', state: 'upcoming', at: m.decidedAt },
    { key: 'shipped', label: 'Shipped back', active: 'Ship it back', state: 'upcoming', at: m.shippedAt },
    { key: 'received', label: 'Received', active: 'On its way', state: 'upcoming', at: m.receivedAt },
    { key: 'inspected', label: 'Inspected', active: 'Inspection', state: 'upcoming', at: m.inspectedAt },
    { key: 'resolved', label: exchange ? 'Replacement sent' : 'Refunded', active: exchange ? 'Replacement' : 'Refund', state: 'upcoming', at: exchange ? m.closedAt : m.refundedAt },
  ];
  let index = STEP_OF[m.status] ?? 1;
  if (m.status === 'CANCELLED') {
    // Cancelled while working on the step after the last milestone the case reached.
    const reached = [m.createdAt, m.firstResponseAt, m.decidedAt, m.shippedAt].map(Boolean).lastIndexOf(true);
    index = Math.max(1, reached + 1);
  }
  if (m.keepItem) {
    for (let i = steps.length - 1; i >= 0; i--) if (SHIPPING_STEPS.has(steps[i].key)) steps.splice(i, 1);
    index = index <= 3 ? index : index === 7 ? 4 : 3;
  }
  const stopped = STOPPED[m.status];
  const out = steps.map(({ active, ...step }, i): TrackerStep => {
    if (i < index) return { ...step, state: 'done' };
    if (i > index) return { ...step, state: 'upcoming', at: null };
    if (stopped) return { ...step, label: stopped, state: 'stopped', at: m.closedAt ?? m.decidedAt ?? null };
    return { ...step, label: NAMED_AS_BADGE.has(m.status) ? statusLabel(m.status) : active, state: 'current', at: null, note: CURRENT_NOTE[m.status] };
  });
  // After a stop nothing further will happen: those steps are not shown.
  return stopped ? out.slice(0, index + 1) : out;
}
