import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { StatusBadge } from '../../components/Badge';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/PageState';
import { ResponseDeadlineBadge } from '../../components/SlaBadge';
import { graphql } from '../../gql';
import type { CaseStatus } from '../../gql/graphql';
import { AWAITING_MERCHANT } from '../../lib/case-status';
import { DAY_MS, formatDate, formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { useNow } from '../../lib/use-now';
import { caseLine } from '../../components/case-line';
import '../../components/case-table.css';
import './merchant.css';

export const MerchantCasesDocument = graphql(`
  query MerchantCases($after: String, $filter: ReturnCaseFilter) {
    returnCases(first: 25, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          number
          status
          type
          createdAt
          merchantResponseDueAt
          refundAmountMinor
          currency
          customer {
            id
            displayName
          }
          order {
            id
            number
          }
          reason
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const NEEDS_RESPONSE: CaseStatus[] = [...AWAITING_MERCHANT];

/** /merchant: returns on the merchant's orders; the ones waiting on them first, with their response deadlines. */
export default function MerchantCasesPage() {
  const now = useNow();
  const [searchParams] = useSearchParams();
  const showAll = searchParams.get('view') === 'all';
  const { data, error, networkStatus, refetch, fetchMore } = useQuery(MerchantCasesDocument, {
    variables: { filter: showAll ? null : { statuses: NEEDS_RESPONSE } },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.returnCases;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  let body;
  if (!connection && networkStatus === NetworkStatus.loading) body = <LoadingState label="Loading returns…" />;
  else if (!connection) body = <ErrorState title="Returns could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (connection.edges.length === 0) {
    body = showAll ? (
      <EmptyState title="No returns yet">No customer has asked to return an order from your store.</EmptyState>
    ) : (
      <EmptyState title="You are all caught up" action={<Link to="?view=all">See all returns</Link>}>
        No return is waiting for your decision.
      </EmptyState>
    );
  } else {
    // Waiting on the merchant: the nearest deadline first (among the cases loaded so far).
    const dueAt = (rc: (typeof connection.edges)[number]['node']) => (rc.merchantResponseDueAt ? new Date(rc.merchantResponseDueAt).getTime() : Infinity);
    const rows = showAll ? connection.edges : [...connection.edges].sort((a, b) => dueAt(a.node) - dueAt(b.node));
    body = (
      <>
        <div className="case-table__scroller">
          <table className="case-table">
            <caption className="visually-hidden">{showAll ? 'All returns on your orders' : 'Returns waiting for your response'}</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Status</th>
                <th scope="col">Respond by</th>
                <th scope="col">Customer</th>
                <th scope="col">Opened</th>
                <th scope="col" className="case-table__amount">
                  Refund
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ node: rc }) => {
                const due = rc.merchantResponseDueAt && AWAITING_MERCHANT.has(rc.status) ? rc.merchantResponseDueAt : null;
                const left = due === null ? Infinity : new Date(due).getTime() - now;
                const highlight = left <= 0 ? ' case-table__row--breached' : left <= DAY_MS / 2 ? ' case-table__row--attention' : '';
                return (
                  <tr key={rc.id} className={`case-table__row${highlight}`} data-testid="merchant-case-row">
                    <td className="case-table__case" data-label="Case">
                      <Link className="case-table__number case-table__link" to={`/merchant/${rc.id}`}>
                        {rc.number}
                      </Link>
                      <span className="case-table__detail">
                        {caseLine(rc)}
                      </span>
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={rc.status} />
                    </td>
                    <td data-label="Respond by">
                      {due ? (
                        <span className="deadline-cell">
                          <ResponseDeadlineBadge dueAt={due} now={now} />
                          <span className="case-table__detail">{formatDateTime(due)}</span>
                        </span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="case-table__party" data-label="Customer">
                      {rc.customer.displayName}
                    </td>
                    <td className="case-table__date" data-label="Opened">
                      <time dateTime={rc.createdAt}>{formatDate(rc.createdAt)}</time>
                    </td>
                    <td className="case-table__amount" data-label={rc.type === 'EXCHANGE' ? 'Exchange value' : 'Refund'}>
                      {formatMoney(rc.refundAmountMinor, rc.currency)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="cases-panel__footer">
          <p className="muted">
            Showing {connection.edges.length} of {connection.totalCount}
          </p>
          {connection.pageInfo.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={loadingMore}
              onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } }).catch(() => undefined)}
            >
              {loadingMore ? <Spinner size="sm" /> : null}
              Show more
            </button>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <div className="page merchant-cases">
      <title>Returns on your orders · ReturnHub</title>
      <header className="page-header">
        <p className="eyebrow">Merchant</p>
        <h1>Returns on your orders</h1>
        <p className="muted">Decide each return within your response deadline: approve, reject with a reason, or ask the customer.</p>
      </header>
      <section className="card card--flush" aria-labelledby="merchant-cases-title">
        <div className="card__header">
          <h2 id="merchant-cases-title" className="visually-hidden">
            Returns
          </h2>
          <nav className="segmented" aria-label="Which returns">
            <Link className="segmented__item" to="/merchant" aria-current={showAll ? undefined : 'page'}>
              Needs your response
            </Link>
            <Link className="segmented__item" to="/merchant?view=all" aria-current={showAll ? 'page' : undefined}>
              All returns
            </Link>
          </nav>
          {connection ? (
            <span className="cases-panel__total" data-testid="merchant-total" data-count={connection.totalCount}>
              {connection.totalCount} {connection.totalCount === 1 ? 'case' : 'cases'}
            </span>
          ) : null}
        </div>
        {body}
      </section>
    </div>
  );
}
