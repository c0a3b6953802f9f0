import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { PRIORITIES, PRIORITY, RISK_LABELS, riskLabelText, STATUS } from '../../../components/Badge';
import type { CasePriority, CaseStatus, RiskLabel } from '../../../gql/graphql';
import { hasFilters, statusesIn, type QueueParams } from '../hooks/queue-params';

export const SEARCH_DEBOUNCE_MS = 350;

/**
 * The search box commits what is typed after a pause (or at once on Enter). It follows the URL when that changes
 * from elsewhere (back button, "Clear filters") without fighting the user's own typing.
 */
function SearchBox({ value, onCommit }: { value: string; onCommit: (search: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== committed) {
      setCommitted(value);
      setText(value);
    }
  }

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === committed) return;
    const timer = setTimeout(() => {
      setCommitted(wanted);
      onCommit(wanted);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, committed, onCommit]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = text.trim();
    setCommitted(wanted);
    onCommit(wanted);
  };

  return (
    <form className="queue-filters__search" role="search" onSubmit={submit}>
      <label className="field__label" htmlFor={id}>
        Search
      </label>
      <div className="search-input">
        <svg className="search-input__icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="m13 13 4 4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          id={id}
          className="field__input search-input__field"
          type="search"
          value={text}
          placeholder="Case, order, name or email"
          title="Case number, order number, customer name or email"
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
        />
      </div>
    </form>
  );
}

function FilterSelect<T extends string>({ label, value, options, anyLabel, onChange }: {
  label: string;
  value: T | null;
  options: ReadonlyArray<{ value: T; label: string }>;
  anyLabel: string;
  onChange: (value: T | null) => void;
}) {
  const id = useId();
  return (
    <div className="field queue-filters__select">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input" value={value ?? ''} onChange={(event) => onChange((event.target.value || null) as T | null)}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: p, label: PRIORITY[p].label }));
const RISK_OPTIONS = RISK_LABELS.map((r) => ({ value: r, label: riskLabelText(r) }));
const ASSIGNEE_OPTIONS = [{ value: 'me' as const, label: 'Assigned to me' }];

/** Status, priority, risk label, assignee and search: each change lands in the URL and starts from page 1. */
export function QueueFilters({ params, onChange }: { params: QueueParams; onChange: (patch: Partial<QueueParams>, options?: { replace?: boolean }) => void }) {
  const commitSearch = useCallback((search: string) => onChange({ search }, { replace: true }), [onChange]);
  return (
    <div className="queue-filters" data-testid="queue-filters">
      <SearchBox value={params.search} onCommit={commitSearch} />
      <FilterSelect<CaseStatus>
        label="Status"
        value={params.status}
        options={statusesIn(params.view).map((s) => ({ value: s, label: STATUS[s].label }))}
        anyLabel="Any status"
        onChange={(status) => onChange({ status })}
      />
      <FilterSelect<CasePriority> label="Priority" value={params.priority} options={PRIORITY_OPTIONS} anyLabel="Any priority" onChange={(priority) => onChange({ priority })} />
      <FilterSelect<RiskLabel> label="Risk" value={params.risk} options={RISK_OPTIONS} anyLabel="Any risk" onChange={(risk) => onChange({ risk })} />
      <FilterSelect<'me'> label="Assignee" value={params.mine ? 'me' : null} options={ASSIGNEE_OPTIONS} anyLabel="Anyone" onChange={(v) => onChange({ mine: v === 'me' })} />
      {hasFilters(params) ? (
        <button type="button" className="button button--ghost queue-filters__clear" onClick={() => onChange({ status: null, priority: null, risk: null, mine: false, search: '' })}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
