import type { CaseStatus } from '../gql/graphql';

// Presentation only: the API owns the rules (availableTransitions, slaBreached). These sets decide what a page
// highlights, e.g. whether a deadline still matters.

/** After these nothing more happens to a case: no deadline applies. */
export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'REFUNDED',
  'EXCHANGED',
  'RETURNED_TO_CUSTOMER',
  'CANCELLED',
  'EXPIRED',
  'CLOSED',
]);

export const isActiveStatus = (status: CaseStatus): boolean => !TERMINAL_STATUSES.has(status);

/** The merchant's response deadline runs while the case waits on the merchant. */
export const AWAITING_MERCHANT: ReadonlySet<CaseStatus> = new Set(['SUBMITTED', 'IN_REVIEW', 'WAITING_MERCHANT']);

export const ALL_STATUSES: readonly CaseStatus[] = [
  'SUBMITTED',
  'IN_REVIEW',
  'WAITING_CUSTOMER',
  'WAITING_MERCHANT',
  'APPROVED',
  'REJECTED',
  'DISPUTED',
  'IN_TRANSIT',
  'RECEIVED',
  'INSPECTED',
  'REFUND_PENDING',
  'REFUND_FAILED',
  'REFUNDED',
  'EXCHANGED',
  'RETURNED_TO_CUSTOMER',
  'CANCELLED',
  'EXPIRED',
  'CLOSED',
];
