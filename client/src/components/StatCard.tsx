import type { ReactNode } from 'react';
import type { Tone } from './Badge';
import './stat-card.css';

/** One figure with its label, e.g. "Breached · 4"; the tone colours the accent for figures that need attention. */
export function StatCard({ label, value, tone = 'neutral', hint, testId, children }: {
  label: string;
  value: ReactNode;
  tone?: Tone | 'brand';
  hint?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`stat-card stat-card--${tone}`} data-testid={testId}>
      <p className="stat-card__label">{label}</p>
      <p className="stat-card__value tabular">{value}</p>
      {hint ? <p className="stat-card__hint">{hint}</p> : null}
      {children}
    </div>
  );
}
