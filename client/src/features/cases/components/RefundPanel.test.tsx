import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../../gql';
import { RefundPanel, RefundPanelFragment } from './RefundPanel';

afterEach(cleanup);

const base = { __typename: 'ReturnCase', id: 'case-1', status: 'REFUND_FAILED', type: 'REFUND', outcome: 'REFUND', keepItem: false, currency: 'USD', refundAmountMinor: 2599, refundAdjustmentReason: null, refundedAt: null } as const;
const refund = { __typename: 'Refund', id: 'refund-1', state: 'PENDING', amountMinor: 2599, currency: 'USD', succeededAt: null, createdAt: '2026-11-08T10:00:00Z' } as const;
const internals = { attempts: 2, provider: 'simulated', providerRefundId: 'sim_re_123', idempotencyKey: 'case-1:refund', lastAttemptAt: '2026-11-08T10:05:00Z', lastError: 'declined' };

describe('refund card', () => {
  it("shows the customer the refund's state, amount and date, and none of the provider's internals", () => {
    // What a customer's selection holds: the API does not send the provider fields to customers.
    render(<RefundPanel returnCase={makeFragmentData({ ...base, refunds: [refund] }, RefundPanelFragment)} />);
    const card = screen.getByTestId('refund-panel').textContent!;
    expect(card).toContain('$25.99');
    expect(card).toMatch(/Issued/);
    expect(card).not.toMatch(/simulated|attempt|sim_re_|case-1:refund|idempotency|Retry refund|provider/i);
    expect(screen.queryByTestId('refund-provider')).toBeNull();
  });

  it('shows staff the provider, its reference, the attempts and the error', () => {
    render(<RefundPanel staff returnCase={makeFragmentData({ ...base, refunds: [{ ...refund, ...internals }] }, RefundPanelFragment)} />);
    expect(screen.getByTestId('refund-provider').textContent).toMatch(/^simulated · 2 attempts/);
    expect(screen.getByTestId('refund-panel').textContent).toContain('sim_re_123');
    expect(screen.getByTestId('refund-error').textContent).toBe('declined');
  });
});
