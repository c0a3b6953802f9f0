// The policy simulator's known dataset (tests/api/rule-simulation-*.test.ts): four cases of Northwind opened through
// the API at T0 (2031, a range no demo case is in), and a draft whose every rule is met by exactly one of them.
import { newCustomerWithOrder } from './fixtures.js';
import { query } from './money.js';
import type { TestServer } from './test-server.js';

const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id number } }';

export const T0 = new Date('2031-03-10T12:00:00.000Z');
export const RANGE = { from: '2031-03-01T00:00:00.000Z', to: '2031-04-01T00:00:00.000Z' };

export const DRAFT = [
  { id: 'keep-cheap', name: 'Keep cheap items', conditions: [{ field: 'itemPriceMinor', max: 3000 }], actions: [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }] },
  { id: 'credit-defective', name: 'Credit for damage', conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }] },
  { id: 'refuse-other', name: 'No "other"', conditions: [{ field: 'reason', anyOf: ['other'] }], actions: [{ type: 'REFUSE', message: 'Tell us why.' }] },
  {
    id: 'electronics-review', name: 'Electronics to review', conditions: [{ field: 'category', anyOf: ['electronics'] }],
    actions: [{ type: 'REVIEW', priority: 'HIGH' }, { type: 'RESTOCKING_FEE', percent: 0 }, { type: 'RETURN_SHIPPING_FEE', amountMinor: 500 }],
  },
];

/** The four known cases (Northwind, restocking fee 10 %, shipping refunded, every order's shipping fee 5.99). */
export async function openKnownCases(server: TestServer): Promise<{ merchantId: string; cases: Array<{ id: string; number: string }> }> {
  const [{ id: merchantId }] = await query<{ id: string }>(server.orm,
    `update merchant_profiles set restocking_fee_percent = 10, refund_shipping = true where name = 'Northwind Goods' returning id`);
  const specs: Array<[name: string, skus: Array<[string, number]>, reason: string]> = [
    ['sim.mug', [['NW-MUG-06', 1]], 'CHANGED_MIND'], // 29.99, home: kept
    ['sim.lamp', [['NW-LAMP-03', 1]], 'DEFECTIVE_DAMAGED'], // 34.99: store credit
    ['sim.jacket', [['NW-JACK-05', 1]], 'OTHER'], // 89.00: refused
    ['sim.gadgets', [['NW-HEAD-01', 1], ['NW-KETL-02', 1]], 'NOT_AS_DESCRIBED'], // 149.99 + 49.99, electronics: review
  ];
  const cases = [];
  for (const [username, skus, reason] of specs) {
    const order = await newCustomerWithOrder(server.orm, { username, merchantName: 'Northwind Goods', skus, now: T0 });
    const customer = await server.as(username);
    const items = order.items.map((item) => ({ orderItemId: item.id, quantity: 1 }));
    cases.push((await customer.ok(CREATE, { input: { orderId: order.id, items, reason, description: 'Simulated.' } })).createReturnCase);
  }
  // Opened in the same instant: the batches' keyset order must break the tie by id.
  await query(server.orm, 'update return_cases set created_at = ? where id in (?)', [T0, cases.map((c) => c.id)]);
  return { merchantId, cases };
}

