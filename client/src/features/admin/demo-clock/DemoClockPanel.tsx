import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ErrorState, LoadingState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import { formatDateTime } from '../../../lib/dates';
import { describeApiError } from '../../../lib/errors';

export const DemoClockDocument = graphql(`
  query DemoClock {
    demoClock {
      now
      offsetHours
    }
  }
`);

const AdvanceDemoClockDocument = graphql(`
  mutation AdvanceDemoClock($hours: Int!) {
    advanceDemoClock(hours: $hours) {
      now
      offsetHours
    }
  }
`);

const MOVES: ReadonlyArray<{ label: string; hours: number }> = [
  { label: '+1 h', hours: 1 },
  { label: '+24 h', hours: 24 },
  { label: '+48 h', hours: 48 },
  { label: '+7 days', hours: 7 * 24 },
];

/** Development only: move the product's clock ahead to watch reminders, escalations and expiries fire. */
export function DemoClockPanel() {
  const { data, loading, error, refetch } = useQuery(DemoClockDocument, { fetchPolicy: 'network-only' });
  const [advance, { loading: moving }] = useMutation(AdvanceDemoClockDocument, { refetchQueries: [DemoClockDocument] });
  const [problem, setProblem] = useState<string | null>(null);
  if (loading && !data) return <LoadingState label="Reading the demo clock…" />;
  if (error) return <ErrorState title="The demo clock could not be read." error={error} onRetry={() => void refetch()} />;
  const clock = data?.demoClock;
  if (!clock) return <p className="muted">The demo clock exists only in development.</p>;

  const move = async (hours: number) => {
    setProblem(null);
    try {
      await advance({ variables: { hours } });
    } catch (failure) {
      setProblem(describeApiError(failure).message);
    }
  };
  return (
    <section className="card" aria-label="Demo clock">
      <h2>Demo clock</h2>
      <p>
        Now: <strong data-testid="demo-clock-now">{formatDateTime(String(clock.now))}</strong>
        {clock.offsetHours > 0 ? <span className="muted"> ({clock.offsetHours} h ahead of the real time)</span> : <span className="muted"> (the real time)</span>}
      </p>
      <p className="muted">Moving the clock runs the timers at once: reminders, escalations, automatic decisions and expiries.</p>
      <div className="button-row">
        {MOVES.map((m) => (
          <button key={m.hours} type="button" className="button button--primary" disabled={moving} onClick={() => void move(m.hours)}>
            {m.label}
          </button>
        ))}
        <button type="button" className="button button--secondary" disabled={moving || clock.offsetHours === 0} onClick={() => void move(-clock.offsetHours)}>
          Reset
        </button>
      </div>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
