import { useId, useState, type FormEvent } from 'react';
import { Spinner } from '../../../components/PageState';
import { formatDay } from '../../../lib/dates';
import { lastDays, rangeProblem, type DateRange } from '../../admin/analytics-range';
import type { RuleSimulationJobFieldsFragment } from '../../../gql/graphql';
import type { SimulationRun } from '../hooks/useRulesWorkspace';
import { SimulationProgress } from '../simulation-progress/SimulationProgress';
import { SimulationSummary } from './SimulationSummary';

const DEFAULT_DAYS = 90;

export interface SimulatorProps {
  simulation: SimulationRun | null;
  isCurrent: boolean;
  simulating: boolean;
  simulate: (from: string, to: string) => Promise<void>;
  /** A simulation running in the background (a range too large for the request) until it is done, or once it failed. */
  backgroundJob: RuleSimulationJobFieldsFragment | null;
  /** Whether that background simulation is of the current draft. */
  backgroundIsCurrent: boolean;
  /** The server's refusal of the last simulation or save that names no rule (a bad range, the network). */
  problem: string | null;
  canSave: boolean;
  saving: boolean;
  onSave: () => Promise<void>;
  /** Why saving is not possible yet, in words; null when it is. */
  saveBlocked: string | null;
}

/**
 * The simulator beside the editor: replay the draft over a range of the merchant's returns (the last 90 days by
 * default) and compare; "Save these rules" only once the current draft has been looked at this way.
 */
export function SimulatorPanel({ simulation, isCurrent, simulating, simulate, backgroundJob, backgroundIsCurrent, problem, canSave, saving, onSave, saveBlocked }: SimulatorProps) {
  const id = useId();
  const [range, setRange] = useState<DateRange>(() => lastDays(DEFAULT_DAYS, Date.now()));
  const [rangeError, setRangeError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = rangeProblem(range);
    setRangeError(wrong);
    if (!wrong) void simulate(range.from, range.to);
  };
  return (
    <section className="card simulator" aria-labelledby={`${id}-title`} data-testid="rules-simulator">
      <div className="card__header">
        <h2 id={`${id}-title`} className="card__title">
          Try the draft on past returns
        </h2>
      </div>
      <div className="card__body simulator__body">
        <form className="simulator__range" onSubmit={submit} noValidate>
          {(['from', 'to'] as const).map((end) => (
            <div key={end} className="field">
              <label className="field__label" htmlFor={`${id}-${end}`}>
                {end === 'from' ? 'From' : 'To'}
              </label>
              <input id={`${id}-${end}`} type="date" className="field__input" value={range[end]} onChange={(e) => setRange({ ...range, [end]: e.target.value })} />
            </div>
          ))}
          <div className="simulator__run">
            <button type="submit" className="button button--primary" disabled={simulating}>
              {simulating ? <Spinner size="sm" /> : null}
              Simulate
            </button>
          </div>
        </form>
        {rangeError ?? problem ? (
          <p className="field__error" role="alert">
            {rangeError ?? problem}
          </p>
        ) : null}

        {backgroundJob?.status === 'FAILED' ? <SimulationProgress job={backgroundJob} /> : null}
        {backgroundJob && backgroundJob.status !== 'FAILED' ? (
          <div className="simulator__background" data-testid="simulation-background">
            <p className="field__hint">This range holds too many returns to simulate at once, so it runs in the background. You can keep editing meanwhile.</p>
            <SimulationProgress job={backgroundJob} />
            {backgroundIsCurrent ? null : (
              <p className="alert alert--warning" data-testid="simulation-background-stale">
                The rules changed since this simulation started: it will show what the earlier draft would do. Simulate again for the rules as they are now.
              </p>
            )}
          </div>
        ) : null}

        {simulation ? (
          <div className={isCurrent ? undefined : 'simulator__stale'}>
            {isCurrent ? null : (
              <p className="alert alert--warning" data-testid="simulation-stale">
                The rules changed since this simulation ({formatDay(simulation.from)} – {formatDay(simulation.to)}). Simulate again to see what they would do.
              </p>
            )}
            <SimulationSummary run={simulation} />
          </div>
        ) : (
          <p className="muted">Replays your draft over the returns opened in the range, as they were when opened, and compares it with your rules today. Nothing changes until you save.</p>
        )}

        <div className="simulator__save">
          <button type="button" className="button button--primary button--large" disabled={!canSave} onClick={() => void onSave()} aria-describedby={saveBlocked ? `${id}-save-hint` : undefined}>
            {saving ? <Spinner size="sm" /> : null}
            Save these rules
          </button>
          {saveBlocked ? (
            <p id={`${id}-save-hint`} className="field__hint" data-testid="save-hint">
              {saveBlocked}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
