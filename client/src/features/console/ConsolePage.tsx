import { useParams } from 'react-router';
import { useViewer } from '../../app/auth/auth-context';
import { roleOfConsoleSegment, ROLE_LABEL } from '../../app/auth/roles';
import type { Viewer } from '../../app/auth/viewer';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/PageState';
import NotFoundPage from '../not-found/NotFoundPage';
import { CaseTable } from './components/CaseTable';
import { CONSOLE_COPY } from './console-copy';
import { useConsoleCases } from './hooks/useConsoleCases';
import './console.css';

const countLabel = (count: number) => `${count} ${count === 1 ? 'case' : 'cases'}`;

function CasesPanel({ viewer }: { viewer: Viewer }) {
  const copy = CONSOLE_COPY[viewer.role];
  const { connection, error, initialLoading, loadingMore, loadMore, retry } = useConsoleCases();

  let body;
  if (initialLoading) body = <LoadingState label="Loading cases…" />;
  else if (!connection) body = <ErrorState title="Cases could not be loaded" error={error} onRetry={retry} />;
  else if (connection.edges.length === 0) body = <EmptyState title={copy.emptyTitle}>{copy.emptyText}</EmptyState>;
  else {
    body = (
      <>
        <CaseTable cases={connection.edges.map((edge) => edge.node)} columns={copy.columns} caption={copy.heading} />
        <div className="cases-panel__footer">
          <p className="muted" data-testid="case-count-shown">
            Showing {connection.edges.length} of {connection.totalCount}
          </p>
          {connection.pageInfo.hasNextPage ? (
            <button type="button" className="button button--secondary" onClick={loadMore} disabled={loadingMore}>
              {loadingMore ? <Spinner size="sm" /> : null}
              {loadingMore ? 'Loading…' : 'Show more cases'}
            </button>
          ) : null}
        </div>
        {error ? <ErrorState title="More cases could not be loaded" error={error} onRetry={loadMore} /> : null}
      </>
    );
  }

  return (
    <section className="cases-panel" aria-labelledby="cases-panel-title" aria-busy={initialLoading || loadingMore}>
      <header className="cases-panel__header">
        <h2 id="cases-panel-title">Return cases</h2>
        {connection ? (
          <span className="cases-panel__total" data-testid="case-total" data-count={connection.totalCount}>
            {countLabel(connection.totalCount)}
          </span>
        ) : null}
      </header>
      {body}
    </section>
  );
}

/** /console/:role: the signed-in user's dashboard. Another role's console does not exist for them. */
export default function ConsolePage() {
  const { role: segment } = useParams();
  const viewer = useViewer();
  if (!viewer || roleOfConsoleSegment(segment) !== viewer.role) return <NotFoundPage />;
  const copy = CONSOLE_COPY[viewer.role];
  return (
    <div className="page console">
      <title>{`${ROLE_LABEL[viewer.role]} console · ReturnHub`}</title>
      <header className="console__header">
        <p className="console__eyebrow">{ROLE_LABEL[viewer.role]} console</p>
        <h1>{copy.heading}</h1>
        <p className="muted">{copy.description}</p>
        <p className="console__who" data-testid="console-viewer">
          Signed in as <strong>{viewer.displayName}</strong> <span className="mono">({viewer.username})</span>
        </p>
      </header>
      <CasesPanel viewer={viewer} />
    </div>
  );
}
