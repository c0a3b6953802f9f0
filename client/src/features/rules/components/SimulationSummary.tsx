import { Link } from 'react-router';
import { useViewer } from '../../../app/auth/auth-context';
import { casePath } from '../../../app/auth/roles';
import { BarList } from '../../../components/charts/BarList';
import { formatDay } from '../../../lib/dates';
import type { SimulationRun } from '../hooks/useRulesWorkspace';
import { OutcomeComparison, type ComparisonRow } from './OutcomeComparison';
import { SimulationMoney } from './SimulationMoney';

/** How a case went (the simulator's decision names), as the merchant says it. */
export const DECISION_LABEL: Record<string, string> = {
  APPROVED: 'Approved automatically',
  REFUSED: 'Refused',
  REVIEWED: 'Ops review',
  UNDECIDED: 'Merchant decides',
};

const OUTCOMES = [
  { key: 'approved', label: 'Approved automatically', tone: 'success' },
  { key: 'refused', label: 'Refused', tone: 'danger' },
  { key: 'reviewed', label: 'Sent to ops review', tone: 'warning' },
  { key: 'undecided', label: 'Merchant decides', tone: 'info' },
  { key: 'kept', label: 'Customer keeps the item', tone: 'attention' },
  { key: 'credited', label: 'Offered store credit', tone: 'attention' },
] as const;

/** The outcome rows of a simulation (counts of cases; the money is beside them, in SimulationMoney). */
export function outcomeRows(run: SimulationRun): ComparisonRow[] {
  const { before, after } = run.result;
  return OUTCOMES.map((o) => ({ key: o.key, label: o.label, tone: o.tone, before: before[o.key], after: after[o.key] }));
}

/** What a draft would have done: the outcomes and money before and after, matches per rule, and the cases that would change. */
export function SimulationSummary({ run }: { run: SimulationRun }) {
  const viewer = useViewer();
  const { result } = run;
  const current = result.currentVersion === 0 ? 'your policy’s default rules' : `your saved rules (version ${result.currentVersion})`;
  return (
    <div className="simulation" data-testid="simulation-result">
      <p className="simulation__scope">
        <strong className="tabular" data-testid="simulated-cases">
          {result.cases.toLocaleString('en-US')} {result.cases === 1 ? 'case' : 'cases'}
        </strong>{' '}
        opened {formatDay(run.from)} – {formatDay(run.to)}, under {current} and under this draft.
      </p>
      {result.cases === 0 ? (
        <p className="muted">No returns were opened in this range: try a longer one.</p>
      ) : (
        <>
          <div className="simulation__figures">
            <div>
              <h3 className="simulation__title">Outcomes</h3>
              <OutcomeComparison rows={outcomeRows(run)} label="Outcomes now and with these rules" />
            </div>
            <div>
              <h3 className="simulation__title">Money</h3>
              <SimulationMoney result={result} />
            </div>
          </div>

          <h3 className="simulation__title">Cases each rule matches</h3>
          {result.ruleMatches.length === 0 ? (
            <p className="muted">No rules in the draft.</p>
          ) : (
            <BarList
              compact
              label="Cases each rule matches"
              max={result.cases}
              bars={result.ruleMatches.map((match, index) => ({ key: `${index}`, label: `${index + 1}. ${match.name}`, value: match.cases }))}
            />
          )}

          <h3 className="simulation__title">Cases that would go another way</h3>
          {result.changedCases.length === 0 ? (
            <p className="muted" data-testid="no-changed-cases">
              None: every case would go as it does now.
            </p>
          ) : (
            <ul className="simulation__changes" data-testid="changed-cases">
              {result.changedCases.map((change) => (
                <li key={change.caseId} className="simulation__change">
                  {viewer ? (
                    <Link className="mono" to={casePath(viewer.role, change.caseId)}>
                      {change.number}
                    </Link>
                  ) : (
                    <span className="mono">{change.number}</span>
                  )}
                  <span>
                    {DECISION_LABEL[change.before] ?? change.before} → <strong>{DECISION_LABEL[change.after] ?? change.after}</strong>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {result.changedCases.length === 20 ? <p className="field__hint">The first 20 changed cases, oldest first.</p> : null}
        </>
      )}
    </div>
  );
}
