import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { type NextStepInput, customerNextStep, merchantNextStep } from './next-steps';

// The deadlines in these sentences are the API's (ReturnCase.shipBy and disputableUntil, computed from the rules it
// enforces); the client adds no days of its own. A server deadline that moves shows up here unchanged.
const base: NextStepInput = {
  status: 'REJECTED',
  type: 'REFUND',
  refundAmountMinor: 2500,
  currency: 'USD',
  merchant: { name: 'Northwind Goods', slaTimeoutAction: 'ESCALATE' },
};
const now = Date.parse('2026-11-03T00:00:00.000Z');

describe('next steps show the deadlines the API serves', () => {
  it('a rejection: the dispute deadline from disputableUntil, for the customer and the merchant', () => {
    const rc = { ...base, disputableUntil: '2026-11-20T08:30:00.000Z' };
    const until = formatDateTime('2026-11-20T08:30:00.000Z');
    expect(customerNextStep(rc).text).toContain(`until ${until}`);
    expect(merchantNextStep(rc, now).text).toBe(`The customer can dispute your decision until ${until}; the returns team then decides.`);
  });

  it('a rejection the API no longer lets anyone dispute: no deadline is invented', () => {
    const rc = { ...base, disputableUntil: null };
    expect(customerNextStep(rc).text).toBe('The decision stands.');
    expect(merchantNextStep(rc, now).text).toBe('The decision stands.');
  });

  it('an approval: the shipping deadline from shipBy; an expiry names the deadline that passed', () => {
    const approved = { ...base, status: 'APPROVED' as const, shipBy: '2026-11-15T12:00:00.000Z' };
    const by = formatDateTime('2026-11-15T12:00:00.000Z');
    expect(customerNextStep(approved).text).toContain(`ship them by ${by}.`);
    expect(merchantNextStep(approved, now).text).toBe(`The customer has until ${by} to ship the items back to your returns warehouse.`);
    expect(customerNextStep({ ...approved, status: 'EXPIRED' }).text).toBe(`The items were not shipped by ${by}.`);
  });

  it('a store-credit case says the money goes to the store credit with the shop, bonus included, never to the payment method', () => {
    const credit = { ...base, outcome: 'STORE_CREDIT' as const, storeCreditBonusPercent: 10, refundAmountMinor: 1299 };
    expect(customerNextStep({ ...credit, status: 'REFUNDED' })).toEqual({
      title: 'Store credit added',
      text: `${formatMoney(1299, 'USD')} plus a 10 % bonus was added to your store credit with Northwind Goods. Spend it on your next order with them; the balance is on Your orders.`,
    });
    expect(customerNextStep({ ...credit, status: 'REFUND_PENDING' }).text).not.toContain('payment method');
    expect(customerNextStep({ ...credit, status: 'RECEIVED' }).text).toContain(`you get store credit of ${formatMoney(1299, 'USD')} plus a 10 % bonus.`);
    expect(customerNextStep({ ...base, status: 'REFUNDED' }).text).toContain('paid back to your original payment method');
  });
});
