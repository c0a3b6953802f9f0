import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../../app/apollo';
import { demoViewer, graphqlError, mockLink, renderApp, viewerAnswer } from '../../test/render-app';
import { describeEvent } from '../cases/components/Timeline';
import { CustomerCreditCard } from './CustomerCreditCard';
import { StoreCreditAccountList, describeMovement } from './StoreCreditAccounts';

const movement = (id: string, kind: 'ISSUED' | 'BONUS' | 'SPENT', amountMinor: number, balanceAfterMinor: number, over: Record<string, unknown> = {}) => ({
  __typename: 'StoreCreditMovement' as const,
  id,
  kind,
  amountMinor,
  balanceAfterMinor,
  caseId: null,
  caseNumber: null,
  orderNumber: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

const northwind = {
  __typename: 'StoreCreditAccount' as const,
  merchantId: 'm1',
  merchantName: 'Northwind Goods',
  currency: 'USD',
  balanceMinor: 4_000,
  issuedMinor: 5_000,
  bonusMinor: 500,
  spentMinor: 1_500,
  history: [
    movement('mv3', 'SPENT', -1_500, 4_000, { orderNumber: 'ORD-1001' }),
    movement('mv2', 'BONUS', 500, 5_500, { caseId: 'c1', caseNumber: 'RET-2612-000001' }),
    movement('mv1', 'ISSUED', 5_000, 5_000, { caseId: 'c1', caseNumber: 'RET-2612-000001' }),
  ],
};

describe('store credit accounts', () => {
  it('shows each account with its balance, totals and history, newest first, linking movements to their case', () => {
    render(
      <MemoryRouter>
        <StoreCreditAccountList accounts={[northwind]} caseHref={(id) => `/customer/${id}`} emptyText="None" />
      </MemoryRouter>,
    );
    const account = screen.getByTestId('credit-account');
    expect(within(account).getByTestId('credit-balance').textContent).toBe('$40.00');
    expect(account.textContent).toContain('Issued $50.00 · bonus $5.00 · spent $15.00');
    const rows = within(account).getAllByTestId('credit-movement').map((row) => Array.from(row.querySelectorAll('td')).slice(1).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Spent · order ORD-1001', '-$15.00', '$40.00'],
      ['Bonus · return RET-2612-000001', '+$5.00', '$55.00'],
      ['Credit issued · return RET-2612-000001', '+$50.00', '$50.00'],
    ]);
    expect(within(account).getByRole('link', { name: 'Bonus · return RET-2612-000001' }).getAttribute('href')).toBe('/customer/c1');
  });

  it('says when there is no credit, and words credit given back from a cancelled order', () => {
    render(<StoreCreditAccountList accounts={[]} emptyText="No store credit." />);
    expect(screen.getByText('No store credit.')).toBeTruthy();
    expect(describeMovement({ kind: 'ISSUED', caseNumber: null, orderNumber: 'ORD-9' })).toBe('Credit given back (order ORD-9 cancelled)');
  });

  it("shows the customer their credit on the orders page", async () => {
    const orders = () => ({ data: { orders: { __typename: 'OrderConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } });
    const customer = viewerAnswer(demoViewer('CUSTOMER', { id: 'cust-1' }));
    renderApp('/customer/orders', { Viewer: customer, CustomerOrders: orders, MyStoreCredit: () => ({ data: { me: { __typename: 'User', id: 'cust-1', storeCredit: [northwind] } } }) });
    const card = await screen.findByTestId('my-store-credit');
    expect(within(card).getByRole('heading', { name: 'Your store credit' })).toBeTruthy();
    expect(within(card).getByTestId('credit-balance').textContent).toBe('$40.00');
  });

  it('renders nothing for a customer without credit', async () => {
    const asked = vi.fn(() => ({ data: { me: { __typename: 'User', id: 'cust-2', storeCredit: [] } } }));
    const orders = () => ({ data: { orders: { __typename: 'OrderConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } });
    renderApp('/customer/orders', { Viewer: viewerAnswer(demoViewer('CUSTOMER', { id: 'cust-2' })), CustomerOrders: orders, MyStoreCredit: asked });
    await screen.findByText('No orders yet');
    await waitFor(() => expect(asked).toHaveBeenCalled());
    expect(screen.queryByTestId('my-store-credit')).toBeNull();
  });

  it("shows staff the case customer's credit, and says so when it cannot be loaded", async () => {
    const asked = vi.fn((variables: Record<string, unknown>) => (variables.customerId === 'cust-1' ? { data: { storeCreditAccounts: [northwind] } } : graphqlError('NOT_FOUND', 'Customer not found.')));
    const client = createApolloClient(mockLink({ CustomerStoreCredit: asked }));
    const { rerender } = render(
      <ApolloProvider client={client}>
        <MemoryRouter>
          <CustomerCreditCard customerId="cust-1" role="OPS" />
        </MemoryRouter>
      </ApolloProvider>,
    );
    const card = screen.getByTestId('customer-store-credit');
    await waitFor(() => expect(within(card).getByTestId('credit-balance').textContent).toBe('$40.00'));
    expect(within(card).getAllByRole('link')[0].getAttribute('href')).toBe('/ops/c1');
    rerender(
      <ApolloProvider client={client}>
        <MemoryRouter>
          <CustomerCreditCard customerId="cust-404" role="OPS" />
        </MemoryRouter>
      </ApolloProvider>,
    );
    expect(await within(screen.getByTestId('customer-store-credit')).findByText('The store credit could not be loaded.')).toBeTruthy();
  });

  it('words store-credit events on the case timeline', () => {
    const event = (type: string, payload: Record<string, unknown>) => ({ type, payload, fromStatus: null, toStatus: null });
    expect(describeEvent(event('store_credit_issued', { amountMinor: 5_000, bonusMinor: 500, currency: 'USD', balanceMinor: 5_500 }))).toEqual({ title: 'Store credit issued: $50.00 + $5.00 bonus', detail: 'Balance $55.00', kind: 'other' });
    expect(describeEvent(event('store_credit_spent', { amountMinor: 250, currency: 'USD', balanceMinor: 50, orderId: 'o1' }), 'CUSTOMER')).toEqual({ title: 'Store credit spent: $2.50', detail: 'Balance $0.50', kind: 'other' });
  });
});
