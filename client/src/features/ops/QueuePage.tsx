import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useViewer } from '../../app/auth/auth-context';
import { useQueueLiveUpdates } from '../../app/live/useLiveUpdates';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/PageState';
import { Pager } from '../../components/Pager';
import { graphql } from '../../gql';
import { useNow } from '../../lib/use-now';
import { QueueFilters } from './components/QueueFilters';
import { QueueSummary } from './components/QueueSummary';
import { QueueTable } from './components/QueueTable';
import { QueueViewSwitch } from './components/QueueViewSwitch';
import { hasFilters, toQueueFilter } from './hooks/queue-params';
import { useQueueParams } from './hooks/useQueueParams';
import './ops.css';

export const OpsQueueDocument = graphql(`
  query OpsQueue($filter: QueueFilter, $page: Int) {
    queue(filter: $filter, page: $page) {
      page
      pageSize
      totalCount
      totalPages
      summary {
        total
        breached
        dueWithin24h
        highRisk
        byStatus {
          status
          count
        }
      }
      items {
        id
        ...QueueTable_case
      }
    }
  }
`);

const countLabel = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`;

/**
 * /ops: the returns team's queue, 15 cases a page in the API's order, with summary cards and URL-kept filters.
 * It opens on the open cases (what there is to work on); every case is one click away (`?view=all`).
 */
export default function QueuePage() {
  const viewer = useViewer()!;
  const now = useNow();
  const { params, update, hrefFor } = useQueueParams();
  const { data, previousData, error, networkStatus, refetch } = useQuery(OpsQueueDocument, {
    variables: { filter: toQueueFilter(params, viewer.id), page: params.page },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  // Cases change under the agent's eyes: the page refreshes itself (debounced) when any of them does.
  useQueueLiveUpdates({ refetch: () => void refetch().catch(() => undefined) });
  // While the next page or filter loads, the previous one stays on screen (dimmed) instead of a spinner.
  const queue = (data ?? previousData)?.queue;
  const refreshing = networkStatus !== NetworkStatus.ready && networkStatus !== NetworkStatus.error;

  let body;
  if (!queue && refreshing) body = <LoadingState label="Loading the queue…" />;
  else if (!queue) body = <ErrorState title="The queue could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (queue.items.length === 0) {
    body = (
      <EmptyState
        title={hasFilters(params) ? 'No cases match these filters' : params.view === 'open' ? 'No open cases' : 'The queue is empty'}
        action={
          hasFilters(params) ? (
            <button type="button" className="button button--secondary" onClick={() => update({ status: null, priority: null, risk: null, mine: false, search: '' })}>
              Clear filters
            </button>
          ) : undefined
        }
      >
        {hasFilters(params) ? 'Try another status or priority, or search for something else.' : 'Nothing to work on right now.'}
      </EmptyState>
    );
  } else {
    const first = (queue.page - 1) * queue.pageSize + 1;
    body = (
      <>
        <QueueTable cases={queue.items} now={now} viewerId={viewer.id} />
        <div className="cases-panel__footer queue__footer">
          <p className="muted" data-testid="queue-range">
            {first}–{first + queue.items.length - 1} of {queue.totalCount}
          </p>
          <Pager page={queue.page} totalPages={queue.totalPages} hrefFor={hrefFor} label="Queue pages" />
        </div>
      </>
    );
  }

  return (
    <div className="page queue">
      <title>{`Ops queue${params.page > 1 ? ` · page ${params.page}` : ''} · ReturnHub`}</title>
      <header className="page-header">
        <p className="eyebrow">Returns operations</p>
        <h1>Queue</h1>
        <p className="muted">Open cases, breached first, then by priority and deadline. Filters stay in the address, so you can share a view.</p>
      </header>
      {queue ? <QueueSummary summary={queue.summary} /> : null}
      <section className="card card--flush" aria-labelledby="queue-title" aria-busy={refreshing}>
        <div className="card__header">
          <h2 id="queue-title" className="card__title">
            Cases
          </h2>
          <span className="queue__meta">
            {refreshing && queue ? <Spinner size="sm" /> : null}
            {queue ? (
              <span className="cases-panel__total" data-testid="queue-total" data-count={queue.totalCount} data-page={queue.page}>
                {countLabel(queue.totalCount)} · page {queue.page} of {queue.totalPages}
              </span>
            ) : null}
          </span>
        </div>
        <div className="card__body queue__filters-wrap">
          <QueueViewSwitch params={params} />
          <QueueFilters params={params} onChange={update} />
        </div>
        {error && queue ? (
          <div className="card__body">
            <ErrorState title="The queue could not be refreshed" error={error} onRetry={() => void refetch().catch(() => undefined)} />
          </div>
        ) : null}
        <div className={refreshing && queue ? 'queue__body queue__body--stale' : 'queue__body'}>{body}</div>
      </section>
    </div>
  );
}
