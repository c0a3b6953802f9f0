import type { RuleSimulationJobFieldsFragment } from '../../../gql/graphql';

type Job = Pick<RuleSimulationJobFieldsFragment, 'status' | 'casesDone' | 'casesTotal' | 'error'>;

/**
 * A background policy simulation as it goes: waiting its turn, then a progress bar of the cases done, or what went
 * wrong. Once done it shows nothing: the result is shown like any other simulation's.
 */
export function SimulationProgress({ job }: { job: Job | null }) {
  if (!job || job.status === 'DONE') return null;
  if (job.status === 'FAILED') {
    return (
      <p className="field__error" role="alert">
        The simulation failed{job.error ? `: ${job.error}.` : '.'} Try again.
      </p>
    );
  }
  const label = job.status === 'QUEUED' ? 'Waiting to start' : 'Simulating';
  return (
    <div className="simulation-progress" role="status" aria-live="polite" data-testid="simulation-progress">
      <label className="simulation-progress__label">
        <span className="tabular">
          {label}: {job.casesDone.toLocaleString('en-US')} of {job.casesTotal.toLocaleString('en-US')} cases
        </span>
        <progress className="simulation-progress__bar" value={job.casesDone} max={Math.max(1, job.casesTotal)} />
      </label>
    </div>
  );
}
