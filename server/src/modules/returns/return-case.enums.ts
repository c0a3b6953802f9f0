import { registerEnumType } from 'type-graphql';

export enum CaseStatus {
  SUBMITTED = 'submitted',
  IN_REVIEW = 'in_review',
  WAITING_CUSTOMER = 'waiting_customer',
  WAITING_MERCHANT = 'waiting_merchant',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  DISPUTED = 'disputed',
  IN_TRANSIT = 'in_transit',
  RECEIVED = 'received',
  INSPECTED = 'inspected',
  REFUND_PENDING = 'refund_pending',
  REFUND_FAILED = 'refund_failed',
  REFUNDED = 'refunded',
  EXCHANGED = 'exchanged',
  RETURNED_TO_CUSTOMER = 'returned_to_customer',
  CANCELLED = 'cancelled',
  EXPIRED = 'expired',
  /** A rejection that stands: not disputed within 7 days, or upheld on dispute. */
  CLOSED = 'closed',
}
registerEnumType(CaseStatus, { name: 'CaseStatus' });

/** Statuses after which nothing more happens to a case. Its items can be claimed by a new case. */
export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  CaseStatus.REFUNDED,
  CaseStatus.EXCHANGED,
  CaseStatus.RETURNED_TO_CUSTOMER,
  CaseStatus.CANCELLED,
  CaseStatus.EXPIRED,
  CaseStatus.CLOSED,
]);
export const isActiveStatus = (status: CaseStatus) => !TERMINAL_STATUSES.has(status);

export enum ReturnType {
  REFUND = 'refund',
  EXCHANGE = 'exchange',
}
registerEnumType(ReturnType, { name: 'ReturnType' });

export enum ReturnReason {
  DEFECTIVE_DAMAGED = 'defective_damaged',
  WRONG_ITEM = 'wrong_item',
  NOT_AS_DESCRIBED = 'not_as_described',
  CHANGED_MIND = 'changed_mind',
  OTHER = 'other',
}
registerEnumType(ReturnReason, { name: 'ReturnReason' });

/** What a customer may get for a returned item (issue 22): the merchant's rules say which are on offer. */
export enum ReturnOutcome {
  REFUND = 'refund',
  STORE_CREDIT = 'store_credit',
  EXCHANGE = 'exchange',
  KEEP_ITEM = 'keep_item',
}
registerEnumType(ReturnOutcome, { name: 'ReturnOutcome', description: 'REFUND to the original payment, STORE_CREDIT (with any bonus), EXCHANGE, or KEEP_ITEM (no shipment back).' })

export enum CasePriority {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
  URGENT = 'urgent',
}
registerEnumType(CasePriority, { name: 'CasePriority' });

export enum ItemCondition {
  NEW = 'new',
  LIKE_NEW = 'like_new',
  USED = 'used',
  DAMAGED = 'damaged',
  DEFECTIVE = 'defective',
}
registerEnumType(ItemCondition, { name: 'ItemCondition' });

export enum NoteVisibility {
  INTERNAL = 'internal',
  MESSAGE = 'message',
}
registerEnumType(NoteVisibility, { name: 'NoteVisibility' });

export enum RiskLabel {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
}
registerEnumType(RiskLabel, { name: 'RiskLabel' });
