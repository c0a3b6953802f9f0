import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import { formatDate } from '../../../lib/dates';
import { trackerSteps } from '../case-stages';

export const StatusTrackerFragment = graphql(`
  fragment StatusTracker_case on ReturnCase {
    id
    status
    type
    keepItem
    createdAt
    firstResponseAt
    decidedAt
    shippedAt
    receivedAt
    inspectedAt
    refundedAt
    closedAt
  }
`);

const STATE_TEXT = { done: 'done', current: 'current step', upcoming: 'not yet', stopped: 'stopped here' } as const;

/** Where the return is in its lifecycle, as a row of steps (a column on a phone). */
export function StatusTracker({ returnCase }: { returnCase: FragmentType<typeof StatusTrackerFragment> }) {
  const rc = getFragmentData(StatusTrackerFragment, returnCase);
  const steps = trackerSteps(rc);
  return (
    <ol className="tracker" aria-label="Progress of this return" data-testid="status-tracker">
      {steps.map((step, i) => (
        <li key={step.key} className={`tracker__step tracker__step--${step.state}`} aria-current={step.state === 'current' || step.state === 'stopped' ? 'step' : undefined}>
          <span className="tracker__marker" aria-hidden="true">
            {step.state === 'done' ? '✓' : step.state === 'stopped' ? '✕' : i + 1}
          </span>
          <span className="tracker__text">
            <span className="tracker__label">{step.label}</span>
            <span className="visually-hidden"> ({STATE_TEXT[step.state]})</span>
            {step.note ? <span className="tracker__note">{step.note}</span> : null}
            {step.at ? <span className="tracker__date">{formatDate(step.at)}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
