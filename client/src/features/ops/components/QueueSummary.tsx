import { STATUS } from '../../../components/Badge';
import { BarList, type Bar } from '../../../components/charts/BarList';
import { StatCard } from '../../../components/StatCard';
import type { OpsQueueQuery } from '../../../gql/graphql';
import { ALL_STATUSES } from '../../../lib/case-status';

type Summary = OpsQueueQuery['queue']['summary'];

const WIDE = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(min-width: 48rem)') : { matches: true };

/** The summary cards over the filtered queue: total, breached, due within 24 h, high risk, and counts by status. */
export function QueueSummary({ summary }: { summary: Summary }) {
  const count = new Map(summary.byStatus.map((s) => [s.status, s.count]));
  // Lifecycle order (not by size), so each status keeps its place as the numbers change.
  const bars: Bar[] = ALL_STATUSES.filter((status) => (count.get(status) ?? 0) > 0).map((status) => ({
    key: status,
    label: STATUS[status].label,
    value: count.get(status) ?? 0,
    tone: STATUS[status].tone,
  }));
  return (
    <section className="queue-summary" aria-label="Queue summary" data-testid="queue-summary">
      <StatCard label="Cases" value={summary.total} tone="brand" testId="summary-total" hint="Matching the filters" />
      <StatCard label="SLA breached" value={summary.breached} tone={summary.breached > 0 ? 'danger' : 'success'} testId="summary-breached" hint="Past the resolution deadline" />
      <StatCard label="Due within 24 h" value={summary.dueWithin24h} tone={summary.dueWithin24h > 0 ? 'warning' : 'neutral'} testId="summary-due" hint="Not yet breached" />
      <StatCard label="High risk" value={summary.highRisk} tone={summary.highRisk > 0 ? 'attention' : 'neutral'} testId="summary-high-risk" hint="Likely to escalate" />
      {/* Open beside the cards on a wide screen; folded on a phone, where its 18 rows would push the cases far down. */}
      <details className="stat-card stat-card--neutral queue-summary__status" data-testid="summary-by-status" open={WIDE.matches}>
        <summary className="stat-card__label queue-summary__toggle">By status</summary>
        {bars.length > 0 ? <BarList bars={bars} label="Cases by status" compact columns /> : <p className="muted">No cases.</p>}
      </details>
    </section>
  );
}
