// Issue 22 §2, finishing touches: returnEligibility answers, per item and per reason, the fees the merchant's rules set
// (restocking fee percent, return shipping fee; null: the policy's / none) and the photos they ask for, computed as
// createReturnCase computes them, so the open-return page's estimate is the refund the case then carries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCustomerWithOrder } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const SAVE = `mutation S($m: ID!, $v: Int!, $rules: [ReturnRuleInput!]!) { saveReturnRules(merchantId: $m, expectedVersion: $v, rules: $rules) { version } }`;
const ELIGIBILITY = 'query E($id: ID!) { returnEligibility(orderId: $id) { items { sku eligible byReason { reason restockingFeePercent returnShippingFeeMinor requiredPhotos } } } }';
const CREATE = `mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) {
  keepItem restockingFeePercent returnShippingFeeMinor restockingFeeMinor refundAmountMinor } }`;

// Northwind (policy: no restocking fee): sports bought on a whim pay 20 % and 7.00 for the label; a claim that the
// goods were not as described pays nothing, whatever else applies; home goods are kept (no label, so no label fee is
// charged, though the rule names one).
const RULES = [
  { id: 'waive-described', name: 'Not as described: no fees', conditions: [{ field: 'reason', anyOf: ['not_as_described'] }], actions: [{ type: 'RESTOCKING_FEE', percent: 0 }, { type: 'RETURN_SHIPPING_FEE', amountMinor: 0 }] },
  { id: 'fees-sports', name: 'Sports, changed mind: fees', conditions: [{ field: 'category', anyOf: ['sports'] }, { field: 'reason', anyOf: ['changed_mind'] }], actions: [{ type: 'RESTOCKING_FEE', percent: 20 }, { type: 'RETURN_SHIPPING_FEE', amountMinor: 700 }] },
  { id: 'damage-photo', name: 'Damage claims: one photo', conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }], actions: [{ type: 'REQUIRE_PHOTOS', photos: 1 }] },
  { id: 'keep-home', name: 'Home goods: keep them', conditions: [{ field: 'category', anyOf: ['home'] }], actions: [{ type: 'KEEP_ITEM' }, { type: 'RETURN_SHIPPING_FEE', amountMinor: 300 }] },
];

const terms = (reason: string, restockingFeePercent: number | null, returnShippingFeeMinor: number | null, requiredPhotos = 0) =>
  ({ reason, restockingFeePercent, returnShippingFeeMinor, requiredPhotos });

describe("returnEligibility answers the rules' fees", () => {
  let server: TestServer;
  let customers = 0;
  const orderOf = async (skus: Array<[string, number]>) => {
    const username = `fees.${++customers}`;
    const order = await newCustomerWithOrder(server.orm, { username, merchantName: 'Northwind Goods', skus, now: server.clock.now() });
    return { order, customer: await server.as(username) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const [{ id }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Northwind Goods'`);
    await (await server.as('merchant.one')).ok(SAVE, { m: id, v: 0, rules: RULES });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('per reason, and the case opened with a reason carries exactly those fees', async () => {
    const { order, customer } = await orderOf([['NW-BOOT-04', 1]]);
    const [boots] = (await customer.ok(ELIGIBILITY, { id: order.id })).returnEligibility.items;
    expect(boots.byReason).toEqual([
      terms('DEFECTIVE_DAMAGED', null, null, 1),
      terms('WRONG_ITEM', null, null),
      terms('NOT_AS_DESCRIBED', 0, 0),
      terms('CHANGED_MIND', 20, 700),
      terms('OTHER', null, null),
    ]);
    // The photo the answer announces is the one createReturnCase asks for.
    const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], description: 'Sole came off' };
    expect(errorCode(await customer.gql(CREATE, { input: { ...input, reason: 'DEFECTIVE_DAMAGED' } }))).toBe('BAD_USER_INPUT');
    const opened = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'CHANGED_MIND', description: 'Too stiff' } })).createReturnCase;
    // 119.00 − 20 % (23.80) − 7.00 for the label; the policy does not refund the order's shipping.
    expect(opened).toEqual({ keepItem: false, restockingFeePercent: 20, returnShippingFeeMinor: 700, restockingFeeMinor: 2380, refundAmountMinor: 8820 });
  });

  it("a kept item's rule fee is answered but not charged (no label); an item that cannot be returned has no terms", async () => {
    const { order, customer } = await orderOf([['NW-MUG-06', 1], ['NW-CLEAR-07', 1]]);
    await server.orm.em.getConnection().execute(`update order_items set final_sale = true where order_id = ? and sku = 'NW-CLEAR-07'`, [order.id]);
    const [mugs, tote] = (await customer.ok(ELIGIBILITY, { id: order.id })).returnEligibility.items;
    // As createReturnCase takes them: the first matching rule's setting (the waiver comes before the keep rule's 3.00).
    expect(mugs.byReason).toEqual([
      terms('DEFECTIVE_DAMAGED', null, 300, 1),
      terms('WRONG_ITEM', null, 300),
      terms('NOT_AS_DESCRIBED', 0, 0),
      terms('CHANGED_MIND', null, 300),
      terms('OTHER', null, 300),
    ]);
    expect(tote).toMatchObject({ sku: 'NW-CLEAR-07', eligible: false, byReason: [] });
    const opened = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'CHANGED_MIND', description: 'Too many mugs' } })).createReturnCase;
    expect(opened).toEqual({ keepItem: true, restockingFeePercent: null, returnShippingFeeMinor: 0, restockingFeeMinor: 0, refundAmountMinor: 2999 });
  });
});
