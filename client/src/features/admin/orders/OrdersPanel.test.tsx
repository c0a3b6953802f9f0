import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { demoViewer, graphqlError, renderApp, viewerAnswer } from '../../../test/render-app';

const order = (id: string, number: string, status: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Order' as const,
  id,
  number,
  status,
  placedAt: '2026-11-20T09:00:00.000Z',
  currency: 'USD',
  totalMinor: 4200,
  cancellationPending: false,
  cancellationReason: null,
  merchant: { __typename: 'MerchantProfile' as const, id: 'm1', name: 'Northwind Goods' },
  ...extra,
});

const ordersAnswer = () => ({
  data: {
    orders: {
      __typename: 'OrderConnection',
      totalCount: 3,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      edges: [order('o1', 'ORD-1', 'PROCESSING'), order('o2', 'ORD-2', 'SHIPPED'), order('o3', 'ORD-3', 'CONFIRMED', { cancellationPending: true })].map((node) => ({
        __typename: 'OrderEdge',
        cursor: `c-${node.id}`,
        node,
      })),
    },
  },
});

describe('admin › orders', () => {
  it('cancels a processing order with a required reason, and shows the result', async () => {
    const cancel = vi.fn((variables: Record<string, unknown>) =>
      variables.reason === 'boom'
        ? graphqlError('CONFLICT', 'No payment was found for this order, so it cannot be refunded. Contact support.')
        : { data: { cancelOrderWithReason: { __typename: 'Order', id: 'o1', status: 'PROCESSING', cancellationPending: true, cancellationReason: String(variables.reason) } } },
    );
    renderApp('/admin/orders', { Viewer: viewerAnswer(demoViewer('ADMIN')), AdminOrders: ordersAnswer, CancelOrderWithReason: cancel });

    const rows = await screen.findAllByTestId('order-row', {}, { timeout: 5000 });
    // Only orders not shipped and not already being cancelled offer the action.
    expect(rows.map((r) => within(r).queryByRole('button', { name: /Cancel order/ }) !== null)).toEqual([true, false, false]);

    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Cancel order… ORD-1' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Give a reason: the customer sees it.');
    expect(cancel).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Reason (the customer sees it)'), { target: { value: 'boom' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    expect(await within(dialog).findByText(/No payment was found/)).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Reason (the customer sees it)'), { target: { value: '  Damaged in the warehouse.  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel order' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(cancel).toHaveBeenLastCalledWith({ id: 'o1', reason: 'Damaged in the warehouse.' });
    const updated = screen.getAllByTestId('order-row')[0];
    expect(within(updated).getByText('Being cancelled')).toBeTruthy();
    expect(within(updated).getByTestId('order-cancellation-reason').textContent).toBe('Damaged in the warehouse.');
    expect(within(updated).queryByRole('button', { name: /Cancel order/ })).toBeNull();
  });
});
