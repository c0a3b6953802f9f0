import { caseProblem } from '../hooks/case-problem';

/** A failed change to the case; a stale version offers to reload the case. */
export function CaseProblem({ error, onReload }: { error: unknown; onReload: () => void }) {
  const problem = caseProblem(error);
  if (!problem) return null;
  const conflict = problem.code === 'CONFLICT';
  return (
    <div className={`alert ${conflict ? 'alert--warning' : 'alert--danger'}`} role="alert" data-testid="case-problem" data-error-code={problem.code}>
      <p className="alert__title">{conflict ? 'This case changed' : 'That did not work'}</p>
      <p>{problem.message}</p>
      {conflict ? <ReloadCaseButton onReload={onReload} /> : null}
    </div>
  );
}

/** After a stale-version CONFLICT: reads the case again, so the next change starts from what is stored now. */
export function ReloadCaseButton({ onReload }: { onReload: () => void }) {
  return (
    <div className="alert__actions">
      <button type="button" className="button button--secondary button--small" onClick={onReload}>
        Reload case
      </button>
    </div>
  );
}
