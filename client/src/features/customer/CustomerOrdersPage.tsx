import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { Badge, humanize } from '../../components/Badge';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/PageState';
import type { CustomerOrdersQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { MyStoreCreditCard } from '../store-credit/MyStoreCreditCard';
import { CustomerNav } from './CustomerNav';
import { CustomerOrdersDocument, ReturnEligibilityDocument } from './orders.graphql';
import './customer.css';

type OrderNode = CustomerOrdersQuery['orders']['edges'][number]['node'];

/** /customer/orders: the customer's orders, and for each delivered one what can be returned and why not. */
export default function CustomerOrdersPage() {
  const { data, error, networkStatus, refetch, fetchMore } = useQuery(CustomerOrdersDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.orders;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  let body;
  if (!connection && networkStatus === NetworkStatus.loading) body = <LoadingState label="Loading your orders…" />;
  else if (!connection) body = <ErrorState title="Your orders could not be loaded" error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  else if (connection.edges.length === 0) body = <EmptyState title="No orders yet">Orders you place appear here.</EmptyState>;
  else {
    body = (
      <>
        <ul className="order-cards" aria-label="Your orders">
          {connection.edges.map(({ node }) => (
            <OrderCard key={node.id} order={node} />
          ))}
        </ul>
        {connection.pageInfo.hasNextPage ? (
          <div className="return-cards__more">
            <button
              type="button"
              className="button button--secondary"
              disabled={loadingMore}
              onClick={() =>
                void fetchMore({
                  variables: { after: connection.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({
                    orders: { ...fetchMoreResult.orders, edges: [...previous.orders.edges, ...fetchMoreResult.orders.edges] },
                  }),
                }).catch(() => undefined)
              }
            >
              {loadingMore ? <Spinner size="sm" /> : null}
              Show more orders
            </button>
          </div>
        ) : null}
      </>
    );
  }

  return (
    <div className="page customer-cases">
      <title>Your orders · ReturnHub</title>
      <header className="page-header">
        <p className="eyebrow">Your orders</p>
        <h1>Return items from an order</h1>
        <p className="muted">Delivered orders show what can still be sent back, item by item. Choose “Return items” to start.</p>
      </header>
      <CustomerNav />
      <MyStoreCreditCard />
      {body}
    </div>
  );
}

function OrderCard({ order }: { order: OrderNode }) {
  const delivered = order.status === 'DELIVERED';
  return (
    <li className="order-card" data-testid="order-card" data-order-number={order.number}>
      <div className="order-card__head">
        <div>
          <h2 className="order-card__number mono">{order.number}</h2>
          <p className="muted order-card__meta">
            {order.merchant.name} · placed {formatDate(order.placedAt)}
            {order.deliveredAt ? ` · delivered ${formatDate(order.deliveredAt)}` : ''} · {formatMoney(order.totalMinor, order.currency)}
          </p>
        </div>
        <Badge tone={delivered ? 'success' : order.status === 'CANCELLED' ? 'neutral' : 'info'}>{humanize(order.status)}</Badge>
      </div>
      {delivered ? (
        <OrderEligibility orderId={order.id} />
      ) : (
        <>
          <ul className="order-card__items">
            {order.items.map((item) => (
              <li key={item.id}>
                {item.name} <span className="muted">× {item.quantity}</span>
              </li>
            ))}
          </ul>
          <p className="field__hint">
            {order.status === 'CANCELLED' ? 'This order was cancelled.' : order.cancellationPending ? 'This order is being cancelled; the refund is on its way.' : 'Returns open once the order is delivered.'}
            {order.cancellationReason ? <span data-testid="cancellation-reason"> Reason: {order.cancellationReason}</span> : null}
          </p>
        </>
      )}
    </li>
  );
}

function OrderEligibility({ orderId }: { orderId: string }) {
  const { data, error, loading, refetch } = useQuery(ReturnEligibilityDocument, { variables: { orderId }, fetchPolicy: 'cache-and-network' });
  const eligibility = data?.returnEligibility;
  if (!eligibility) {
    if (loading) return <p className="muted">Checking what can be returned…</p>;
    return (
      <p className="field__error" role="alert">
        Could not check this order{error ? `: ${error.message}` : ''}.{' '}
        <button type="button" className="button button--ghost button--small" onClick={() => void refetch().catch(() => undefined)}>
          Try again
        </button>
      </p>
    );
  }
  return (
    <>
      <ul className="eligibility" aria-label="What can be returned">
        {eligibility.items.map((item) => (
          <li key={item.orderItemId} className={`eligibility__item${item.eligible ? '' : ' eligibility__item--no'}`} data-testid="eligibility-item">
            <span className="eligibility__mark" aria-hidden="true">
              {item.eligible ? '✓' : '–'}
            </span>
            <span>
              <span className="eligibility__name">{item.name}</span>
              <span className="eligibility__detail">
                {item.eligible
                  ? `${item.returnableQuantity} of ${item.orderedQuantity} can be returned`
                  : item.reason ?? 'Cannot be returned.'}
              </span>
            </span>
          </li>
        ))}
      </ul>
      <div className="order-card__foot">
        {eligibility.eligible ? (
          <>
            <span className="field__hint">{eligibility.windowEndsAt ? `Return window open until ${formatDate(eligibility.windowEndsAt)}.` : ''}</span>
            <Link className="button button--primary" to={`/customer/orders/${orderId}/return`}>
              Return items
            </Link>
          </>
        ) : (
          <span className="field__hint" data-testid="not-eligible">
            {eligibility.reason ?? 'Nothing on this order can be returned now.'}
          </span>
        )}
      </div>
    </>
  );
}
