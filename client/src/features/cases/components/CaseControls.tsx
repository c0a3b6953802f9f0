import { useId } from 'react';
import type { Viewer } from '../../../app/auth/viewer';
import { PRIORITIES, PRIORITY } from '../../../components/Badge';
import { Spinner } from '../../../components/PageState';
import { SlaBadge } from '../../../components/SlaBadge';
import type { CasePriority, CaseStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';

/** Priority, changed in place; the resolution deadline follows it (the API recomputes it). */
export function PriorityControl({ priority, pending, onChange }: { priority: CasePriority; pending: boolean; onChange: (priority: CasePriority) => void }) {
  const id = useId();
  return (
    <div className="control">
      <label className="control__label" htmlFor={id}>
        Priority
      </label>
      <div className="control__value">
        <select
          id={id}
          className={`field__input control__select priority-select priority-select--${PRIORITY[priority]?.tone ?? 'neutral'}`}
          value={priority}
          disabled={pending}
          onChange={(event) => onChange(event.target.value as CasePriority)}
          data-testid="priority-select"
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY[p].label}
            </option>
          ))}
        </select>
        {pending ? <Spinner size="sm" /> : null}
      </div>
    </div>
  );
}

/** Who works the case: take it, or hand it back to the queue. */
export function AssigneeControl({ assignee, viewer, pending, onAssign }: {
  assignee?: { id: string; displayName: string } | null;
  viewer: Viewer;
  pending: boolean;
  onAssign: (assignee: { id: string; displayName: string } | null) => void;
}) {
  const mine = assignee?.id === viewer.id;
  return (
    <div className="control">
      <span className="control__label">Assignee</span>
      <div className="control__value">
        <span className="control__text" data-testid="assignee">
          {assignee ? (mine ? `${assignee.displayName} (you)` : assignee.displayName) : 'Unassigned'}
        </span>
        {!mine ? (
          <button type="button" className="button button--secondary button--small" disabled={pending} onClick={() => onAssign({ id: viewer.id, displayName: viewer.displayName })}>
            Assign to me
          </button>
        ) : null}
        {assignee ? (
          <button type="button" className="button button--secondary button--small" disabled={pending} onClick={() => onAssign(null)}>
            Unassign
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** The resolution deadline with its countdown. */
export function SlaClock({ status, slaDueAt, slaBreached, now }: { status: CaseStatus; slaDueAt: string; slaBreached: boolean; now: number }) {
  return (
    <div className="sla-clock" data-testid="sla-clock">
      <span className="control__label">Resolution due</span>
      <span className="sla-clock__date">{formatDateTime(slaDueAt)}</span>
      <SlaBadge status={status} slaDueAt={slaDueAt} slaBreached={slaBreached} now={now} />
    </div>
  );
}
