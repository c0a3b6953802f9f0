import type { CasePriority, CaseStatus } from '../gql/graphql';
import './badge.css';

export type Tone = 'info' | 'success' | 'warning' | 'danger' | 'attention' | 'neutral';

export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** How each case status reads and which colour family it belongs to (presentation only: the API owns the rules). */
const STATUS: Record<CaseStatus, { label: string; tone: Tone }> = {
  SUBMITTED: { label: 'Submitted', tone: 'info' },
  IN_REVIEW: { label: 'In review', tone: 'info' },
  WAITING_CUSTOMER: { label: 'Waiting for customer', tone: 'warning' },
  WAITING_MERCHANT: { label: 'Waiting for merchant', tone: 'warning' },
  APPROVED: { label: 'Approved', tone: 'success' },
  REJECTED: { label: 'Rejected', tone: 'danger' },
  DISPUTED: { label: 'Disputed', tone: 'attention' },
  IN_TRANSIT: { label: 'In transit', tone: 'info' },
  RECEIVED: { label: 'Received', tone: 'info' },
  INSPECTED: { label: 'Inspected', tone: 'info' },
  REFUND_PENDING: { label: 'Refund pending', tone: 'warning' },
  REFUNDED: { label: 'Refunded', tone: 'success' },
  REFUND_FAILED: { label: 'Refund failed', tone: 'danger' },
  EXCHANGED: { label: 'Exchanged', tone: 'success' },
  RETURNED_TO_CUSTOMER: { label: 'Returned to customer', tone: 'neutral' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
  EXPIRED: { label: 'Expired', tone: 'neutral' },
  CLOSED: { label: 'Closed', tone: 'neutral' },
};

/** "SOME_VALUE" → "Some value", for enum values this build does not know yet. */
export const humanize = (value: string): string => {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const known = STATUS[status] ?? { label: humanize(status), tone: 'neutral' };
  return <Badge tone={known.tone}>{known.label}</Badge>;
}

const PRIORITY: Record<CasePriority, { label: string; tone: Tone }> = {
  LOW: { label: 'Low', tone: 'neutral' },
  MEDIUM: { label: 'Medium', tone: 'info' },
  HIGH: { label: 'High', tone: 'warning' },
  URGENT: { label: 'Urgent', tone: 'danger' },
};

export function PriorityLabel({ priority }: { priority: CasePriority }) {
  const known = PRIORITY[priority] ?? { label: humanize(priority), tone: 'neutral' };
  return (
    <span className={`priority priority--${known.tone}`}>
      <span className="priority__dot" aria-hidden="true" />
      {known.label}
    </span>
  );
}
