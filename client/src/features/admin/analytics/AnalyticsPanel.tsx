import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { reasonLabel, statusLabel, STATUS, type Tone } from '../../../components/Badge';
import { BarList } from '../../../components/charts/BarList';
import { LineChart } from '../../../components/charts/LineChart';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../../components/PageState';
import { StatCard } from '../../../components/StatCard';
import { graphql } from '../../../gql';
import type { CaseStatus, ReturnsAnalyticsQuery } from '../../../gql/graphql';
import { daysInclusive, formatDay, formatShortDay } from '../../../lib/dates';
import { formatMoney } from '../../../lib/money';
import { useNow } from '../../../lib/use-now';
import { isDay, lastDays, rangeProblem, type DateRange } from '../analytics-range';
import './analytics.css';

export const ReturnsAnalyticsDocument = graphql(`
  query ReturnsAnalytics($from: String!, $to: String!) {
    returnsAnalytics(from: $from, to: $to) {
      from
      to
      opened
      closed
      approvalRate
      medianHoursToDecision
      medianHoursToRefund
      slaBreachRate
      refundedMinor
      byStatus {
        key
        count
      }
      byReason {
        key
        count
      }
      byMerchant {
        merchantId
        name
        opened
        approvalRate
      }
      daily {
        date
        opened
        closed
        refundedMinor
      }
    }
  }
`);

const PRESETS = [7, 30, 90, 365] as const;
// The demo platform settles in one currency; the analytics API reports minor units without one.
const PLATFORM_CURRENCY = 'USD';

