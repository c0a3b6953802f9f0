import { useEffect, useRef, useState } from 'react';
import './charts.css';

export interface Series {
  name: string;
  values: readonly number[];
  /** A CSS colour (a token). */
  color: string;
  /** Columns for the first series reads better for counts; lines for the ones drawn over them. */
  kind: 'columns' | 'line';
}

/** "Nice" axis steps: 1, 2, 5 × 10^n, about `ticks` of them up to `max`. */
export function niceTicks(max: number, ticks = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const values: number[] = [];
  for (let v = 0; v < max + step; v += step) values.push(Math.round(v * 1e6) / 1e6);
  return values;
}

function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(280, Math.round(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

const HEIGHT = 240;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };

/**
 * A day-by-day chart drawn in SVG at the width it is given (so its text stays readable from phone to desktop).
 * The picture is summarised for screen readers; the same numbers are in a table under "Show the numbers".
 */
export function LineChart({ labels, series, title, summary, formatLabel = (l) => l }: {
  labels: readonly string[];
  series: readonly Series[];
  title: string;
  summary: string;
  formatLabel?: (label: string) => string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const n = Math.max(1, labels.length);
  const slot = plotW / n;
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const columnSeries = series.filter((s) => s.kind === 'columns');
  const columnWidth = Math.max(1, Math.min(18, (slot * 0.72) / Math.max(1, columnSeries.length)));
  // About one x label per 70 px.
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 70))));

  return (
    <figure className="line-chart" data-testid="line-chart">
      <div className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <span key={s.name} className="chart-legend__key">
            <span className={`chart-legend__swatch chart-legend__swatch--${s.kind}`} style={{ background: s.color }} />
            {s.name}
          </span>
        ))}
      </div>
      <div ref={ref} className="line-chart__canvas">
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={`${title}. ${summary}`}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line className="line-chart__grid" x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
              <text className="line-chart__axis" x={PAD.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                {tick}
              </text>
            </g>
          ))}
          {labels.map((label, i) =>
            i % every === 0 ? (
              <text key={label} className="line-chart__axis" x={x(i)} y={HEIGHT - 8} textAnchor="middle">
                {formatLabel(label)}
              </text>
            ) : null,
          )}
          {columnSeries.map((s, si) =>
            s.values.map((value, i) => {
              const left = x(i) - (columnWidth * columnSeries.length) / 2 + si * columnWidth;
              return (
                <rect key={`${s.name}-${labels[i]}`} x={left} y={y(value)} width={Math.max(1, columnWidth - 1)} height={Math.max(0, y(0) - y(value))} rx={1.5} fill={s.color}>
                  <title>{`${formatLabel(labels[i])}: ${value} ${s.name.toLowerCase()}`}</title>
                </rect>
              );
            }),
          )}
          {series
            .filter((s) => s.kind === 'line')
            .map((s) => (
              <g key={s.name}>
                <polyline fill="none" stroke={s.color} strokeWidth={2.25} strokeLinejoin="round" strokeLinecap="round" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
                {n <= 62
                  ? s.values.map((v, i) => (
                      <circle key={labels[i]} cx={x(i)} cy={y(v)} r={2.75} fill="var(--color-surface)" stroke={s.color} strokeWidth={1.75}>
                        <title>{`${formatLabel(labels[i])}: ${v} ${s.name.toLowerCase()}`}</title>
                      </circle>
                    ))
                  : null}
              </g>
            ))}
          <line className="line-chart__baseline" x1={PAD.left} x2={width - PAD.right} y1={y(0)} y2={y(0)} />
        </svg>
      </div>
      <details className="line-chart__data">
        <summary>Show the numbers</summary>
        <div className="line-chart__table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {series.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{formatLabel(label)}</th>
                  {series.map((s) => (
                    <td key={s.name} className="tabular">
                      {s.values[i]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
