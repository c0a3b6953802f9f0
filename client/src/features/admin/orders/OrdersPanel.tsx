import { NetworkStatus } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Badge, humanize } from '../../../components/Badge';
import { Dialog } from '../../../components/Dialog';
import { Spinner } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminOrdersQuery } from '../../../gql/graphql';
import { formatDate } from '../../../lib/dates';
import { describeApiError } from '../../../lib/errors';
import { formatMoney } from '../../../lib/money';
import { AdminTable, ListCard, ListStates, type Column } from '../components/AdminTable';

export const AdminOrdersDocument = graphql(`
  query AdminOrders($after: String) {
    orders(first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          number
          status
          placedAt
          currency
          totalMinor
          cancellationPending
          cancellationReason
          merchant {
            id
            name
          }
        }
      }
    }
  }
`);

const CancelOrderWithReasonDocument = graphql(`
  mutation CancelOrderWithReason($id: ID!, $reason: String!) {
    cancelOrderWithReason(id: $id, reason: $reason) {
      id
      status
      cancellationPending
      cancellationReason
    }
  }
`);

type OrderRow = AdminOrdersQuery['orders']['edges'][number]['node'];

/** Orders the returns team may still cancel: not shipped, not cancelled, not already being cancelled. */
export const cancellable = (order: Pick<OrderRow, 'status' | 'cancellationPending'>): boolean =>
  ['PENDING', 'CONFIRMED', 'PROCESSING'].includes(order.status) && !order.cancellationPending;

const MAX_REASON = 1000;

/** The reason dialog: the customer sees the reason, so one is required. */
function CancelOrderDialog({ order, onClose }: { order: OrderRow; onClose: () => void }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [cancel, { loading }] = useMutation(CancelOrderWithReasonDocument);
  const submit = () => {
    if (!reason.trim()) {
      setProblem('Give a reason: the customer sees it.');
      return;
    }
    setProblem(null);
    cancel({ variables: { id: order.id, reason: reason.trim() } })
      .then(() => onClose())
      .catch((error: unknown) => setProblem(describeApiError(error).message));
  };
  return (
    <Dialog
      title={`Cancel order ${order.number}?`}
      description="The customer is refunded in full through the payment provider, the items go back into stock, and the customer is e-mailed the reason."
      busy={loading}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose} disabled={loading}>
            Keep the order
          </button>
          <button type="button" className="button button--danger-solid" disabled={loading} onClick={submit}>
            {loading ? <Spinner size="sm" /> : null}
            Cancel order
          </button>
        </>
      }
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-reason`}>
          Reason (the customer sees it)
        </label>
        <textarea
          id={`${id}-reason`}
          className="field__input"
          data-autofocus
          rows={3}
          maxLength={MAX_REASON}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {problem ? (
          <p id={`${id}-problem`} className="field__error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Admin › Orders: every order, newest first, with "Cancel order" for those not yet shipped (a processing one too). */
export function OrdersPanel() {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminOrdersDocument, { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const [cancelling, setCancelling] = useState<OrderRow | null>(null);
  const connection = data?.orders;
  const rows = connection?.edges.map((e) => e.node) ?? [];
  const columns: Column<OrderRow>[] = [
    {
      header: 'Order',
      className: 'case-table__case',
      cell: (o) => (
        <>
          <span className="mono">{o.number}</span>
          <span className="case-table__detail">{o.merchant.name}</span>
        </>
      ),
    },
    {
      header: 'Status',
      cell: (o) => (
        <>
          <Badge tone={o.status === 'CANCELLED' ? 'neutral' : o.cancellationPending ? 'warning' : 'info'}>{o.cancellationPending ? 'Being cancelled' : humanize(o.status)}</Badge>
          {o.cancellationReason ? <span className="case-table__detail" data-testid="order-cancellation-reason">{o.cancellationReason}</span> : null}
        </>
      ),
    },
    { header: 'Total', cell: (o) => formatMoney(o.totalMinor, o.currency) },
    { header: 'Placed', className: 'case-table__date', cell: (o) => formatDate(o.placedAt) },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'admin-table__action',
      cell: (o) =>
        cancellable(o) ? (
          <button type="button" className="button button--danger button--small" aria-haspopup="dialog" onClick={() => setCancelling(o)}>
            Cancel order…<span className="visually-hidden"> {o.number}</span>
          </button>
        ) : null,
    },
  ];
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  return (
    <div className="stack-lg">
      <ListCard
        id="orders-title"
        title="Orders"
        count={connection ? `${connection.totalCount} ${connection.totalCount === 1 ? 'order' : 'orders'}` : undefined}
        footer={
          connection?.pageInfo.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={loadingMore}
              onClick={() =>
                void fetchMore({
                  variables: { after: connection.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({ orders: { ...fetchMoreResult.orders, edges: [...previous.orders.edges, ...fetchMoreResult.orders.edges] } }),
                }).catch(() => undefined)
              }
            >
              {loadingMore ? <Spinner size="sm" /> : null}
              Show more orders
            </button>
          ) : undefined
        }
      >
        <ListStates
          hasData={Boolean(connection)}
          loading={loading}
          error={error}
          onRetry={() => void refetch().catch(() => undefined)}
          isEmpty={rows.length === 0}
          loadingLabel="Loading orders…"
          errorTitle="Orders could not be loaded"
          empty={{ title: 'No orders yet' }}
        >
          <AdminTable caption="Orders" columns={columns} rows={rows} rowKey={(o) => o.id} rowTestId="order-row" />
        </ListStates>
      </ListCard>
      {cancelling ? <CancelOrderDialog order={cancelling} onClose={() => setCancelling(null)} /> : null}
    </div>
  );
}