const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`);
const hours = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value >= 48 ? `${(value / 24).toFixed(1)} d` : `${value.toFixed(1)} h`);

/** A picked day in the app's date format under its date input, whose own numbers follow the browser's settings. */
function DayText({ id, day }: { id: string; day: string }) {
  return (
    <span id={id} className="field__hint range-form__day">
      {isDay(day) ? formatDay(day) : '\u00a0'}
    </span>
  );
}

/** From and to as native date pickers, each with the chosen day written out in the app's date format under it. */
export function RangeForm({ range, onApply }: { range: DateRange; onApply: (range: DateRange) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(range);
  const [seen, setSeen] = useState(range);
  if (seen.from !== range.from || seen.to !== range.to) {
    setSeen(range);
    setDraft(range);
  }
  const problem = rangeProblem(draft);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) onApply(draft);
  };
  return (
    <form className="range-form" onSubmit={submit} aria-describedby={problem ? `${id}-problem` : undefined} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-from`}>
          From
        </label>
        <input id={`${id}-from`} className="field__input" type="date" value={draft.from} max={draft.to} aria-invalid={problem ? true : undefined} aria-describedby={`${id}-from-day`} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <DayText id={`${id}-from-day`} day={draft.from} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-to`}>
          To
        </label>
        <input id={`${id}-to`} className="field__input" type="date" value={draft.to} min={draft.from} aria-invalid={problem ? true : undefined} aria-describedby={`${id}-to-day`} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <DayText id={`${id}-to-day`} day={draft.to} />
      </div>
      <button type="submit" className="button button--primary" disabled={Boolean(problem)}>
        Show
      </button>
      {problem ? (
        <p id={`${id}-problem`} className="field__error range-form__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** Returns analytics for a date range (at most 366 days, UTC days): key figures and charts. */
export function AnalyticsPanel() {
  const now = useNow(60_000);
  const [searchParams, setSearchParams] = useSearchParams();
  const fallback = lastDays(30, now);
  const asked = { from: searchParams.get('from') ?? fallback.from, to: searchParams.get('to') ?? fallback.to };
  const problem = rangeProblem(asked);
  const range = problem ? fallback : asked;
  const { data, previousData, error, loading, refetch } = useQuery(ReturnsAnalyticsDocument, { variables: range, fetchPolicy: 'cache-and-network' });
  const analytics = (data ?? previousData)?.returnsAnalytics;
  const apply = (next: DateRange) => setSearchParams({ from: next.from, to: next.to });
  const presetHref = (days: number) => {
    const r = lastDays(days, now);
    return `/admin?from=${r.from}&to=${r.to}`;
  };

  return (
    <section className="analytics stack-lg" aria-label="Returns analytics">
      <div className="card card__body analytics__controls">
        <RangeForm range={range} onApply={apply} />
        <nav className="analytics__presets" aria-label="Quick ranges">
          {PRESETS.map((days) => {
            const r = lastDays(days, now);
            const active = r.from === range.from && r.to === range.to;
            return (
              <Link key={days} className={`chip${active ? ' chip--active' : ''}`} to={presetHref(days)} aria-current={active ? 'true' : undefined}>
                Last {days} days
              </Link>
            );
          })}
        </nav>
      </div>
      {problem && searchParams.has('from') ? (
        <p className="alert alert--warning" role="status">
          The address asked for an invalid range ({problem.toLowerCase()}); showing the last 30 days instead.
        </p>
      ) : null}
      {!analytics && loading ? <LoadingState label="Crunching the numbers…" /> : null}
      {!analytics && !loading ? <ErrorState title="Analytics could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} /> : null}
      {analytics ? <AnalyticsBody analytics={analytics} loading={loading} /> : null}
    </section>
  );
}

type Analytics = ReturnsAnalyticsQuery['returnsAnalytics'];

function AnalyticsBody({ analytics: a, loading }: { analytics: Analytics; loading: boolean }) {
  const days = daysInclusive(a.from, a.to);
  const maxDay = a.daily.reduce((best, d) => (d.opened > (best?.opened ?? -1) ? d : best), a.daily[0]);
  return (
    <div className={`stack-lg${loading ? ' analytics--stale' : ''}`} aria-busy={loading} data-testid="analytics">
      <p className="analytics__range muted">
        {loading ? <Spinner size="sm" /> : null} {formatDay(a.from)} – {formatDay(a.to)} · {days} {days === 1 ? 'day' : 'days'} (UTC)
      </p>
      <div className="kpi-grid">
        <StatCard label="Opened" value={a.opened} tone="brand" testId="kpi-opened" hint={`${a.closed} closed in the range`} />
        <StatCard label="Approval rate" value={percent(a.approvalRate)} tone="info" hint="Approved of decided" />
        <StatCard label="SLA breach rate" value={percent(a.slaBreachRate)} tone={a.slaBreachRate && a.slaBreachRate > 0.1 ? 'danger' : 'neutral'} hint="Of cases opened" />
        <StatCard label="Median time to decision" value={hours(a.medianHoursToDecision)} tone="neutral" hint={`To refund: ${hours(a.medianHoursToRefund)}`} />
        <StatCard label="Refunded" value={formatMoney(a.refundedMinor, PLATFORM_CURRENCY)} tone="success" hint="Confirmed by the provider" />
      </div>
      {a.opened === 0 && a.closed === 0 ? (
        <div className="card">
          <EmptyState title="No returns in this range">Pick a longer or earlier range.</EmptyState>
        </div>
      ) : null}
      <section className="card" aria-labelledby="daily-title">
        <div className="card__header">
          <h2 id="daily-title" className="card__title">
            Opened and closed per day
          </h2>
        </div>
        <div className="card__body">
          <LineChart
            title="Cases opened and closed per day"
            summary={`${a.opened} opened and ${a.closed} closed over ${days} days${maxDay && maxDay.opened > 0 ? `; the busiest day was ${formatShortDay(maxDay.date)} with ${maxDay.opened} opened` : ''}.`}
            labels={a.daily.map((d) => d.date)}
            formatLabel={(day) => formatShortDay(day)}
            series={[
              { name: 'Opened', values: a.daily.map((d) => d.opened), color: 'var(--color-brand)', kind: 'columns' },
              { name: 'Closed', values: a.daily.map((d) => d.closed), color: '#16a34a', kind: 'line' },
            ]}
          />
        </div>
      </section>
      <div className="chart-grid">
        <div className="stack-lg">
          <section className="card" aria-labelledby="reason-title">
            <div className="card__header">
              <h2 id="reason-title" className="card__title">
                Why customers return
              </h2>
            </div>
            <div className="card__body">
              {a.byReason.length ? (
                <BarList label="Cases opened by reason" bars={a.byReason.map((r) => ({ key: r.key, label: reasonLabel(r.key), value: r.count }))} />
              ) : (
                <p className="muted">No cases opened in this range.</p>
              )}
            </div>
          </section>
          <section className="card" aria-labelledby="merchant-title">
            <div className="card__header">
              <h2 id="merchant-title" className="card__title">
                Approval rate by merchant
              </h2>
              <span className="field__hint">Approved of decided in the range</span>
            </div>
            <div className="card__body">
              <BarList
                label="Approval rate by merchant"
                max={1}
                bars={a.byMerchant.map((m) => ({
                  key: m.merchantId,
                  label: m.name,
                  detail: `${m.opened} opened`,
                  value: m.approvalRate ?? 0,
                  display: percent(m.approvalRate),
                  tone: m.approvalRate === null || m.approvalRate === undefined ? 'neutral' : m.approvalRate >= 0.5 ? 'success' : 'warning',
                }))}
              />
            </div>
          </section>
        </div>
        <section className="card" aria-labelledby="status-title">
          <div className="card__header">
            <h2 id="status-title" className="card__title">
              Where those cases are now
            </h2>
          </div>
          <div className="card__body">
            {a.byStatus.length ? (
              <BarList
                label="Cases opened in the range, by current status"
                bars={a.byStatus.map((s) => ({ key: s.key, label: statusLabel(s.key), value: s.count, tone: (STATUS[s.key.toUpperCase() as CaseStatus]?.tone ?? 'neutral') as Tone }))}
              />
            ) : (
              <p className="muted">No cases opened in this range.</p>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
