import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/Badge';
import { caseLine } from '../../components/case-line';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/PageState';
import { graphql } from '../../gql';
import { isActiveStatus } from '../../lib/case-status';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { customerNextStep } from '../cases/next-steps';
import { CustomerNav } from './CustomerNav';
import '../../components/case-table.css';
import './customer.css';

export const CustomerCasesDocument = graphql(`
  query CustomerCases($after: String) {
    returnCases(first: 25, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          number
          status
          type
          outcome
          storeCreditBonusPercent
          createdAt
          decidedAt
          shipBy
          disputableUntil
          merchantResponseDueAt
          refundAmountMinor
          currency
          merchant {
            id
            name
            slaTimeoutAction
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


/** /customer: the customer's returns, newest first, each with where it stands and what happens next. */
export default function CustomerCasesPage() {
  const { data, error, networkStatus, refetch, fetchMore } = useQuery(CustomerCasesDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.returnCases;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const open = connection?.edges.filter((e) => isActiveStatus(e.node.status)).length ?? 0;

  let body;
  if (!connection && networkStatus === NetworkStatus.loading) body = <LoadingState label="Loading your returns…" />;
  else if (!connection) body = <ErrorState title="Your returns could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (connection.edges.length === 0) {
    body = (
      <EmptyState title="No returns yet" action={<Link className="button button--primary" to="/customer/orders">Return items from an order</Link>}>
        When you ask to return items from a delivered order, the request appears here.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <ul className="return-cards" aria-label="Your returns">
          {connection.edges.map(({ node: rc }) => {
            const next = customerNextStep(rc);
            return (
              <li key={rc.id} className={`return-card${isActiveStatus(rc.status) ? '' : ' return-card--closed'}`} data-testid="customer-case-card">
                <div className="return-card__head">
                  <Link className="return-card__link" to={`/customer/${rc.id}`}>
                    <span className="mono">{rc.number}</span>
                  </Link>
                  <StatusBadge status={rc.status} />
                </div>
                <p className="return-card__items">{rc.merchant.name}</p>
                <p className="return-card__meta">
                  {caseLine(rc)} · opened {formatDate(rc.createdAt)}
                </p>
                <p className="return-card__next">
                  <strong>{next.title}.</strong>
                </p>
                <p className="return-card__amount tabular">
                  <span className="muted">{rc.type === 'EXCHANGE' ? 'Exchange value' : 'Refund'}</span>
                  {formatMoney(rc.refundAmountMinor, rc.currency)}
                </p>
              </li>
            );
          })}
        </ul>
        {connection.pageInfo.hasNextPage ? (
          <div className="return-cards__more">
            <button
              type="button"
              className="button button--secondary"
              disabled={loadingMore}
              onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } }).catch(() => undefined)}
            >
              {loadingMore ? <Spinner size="sm" /> : null}
              Show more returns
            </button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <div className="page customer-cases">
      <title>Your returns · ReturnHub</title>
      <header className="page-header">
        <p className="eyebrow">Your returns</p>
        <h1>Returns and refunds</h1>
        <p className="muted">
          {connection
            ? `${connection.totalCount} ${connection.totalCount === 1 ? 'return' : 'returns'}${open ? `, ${open} in progress` : ''}. Open one to follow it, message the merchant, or cancel it.`
            : 'Follow each return from your request to your refund.'}
        </p>
      </header>
      <div className="customer-cases__bar">
        <CustomerNav />
        <Link className="button button--primary" to="/customer/orders" data-testid="start-return">
          Start a return
        </Link>
      </div>
      {body}
    </div>
  );
}
