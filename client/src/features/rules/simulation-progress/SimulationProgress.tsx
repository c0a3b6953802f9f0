import type { RuleSimulationJobFieldsFragment } from '../../../gql/graphql';
import type { ApiProblem } from '../../../lib/errors';
import { formatMoney } from '../../../lib/money';

type Outcomes = NonNullable<RuleSimulationJobFieldsFragment['result']>['before'];

const COUNTS: Array<[keyof Outcomes, string]> = [
  ['approved', 'Approved automatically'], ['refused', 'Refused'], ['reviewed', 'Sent to review'], ['undecided', 'Merchant decides'],
  ['kept', 'Customer keeps an item'], ['credited', 'Offered store credit'], ['labelsAvoided', 'Return labels not needed'],
];
const MONEY: Array<[keyof Outcomes, string]> = [
  ['refundMinor', 'Refunded'], ['creditMinor', 'Store credit issued (bonus included)'], ['creditBonusMinor', 'of which bonus'], ['shippingAvoidedMinor', 'Return shipping avoided'],
];

/**
 * A background policy simulation as it goes: waiting, a progress bar with the cases done, then the figures before
 * and after (or what went wrong). The rules editor shows it for ranges too large to simulate in the request.
 */
export function SimulationProgress({ job, problem }: { job: RuleSimulationJobFieldsFragment | null; problem?: ApiProblem | null }) {
  if (problem) return <p role="alert">{problem.message}</p>;
  if (!job) return null;
  if (job.status === 'FAILED') return <p role="alert">The simulation failed{job.error ? `: ${job.error}.` : '.'} Try again.</p>;
  if (job.status !== 'DONE' || !job.result) {
    const label = job.status === 'QUEUED' ? 'Waiting to start' : 'Simulating';
    return (
      <div role="status" aria-live="polite">
        <label>
          {label}: {job.casesDone.toLocaleString('en-US')} of {job.casesTotal.toLocaleString('en-US')} cases
          <progress value={job.casesDone} max={Math.max(1, job.casesTotal)} />
        </label>
      </div>
    );
  }
  const { result } = job;
  const money = (minor: number) => (result.currency ? formatMoney(minor, result.currency) : String(minor));
  return (
    <table aria-label="Simulation before and after">
      <caption>{result.cases.toLocaleString('en-US')} cases simulated; {result.changedCases.length} shown below change their decision.</caption>
      <thead>
        <tr><th scope="col" /><th scope="col">Current rules</th><th scope="col">Draft</th></tr>
      </thead>
      <tbody>
        {COUNTS.map(([key, text]) => (
          <tr key={key}><th scope="row">{text}</th><td>{result.before[key]}</td><td>{result.after[key]}</td></tr>
        ))}
        {MONEY.map(([key, text]) => (
          <tr key={key}><th scope="row">{text}</th><td>{money(result.before[key] as number)}</td><td>{money(result.after[key] as number)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
