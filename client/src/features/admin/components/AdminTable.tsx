import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../../components/PageState';
import '../../../components/case-table.css';

export interface Column<T> {
  /** Column header, and the label of the value on a phone (where each row reads as a card). */
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
  /** A header only screen readers hear (e.g. an actions column). */
  hiddenHeader?: boolean;
}

/** One table for every admin list: captioned, with per-cell labels so it collapses into cards on a phone. */
export function AdminTable<T>({ caption, columns, rows, rowKey, rowTestId, rowClassName }: {
  caption: string;
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowTestId?: string;
  rowClassName?: (row: T) => string | undefined;
}) {
  return (
    <div className="case-table__scroller">
      <table className="case-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.hiddenHeader ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId} className={rowClassName?.(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className} data-label={c.hiddenHeader ? '' : c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A list's states in one place: loading (first load only), failed (with retry), empty, or the list itself. While a
 * refetch runs the previous rows stay on screen.
 */
export function ListStates({ hasData, loading, error, onRetry, isEmpty, loadingLabel, errorTitle, empty, children }: {
  hasData: boolean;
  loading: boolean;
  error?: unknown;
  onRetry: () => void;
  isEmpty: boolean;
  loadingLabel: string;
  errorTitle: string;
  empty: { title: string; body?: ReactNode; action?: ReactNode };
  children: ReactNode;
}) {
  if (!hasData && loading) return <LoadingState label={loadingLabel} />;
  if (!hasData) return <ErrorState title={errorTitle} error={error} onRetry={onRetry} />;
  if (isEmpty) {
    return (
      <EmptyState title={empty.title} action={empty.action}>
        {empty.body}
      </EmptyState>
    );
  }
  return <>{children}</>;
}

/** The card a list sits in: a titled header with a count chip, optional tools under it, the list, a footer. */
export function ListCard({ id, title, count, tools, footer, busy, children }: {
  id: string;
  title: string;
  count?: ReactNode;
  tools?: ReactNode;
  footer?: ReactNode;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <section className="card card--flush" aria-labelledby={id} aria-busy={busy || undefined}>
      <div className="card__header">
        <h2 id={id} className="card__title">
          {title}
        </h2>
        {count !== undefined ? <span className="cases-panel__total">{count}</span> : null}
      </div>
      {tools ? <div className="card__body admin-list__tools">{tools}</div> : null}
      <div className={busy ? 'admin-list__body admin-list__body--stale' : 'admin-list__body'}>{children}</div>
      {footer ? <div className="cases-panel__footer">{footer}</div> : null}
    </section>
  );
}
