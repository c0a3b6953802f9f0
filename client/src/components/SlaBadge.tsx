import type { CaseStatus } from '../gql/graphql';
import { isActiveStatus } from '../lib/case-status';
import { DAY_MS, formatDateTime, formatDuration } from '../lib/dates';
import type { Tone } from './Badge';
import './badge.css';

export type SlaState = 'breached' | 'due-soon' | 'on-track' | 'closed';

/**
 * Where a case stands against its resolution deadline. `breached` is the API's own answer (slaBreached);
 * the rest is arithmetic on slaDueAt for the reader: due within 24 hours is "due soon".
 */
export function slaState(input: { status: CaseStatus; slaDueAt: string; slaBreached: boolean }, now: number): SlaState {
  if (!isActiveStatus(input.status)) return 'closed';
  const left = new Date(input.slaDueAt).getTime() - now;
  if (input.slaBreached || left <= 0) return 'breached';
  return left <= DAY_MS ? 'due-soon' : 'on-track';
}

const TONE: Record<SlaState, Tone> = { breached: 'danger', 'due-soon': 'warning', 'on-track': 'success', closed: 'neutral' };

export function slaText(state: SlaState, slaDueAt: string, now: number): string {
  const delta = new Date(slaDueAt).getTime() - now;
  switch (state) {
    case 'breached':
      return `Breached ${formatDuration(delta)} ago`;
    case 'due-soon':
      return `Due in ${formatDuration(delta)}`;
    case 'on-track':
      return `${formatDuration(delta)} left`;
    case 'closed':
      return 'Closed';
  }
}

/** The SLA clock as a badge: breached (red), due within 24 h (amber), time left (green); none once closed. */
export function SlaBadge({ status, slaDueAt, slaBreached, now }: { status: CaseStatus; slaDueAt: string; slaBreached: boolean; now: number }) {
  const state = slaState({ status, slaDueAt, slaBreached }, now);
  if (state === 'closed') {
    return (
      <span className="sla-none" title="No deadline: the case is closed">
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">No deadline: the case is closed</span>
      </span>
    );
  }
  return (
    <span className={`badge badge--${TONE[state]} sla-badge`} data-sla={state} title={`Resolution due ${formatDateTime(slaDueAt)}`}>
      {state === 'breached' ? (
        <svg className="badge__icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 1.5 15 14H1L8 1.5Z" fill="currentColor" />
          <path d="M8 6v3.5M8 11.5v.5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      ) : (
        <svg className="badge__icon" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      )}
      {slaText(state, slaDueAt, now)}
    </span>
  );
}

/**
 * The merchant's response deadline: shown while the case waits on the merchant. Past it, the returns team
 * (and the merchant's timeout policy) take over, and the merchant can no longer decide.
 */
export function ResponseDeadlineBadge({ dueAt, now }: { dueAt: string; now: number }) {
  const left = new Date(dueAt).getTime() - now;
  const tone: Tone = left <= 0 ? 'danger' : left <= DAY_MS / 2 ? 'warning' : 'info';
  const text = left <= 0 ? `Response overdue by ${formatDuration(left)}` : `Respond within ${formatDuration(left)}`;
  return (
    <span className={`badge badge--${tone}`} data-deadline={left <= 0 ? 'passed' : 'open'} title={`Response due ${formatDateTime(dueAt)}`}>
      {text}
    </span>
  );
}
