import type { CaseTable_CaseFragment } from '../gql/graphql';

/** A case as the console's table reads it; override what a test is about. */
export function caseFixture(overrides: Partial<CaseTable_CaseFragment> = {}): CaseTable_CaseFragment {
  return {
    __typename: 'ReturnCase',
    id: 'case-1',
    number: 'RET-2611-000001',
    status: 'WAITING_MERCHANT',
    priority: 'URGENT',
    type: 'REFUND',
    createdAt: '2026-11-20T10:00:00.000Z',
    refundAmountMinor: 18498,
    currency: 'USD',
    customer: { __typename: 'User', id: 'u1', displayName: 'Chloe Carter' },
    merchant: { __typename: 'MerchantProfile', id: 'm1', name: 'Northwind Goods' },
    order: { __typename: 'Order', id: 'o1', number: 'ORD-100048' },
    items: [{ __typename: 'ReturnItem', id: 'i1', quantity: 2, orderItem: { __typename: 'OrderItem', id: 'oi1', name: 'Trail shoes' } }],
    ...overrides,
  };
}
