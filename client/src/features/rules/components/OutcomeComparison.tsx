import type { CSSProperties } from 'react';
import type { Tone } from '../../../components/Badge';
import '../../../components/charts/charts.css';

/**
 * One before/after row of the simulator's chart: a count of cases, or anything else with its own `format`. (The money
 * is not drawn here but beside it, in SimulationMoney: its amounts share no useful scale with each other.)
 */
export interface ComparisonRow {
  key: string;
  label: string;
  before: number;
  after: number;
  tone?: Tone | 'brand';
  format?: (value: number) => string;
}

const formatCount = (value: number) => value.toLocaleString('en-US');

/**
 * Paired horizontal bars, "now" over "with the draft", on one scale per chart (the app's bar style, no chart
 * library). Each row reads as "Approved automatically: now 4, with these rules 7" to a screen reader.
 */
export function OutcomeComparison({ rows, label, beforeLabel = 'Now', afterLabel = 'With these rules' }: { rows: readonly ComparisonRow[]; label: string; beforeLabel?: string; afterLabel?: string }) {
  const top = Math.max(0, ...rows.flatMap((row) => [row.before, row.after]));
  const width = (value: number) => `${((top > 0 ? Math.max(0, Math.min(1, value / top)) : 0) * 100).toFixed(1)}%`;
  // Every bar's track is as long as every other's, so the value column is as wide as the widest value (a background
  // simulation counts tens of thousands of cases): bars compare, and nothing spills off a phone's screen.
  const valueChars = Math.max(3, ...rows.flatMap((row) => [row.before, row.after].map((value) => (row.format ?? formatCount)(value).length)));
  return (
    <figure className="outcome-chart" style={{ '--outcome-value-width': `${valueChars + 1}ch` } as CSSProperties}>
      <figcaption className="chart-legend">
        <span className="chart-legend__key">
          <span className="chart-legend__swatch outcome-chart__swatch--before" aria-hidden="true" /> {beforeLabel}
        </span>
        <span className="chart-legend__key">
          <span className="chart-legend__swatch outcome-chart__swatch--after" aria-hidden="true" /> {afterLabel}
        </span>
      </figcaption>
      <ul className="outcome-chart__rows" aria-label={label} data-testid="outcome-chart">
        {rows.map((row) => {
          const format = row.format ?? formatCount;
          const changed = row.before !== row.after;
          return (
            <li key={row.key} className="outcome-chart__row" data-key={row.key} data-before={row.before} data-after={row.after}>
              <span className="outcome-chart__label">
                {row.label}
                {changed ? <span className="outcome-chart__delta tabular">{`${row.after > row.before ? '+' : '−'}${format(Math.abs(row.after - row.before))}`}</span> : null}
              </span>
              {([
                ['before', beforeLabel, row.before],
                ['after', afterLabel, row.after],
              ] as const).map(([which, name, value]) => (
                <span key={which} className="outcome-chart__pair">
                  <span className="visually-hidden">{`${name}: `}</span>
                  <span className="bar-list__track outcome-chart__track" aria-hidden="true">
                    <span className={`bar-list__bar ${which === 'before' ? 'bar-list__bar--neutral' : `bar-list__bar--${row.tone ?? 'brand'}`}`} style={{ width: width(value), minWidth: value === 0 ? 0 : undefined }} />
                  </span>
                  <span className="outcome-chart__value tabular">{format(value)}</span>
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
