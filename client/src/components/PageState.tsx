import type { ReactNode } from 'react';
import { describeApiError } from '../lib/errors';
import './page-state.css';

export function Spinner({ size = 'md' }: { size?: 'sm' | 'md' }) {
  return <span className={`spinner spinner--${size}`} aria-hidden="true" />;
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-state" role="status" aria-live="polite">
      <Spinner />
      <p className="page-state__text">{label}</p>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="page-state page-state--empty">
      <svg className="page-state__icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="8" y="14" width="32" height="24" rx="3" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M8 22h11l2 4h6l2-4h11" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
      </svg>
      <h2 className="page-state__title">{title}</h2>
      {children ? <p className="page-state__text">{children}</p> : null}
      {action}
    </div>
  );
}

export function ErrorState({ title, error, onRetry }: { title: string; error?: unknown; onRetry?: () => void }) {
  const problem = error === undefined ? null : describeApiError(error);
  return (
    <div className="page-state page-state--error" role="alert">
      <h2 className="page-state__title">{title}</h2>
      {problem ? <p className="page-state__text">{problem.message}</p> : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
