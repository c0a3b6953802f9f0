import type { CasePriority, CaseStatus, ReturnReason, RiskLabel } from '../gql/graphql';
import './badge.css';

export type Tone = 'info' | 'success' | 'warning' | 'danger' | 'attention' | 'neutral';

export function Badge({ tone, children, title }: { tone: Tone; children: string; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}

/** How each case status reads and which colour family it belongs to (presentation only: the API owns the rules). */
export const STATUS: Record<CaseStatus, { label: string; tone: Tone }> = {
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

export const statusLabel = (status: string): string => STATUS[status.toUpperCase() as CaseStatus]?.label ?? humanize(status);

export function StatusBadge({ status }: { status: CaseStatus }) {
  const known = STATUS[status] ?? { label: humanize(status), tone: 'neutral' };
  return <Badge tone={known.tone}>{known.label}</Badge>;
}

export const PRIORITY: Record<CasePriority, { label: string; tone: Tone }> = {
  LOW: { label: 'Low', tone: 'neutral' },
  MEDIUM: { label: 'Medium', tone: 'info' },
  HIGH: { label: 'High', tone: 'warning' },
  URGENT: { label: 'Urgent', tone: 'danger' },
};

export const PRIORITIES: readonly CasePriority[] = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'];

export const priorityLabel = (priority: string): string => PRIORITY[priority.toUpperCase() as CasePriority]?.label ?? humanize(priority);

export function PriorityLabel({ priority }: { priority: CasePriority }) {
  const known = PRIORITY[priority] ?? { label: humanize(priority), tone: 'neutral' };
  return (
    <span className={`priority priority--${known.tone}`}>
      <span className="priority__dot" aria-hidden="true" />
      {known.label}
    </span>
  );
}

const RISK: Record<RiskLabel, { label: string; tone: Tone }> = {
  LOW: { label: 'Low risk', tone: 'success' },
  MEDIUM: { label: 'Medium risk', tone: 'warning' },
  HIGH: { label: 'High risk', tone: 'danger' },
};

export const RISK_LABELS: readonly RiskLabel[] = ['HIGH', 'MEDIUM', 'LOW'];

export const riskLabelText = (label: RiskLabel): string => RISK[label]?.label ?? humanize(label);

/** The escalation-risk label, with the score (0–1) when known. */
export function RiskBadge({ label, score }: { label: RiskLabel; score?: number | null }) {
  const known = RISK[label] ?? { label: humanize(label), tone: 'neutral' };
  const text = score === undefined || score === null ? known.label : `${known.label} · ${score.toFixed(2)}`;
  return <Badge tone={known.tone}>{text}</Badge>;
}

export const REASON_LABEL: Record<ReturnReason, string> = {
  DEFECTIVE_DAMAGED: 'Defective or damaged',
  WRONG_ITEM: 'Wrong item sent',
  NOT_AS_DESCRIBED: 'Not as described',
  CHANGED_MIND: 'Changed mind',
  OTHER: 'Other',
};

export const reasonLabel = (reason: string): string => REASON_LABEL[reason.toUpperCase() as ReturnReason] ?? humanize(reason);
