/** A case as the case pages read it (CaseDetail): every field of every fragment, as the API would answer. */
export function caseDetail(overrides: Record<string, unknown> = {}, { staff = true } = {}): Record<string, unknown> {
  const user = (id: string, displayName: string, role: string) => ({ __typename: 'User', id, displayName, role });
  return {
    __typename: 'ReturnCase',
    id: 'case-1',
    number: 'RET-2611-000007',
    status: 'IN_REVIEW',
    version: 4,
    priority: 'MEDIUM',
    type: 'REFUND',
    reason: 'DEFECTIVE_DAMAGED',
    description: 'The left earcup crackles.',
    slaDueAt: '2030-01-01T00:00:00.000Z',
    slaBreached: false,
    merchantResponseDueAt: '2030-01-01T00:00:00.000Z',
    createdAt: '2026-11-01T10:00:00.000Z',
    firstResponseAt: '2026-11-01T12:00:00.000Z',
    decidedAt: null,
    disputedAt: null,
    shippedAt: null,
    receivedAt: null,
    inspectedAt: null,
    refundedAt: null,
    closedAt: null,
    currency: 'USD',
    refundAmountMinor: 14999,
    restockingFeeMinor: 0,
    decisionReason: null,
    carrier: null,
    trackingNumber: null,
    assignee: null,
    customer: { __typename: 'User', id: 'cust-1', displayName: 'Chloe Carter', email: 'chloe@example.test' },
    merchant: { __typename: 'MerchantProfile', id: 'm1', name: 'Northwind Goods', responseSlaHours: 48, slaTimeoutAction: 'ESCALATE', returnWindowDays: 30 },
    order: { __typename: 'Order', id: 'o1', number: 'ORD-100048', placedAt: '2026-10-25T10:00:00.000Z', deliveredAt: '2026-10-28T10:00:00.000Z' },
    items: [
      {
        __typename: 'ReturnItem',
        id: 'ri1',
        quantity: 1,
        condition: null,
        restockable: null,
        orderItem: { __typename: 'OrderItem', id: 'oi1', name: 'Noise-cancelling headphones', sku: 'NW-HEAD-01', unitPriceMinor: 14999 },
      },
    ],
    availableTransitions: [
      { __typename: 'AvailableTransition', to: 'APPROVED', action: 'Approve', requiresNote: false, operation: 'transitionReturnCase' },
      { __typename: 'AvailableTransition', to: 'REJECTED', action: 'Reject', requiresNote: true, operation: 'transitionReturnCase' },
    ],
    messages: [{ __typename: 'CaseNote', id: 'n1', body: 'Hello, it crackles.', visibility: 'MESSAGE', createdAt: '2026-11-01T10:05:00.000Z', author: user('cust-1', 'Chloe Carter', 'CUSTOMER') }],
    ...(staff
      ? {
          internalNotes: [{ __typename: 'CaseNote', id: 'n2', body: 'Second claim this month.', visibility: 'INTERNAL', createdAt: '2026-11-01T11:00:00.000Z', author: user('ops-1', 'Oscar Ops', 'OPS') }],
          risk: {
            __typename: 'RiskScore',
            id: 'risk-1',
            score: 0.82,
            label: 'HIGH',
            modelVersion: 'escalation-lr-1.0.0',
            scoredAt: '2026-11-01T10:00:01.000Z',
            reasonCodes: [{ __typename: 'RiskReason', code: 'CUSTOMER_PRIOR_DISPUTES', text: 'The customer disputed before', contribution: 1.2 }],
          },
        }
      : {}),
    timeline: [{ __typename: 'CaseEvent', id: 'e1', type: 'case_created', actorLabel: 'customer.one', fromStatus: null, toStatus: 'SUBMITTED', payload: {}, createdAt: '2026-11-01T10:00:00.000Z' }],
    ...overrides,
  };
}
