import type { CSSProperties } from 'react';
import type { Tone } from '../Badge';
import './charts.css';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** What is printed beside the bar; defaults to the value. */
  display?: string;
  /** A second line under the label, e.g. "18 opened". */
  detail?: string;
  tone?: Tone | 'brand';
}

/**
 * A horizontal bar chart as a list: each row reads "label, value" to a screen reader and as a bar to the eye.
 * Bars are relative to `max` (the largest value by default; pass 1 for rates).
 */
export function BarList({ bars, label, max, compact = false, columns = false }: { bars: readonly Bar[]; label: string; max?: number; compact?: boolean; columns?: boolean }) {
  const top = max ?? Math.max(0, ...bars.map((bar) => bar.value));
  return (
    <ul
      className={`bar-list${compact ? ' bar-list--compact' : ''}${columns ? ' bar-list--columns' : ''}`}
      aria-label={label}
      data-testid="bar-list"
      style={columns ? ({ '--rows': Math.ceil(bars.length / 2) } as CSSProperties) : undefined}
    >
      {bars.map((bar) => {
        const share = top > 0 ? Math.max(0, Math.min(1, bar.value / top)) : 0;
        return (
          <li key={bar.key} className="bar-list__row" data-key={bar.key}>
            <span className="bar-list__label">
              {bar.label}
              {bar.detail ? <span className="bar-list__detail">{bar.detail}</span> : null}
            </span>
            <span className="bar-list__track" aria-hidden="true">
              <span className={`bar-list__bar bar-list__bar--${bar.tone ?? 'brand'}`} style={{ width: `${(share * 100).toFixed(1)}%` }} />
            </span>
            <span className="bar-list__value tabular">{bar.display ?? String(bar.value)}</span>
          </li>
        );
      })}
    </ul>
  );
}
