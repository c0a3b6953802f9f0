import { humanize, priorityLabel, statusLabel } from '../../../components/Badge';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import type { Role, Timeline_CaseFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { formatMoney } from '../../../lib/money';
import { TimelineEntry } from './TimelineEntry';

export const TimelineFragment = graphql(`
  fragment Timeline_case on ReturnCase {
    id
    timeline {
      id
      type
      actorLabel
      fromStatus
      toStatus
      payload
      createdAt
    }
  }
`);

type CaseEvent = Timeline_CaseFragment['timeline'][number];

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * An exchange's replacement order was cancelled (issue 19 §15): the customer loses the replacement, the merchant
 * gets the items back in stock (the cancellation restores it), ops read what happened. The note is the admin's
 * reason, or the server's default sentence, which the title already says.
 */
function replacementCancelled(p: Record<string, unknown>, role: Role): { title: string; detail: string | null; kind: string } {
  const order = text(p.orderNumber) ?? 'order';
  const note = text(p.note);
  const detail = note === `The replacement order ${order} was cancelled.` ? null : note;
  if (role === 'CUSTOMER') return { title: `Your replacement order ${order} was cancelled`, detail, kind: 'other' };
  if (role === 'MERCHANT') return { title: `Replacement order ${order} cancelled: its items are back in stock`, detail, kind: 'other' };
  return { title: `Replacement order ${order} cancelled (stock restored)`, detail, kind: 'other' };
}

/** Store credit issued on the case or spent on its replacement order (issue 22 §3), with the balance after it. */
function storeCreditMoved(type: string, p: Record<string, unknown>): { title: string; detail: string | null; kind: string } {
  const currency = text(p.currency) ?? 'USD';
  const money = (value: unknown) => formatMoney(typeof value === 'number' ? value : 0, currency);
  const bonus = typeof p.bonusMinor === 'number' && p.bonusMinor > 0 ? ` + ${money(p.bonusMinor)} bonus` : '';
  const title = type === 'store_credit_issued' ? `Store credit issued: ${money(p.amountMinor)}${bonus}` : `Store credit spent: ${money(p.amountMinor)}`;
  return { title, detail: `Balance ${money(p.balanceMinor)}`, kind: 'other' };
}

/** One audit event in words, for the viewer's role: what happened, and the note or detail that came with it. */
export function describeEvent(event: Pick<CaseEvent, 'type' | 'fromStatus' | 'toStatus' | 'payload'>, role: Role = 'OPS'): { title: string; detail: string | null; kind: string; action?: string } {
  const p = event.payload;
  switch (event.type) {
    case 'case_created':
      return { title: 'Return requested', detail: null, kind: 'created' };
    case 'status_changed': {
      const to = event.toStatus ? statusLabel(event.toStatus) : 'New status';
      return { title: to, detail: text(p.note), kind: 'status', action: text(p.action) ?? undefined };
    }
    case 'priority_changed':
      return { title: `Priority ${text(p.from) ? `${priorityLabel(String(p.from))} → ` : 'set to '}${priorityLabel(String(p.to ?? ''))}`, detail: null, kind: 'priority' };
    case 'assigned':
      return { title: text(p.assignee) ? `Assigned to ${p.assignee}` : 'Unassigned', detail: null, kind: 'assigned' };
    case 'message_added':
      return { title: 'Message posted', detail: null, kind: 'message' };
    case 'internal_note_added':
      return { title: 'Internal note added', detail: null, kind: 'internal' };
    case 'refund_retry_scheduled':
      return { title: `Refund retry ${String(p.retry ?? '')} of ${String(p.maxRetries ?? '')} scheduled`, detail: text(p.dueAt) ? `Due ${formatDateTime(String(p.dueAt))}` : null, kind: 'other' };
    case 'replacement_cancelled':
      return replacementCancelled(p, role);
    case 'store_credit_issued':
    case 'store_credit_spent':
      return storeCreditMoved(event.type, p);
    case 'item_kept':
      return role === 'CUSTOMER'
        ? { title: 'You keep the item — no need to send it back', detail: null, kind: 'other' }
        : { title: `Kept by customer${text(p.rule) ? ` (rule ${String(p.rule)})` : ''}`, detail: null, kind: 'other' };
    case 'refund_issued_early':
      return { title: `${p.outcome === 'store_credit' ? 'Store credit' : 'Refund'} issued before inspection`, detail: text(p.timing) ? `The merchant pays ${humanize(String(p.timing)).toLowerCase()}.` : null, kind: 'other' };
    case 'refund_reconciled':
      return { title: p.flagged ? 'Refund paid early exceeds what is due: flagged for ops' : 'Refund paid early matches what is due', detail: `Paid ${String(p.paidMinor ?? '')}, due ${String(p.dueMinor ?? '')} (minor units)`, kind: p.flagged ? 'internal' : 'other' };
    case 'early_refund_failed':
      return { title: 'Refund paid before inspection was refused: needs ops', detail: text(p.error), kind: 'internal' };
    case 'refund_retries_exhausted':
      return { title: 'Automatic refund retries used up: needs ops', detail: text(p.lastError), kind: 'internal' };
    case 'risk_scored': {
      const score = typeof p.score === 'number' ? ` (${p.score.toFixed(2)})` : '';
      return { title: `Risk scored ${text(p.label) ? humanize(String(p.label)).toLowerCase() : ''}${score}`.trim(), detail: text(p.modelVersion), kind: 'risk' };
    }
    default:
      return { title: humanize(event.type), detail: null, kind: 'other' };
  }
}

/**
 * The history a person reads: a risk score is shown only when its label differs from the previous score's (every
 * rescore stays in the audit export). Returns the events shown and how many repeated scores were left out.
 */
export function readableHistory<E extends Pick<CaseEvent, 'type' | 'payload'>>(events: readonly E[]): { shown: E[]; repeatedScores: number } {
  let lastLabel: unknown;
  const shown = events.filter((event) => {
    if (event.type !== 'risk_scored') return true;
    const repeated = lastLabel !== undefined && event.payload.label === lastLabel;
    lastLabel = event.payload.label;
    return !repeated;
  });
  return { shown, repeatedScores: events.length - shown.length };
}

/** The audit trail, oldest first, as the API returns it (customers and merchants get only what they may see). */
export function Timeline({ returnCase, role }: { returnCase: FragmentType<typeof TimelineFragment>; role: Role }) {
  const rc = getFragmentData(TimelineFragment, returnCase);
  const { shown, repeatedScores } = readableHistory(rc.timeline);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <div className="card__header">
        <h2 id="timeline-title" className="card__title">
          History
        </h2>
        <span className="field__hint">
          {shown.length} {shown.length === 1 ? 'event' : 'events'}
          {repeatedScores > 0 ? ` · ${repeatedScores} unchanged risk ${repeatedScores === 1 ? 'score' : 'scores'} not shown` : ''}
        </span>
      </div>
      <div className="card__body">
        {shown.length === 0 ? (
          <p className="muted">Nothing has happened yet.</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {shown.map((event) => {
              const { title, detail, kind, action } = describeEvent(event, role);
              return (
                <TimelineEntry key={event.id} modifier={kind} title={title} detail={detail} at={event.createdAt} meta={` · ${event.actorLabel}${action ? ` · ${action}` : ''}`} />
              );
            })}
          </ol>
        )}
      </div>
    </section>
  );
}
