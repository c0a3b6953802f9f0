import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS, DAY_MS } from '../../server/src/shared/clock.js';
import { countRows, freshDeliveredOrders, ordersInStatus } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const CREATE = `mutation Create($input: CreateReturnCaseInput!) {
  createReturnCase(input: $input) { id number status priority type reason refundAmountMinor restockingFeeMinor slaDueAt merchantResponseDueAt createdAt version
    items { quantity orderItem { sku } } timeline { type toStatus actorLabel } }
}`;
const ELIGIBILITY = `query E($orderId: ID!) { returnEligibility(orderId: $orderId) {
  eligible reason rule windowDays daysSinceDelivery items { sku orderedQuantity claimedQuantity returnableQuantity eligible reason
  ruleMessage requiredPhotos outcomes storeCreditBonusPercent } } }`;

describe('opening a return', () => {
  let server: TestServer;
  let customer: ApiClient;
  // Each test gets a fresh copy of the demo data.
  beforeEach(async () => {
    server = await startTestServer();
    customer = await server.as('customer.one');
  });
  afterEach(() => server.close());

  it('opens a case on an eligible delivered order with its number, clocks, refund and audit record', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const headphones = order.items.find((i) => i.sku === 'NW-HEAD-01')!;
    // The server's clock (a test's ManualClock, one millisecond on per reading), not the wall's: under load a sign-in
    // can take longer than any margin on Date.now().
    const before = server.clock.now().getTime();
    const created = (await customer.ok(CREATE, {
      input: { orderId: order.id, items: [{ orderItemId: headphones.id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED', type: 'REFUND', description: ' Left cup crackles. ' },
    })).createReturnCase;
    expect(created.number).toMatch(/^RET-\d{4}-\d{6}$/);
    expect(created).toMatchObject({ status: 'SUBMITTED', priority: 'MEDIUM', type: 'REFUND', refundAmountMinor: headphones.unitPriceMinor, restockingFeeMinor: 0, version: 1 });
    const createdAt = new Date(created.createdAt).getTime();
    expect(createdAt).toBeGreaterThan(before);
    expect(createdAt).toBeLessThan(server.clock.now().getTime());
    expect(new Date(created.slaDueAt).getTime() - createdAt).toBe(120 * HOUR_MS); // medium: 120 h to resolve
    expect(new Date(created.merchantResponseDueAt).getTime() - createdAt).toBe(48 * HOUR_MS); // Northwind's policy
    expect(created.timeline).toEqual([{ type: 'case_created', toStatus: 'SUBMITTED', actorLabel: 'You' }]); // a customer reads their own actions as "You"
    expect(await countRows(server.orm, 'outbox_messages', created.id)).toBeGreaterThanOrEqual(1);
  });

  it('charges the marketplace restocking fee for a change of mind, and waives it for a defect', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.two', 'Bazaar Marketplace');
    const speaker = order.items.find((i) => i.sku === 'BZ-SPKR-03')!;
    const scarf = order.items.find((i) => i.sku === 'BZ-SCARF-02')!;
    const client = await server.as('customer.two');
    const changedMind = (await client.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: speaker.id, quantity: 1 }], reason: 'CHANGED_MIND' } })).createReturnCase;
    const fee = Math.floor((speaker.unitPriceMinor * 10 + 50) / 100);
    expect(changedMind).toMatchObject({ restockingFeeMinor: fee, refundAmountMinor: speaker.unitPriceMinor - fee });
    // The scarf is the rest of the order, and Bazaar refunds shipping: it comes with this return.
    const defect = (await client.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: scarf.id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED' } })).createReturnCase;
    expect(defect).toMatchObject({ restockingFeeMinor: 0, refundAmountMinor: scarf.unitPriceMinor + 599 });
  });

  it('refuses each broken rule with a clear, coded error and creates nothing', async () => {
    const casesBefore = await countRows(server.orm, 'return_cases');
    const [recent, old] = [(await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods'))[0], (await freshDeliveredOrders(server.orm, 'customer.one')).at(-1)!];
    const finalSale = recent.items.find((i) => i.finalSale)!;
    const mugs = recent.items.find((i) => i.sku === 'NW-MUG-06')!;

    const expired = await customer.gql(CREATE, { input: { orderId: old.id, items: [{ orderItemId: old.items[0].id, quantity: 1 }], reason: 'CHANGED_MIND' } });
    expect(errorCode(expired)).toBe('NOT_ELIGIBLE');
    expect(expired.errors![0].message).toBe('Return window expired. You can only return orders within 30 days of delivery. This order was delivered 67 days ago.');
    expect(expired.errors![0].extensions!.rule).toBe('RETURN_WINDOW_EXPIRED');

    const sale = await customer.gql(CREATE, { input: { orderId: recent.id, items: [{ orderItemId: finalSale.id, quantity: 1 }], reason: 'CHANGED_MIND' } });
    expect(errorCode(sale)).toBe('NOT_ELIGIBLE');
    expect(sale.errors![0].message).toContain('Final-sale items cannot be returned.');

    const tooMany = await customer.gql(CREATE, { input: { orderId: recent.id, items: [{ orderItemId: mugs.id, quantity: 3 }], reason: 'CHANGED_MIND' } });
    expect(errorCode(tooMany)).toBe('NOT_ELIGIBLE');
    expect(tooMany.errors![0].message).toContain('at most 2 can be returned');

    const zero = await customer.gql(CREATE, { input: { orderId: recent.id, items: [{ orderItemId: mugs.id, quantity: 0 }], reason: 'CHANGED_MIND' } });
    expect(errorCode(zero)).toBe('BAD_USER_INPUT');
    const none = await customer.gql(CREATE, { input: { orderId: recent.id, items: [], reason: 'CHANGED_MIND' } });
    expect(errorCode(none)).toBe('BAD_USER_INPUT');

    const [shipped] = await ordersInStatus(server.orm, 'customer.one', 'shipped');
    const notDelivered = await customer.gql(CREATE, { input: { orderId: shipped.id, items: [{ orderItemId: shipped.items[0].id, quantity: 1 }], reason: 'OTHER' } });
    expect(errorCode(notDelivered)).toBe('NOT_ELIGIBLE');
    expect(notDelivered.errors![0].message).toBe('Only delivered orders can be returned. This order is shipped.');

    // Another customer's order does not exist for this customer; neither does a made-up id.
    const [othersOrder] = await freshDeliveredOrders(server.orm, 'customer.two');
    const foreign = await customer.gql(CREATE, { input: { orderId: othersOrder.id, items: [{ orderItemId: othersOrder.items[0].id, quantity: 1 }], reason: 'OTHER' } });
    const missing = await customer.gql(CREATE, { input: { orderId: '00000000-0000-4000-8000-000000000000', items: [{ orderItemId: othersOrder.items[0].id, quantity: 1 }], reason: 'OTHER' } });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);

    expect(await countRows(server.orm, 'return_cases')).toBe(casesBefore);
  });

  it('answers eligibility item by item without creating anything', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const result = (await customer.ok(ELIGIBILITY, { orderId: order.id })).returnEligibility;
    expect(result).toMatchObject({ eligible: true, reason: null, windowDays: 30 });
    const bySku = Object.fromEntries(result.items.map((i: any) => [i.sku, i]));
    expect(bySku['NW-CLEAR-07']).toMatchObject({ eligible: false, reason: 'Final-sale items cannot be returned.', returnableQuantity: 0 });
    expect(bySku['NW-MUG-06']).toMatchObject({ eligible: true, orderedQuantity: 2, returnableQuantity: 2 });
    expect(bySku['NW-HEAD-01']).toMatchObject({ eligible: true, claimedQuantity: 0, returnableQuantity: 1 });
    // Northwind never saved return rules: its default set offers a refund or an exchange, asks for no photos (issue 22).
    expect(bySku['NW-HEAD-01']).toMatchObject({ ruleMessage: null, requiredPhotos: 0, outcomes: ['REFUND', 'EXCHANGE'], storeCreditBonusPercent: null });
    expect(bySku['NW-CLEAR-07']).toMatchObject({ ruleMessage: null, outcomes: [] });
    // Once a case claims the headphones, they are no longer returnable.
    await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items.find((i) => i.sku === 'NW-HEAD-01')!.id, quantity: 1 }], reason: 'OTHER' } });
    const after = (await customer.ok(ELIGIBILITY, { orderId: order.id })).returnEligibility;
    expect(after.items.find((i: any) => i.sku === 'NW-HEAD-01')).toMatchObject({ eligible: false, claimedQuantity: 1, reason: 'This item already has an open return.' });
    const old = (await freshDeliveredOrders(server.orm, 'customer.one')).at(-1)!;
    expect((await customer.ok(ELIGIBILITY, { orderId: old.id })).returnEligibility).toMatchObject({ eligible: false, rule: 'RETURN_WINDOW_EXPIRED', daysSinceDelivery: 67 });
  });

  it('lets exactly one of two racing requests claim the same item (the database constraint decides)', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const mugs = order.items.find((i) => i.sku === 'NW-MUG-06')!;
    const input = { orderId: order.id, items: [{ orderItemId: mugs.id, quantity: 1 }], reason: 'CHANGED_MIND' };
    const results = await Promise.all([customer.gql(CREATE, { input }), customer.gql(CREATE, { input }), customer.gql(CREATE, { input })]);
    const created = results.filter((r) => !r.errors);
    expect(created).toHaveLength(1);
    for (const failed of results.filter((r) => r.errors)) expect(['CONFLICT', 'NOT_ELIGIBLE']).toContain(errorCode(failed));
  });

  it('numbers concurrent cases distinctly and in sequence within the month', async () => {
    const orders = await freshDeliveredOrders(server.orm, 'customer.two', 'Northwind Goods');
    const client = await server.as('customer.two');
    const items = orders[0].items.filter((i) => !i.finalSale);
    const results = await Promise.all(items.map((item) => client.ok(CREATE, { input: { orderId: orders[0].id, items: [{ orderItemId: item.id, quantity: 1 }], reason: 'OTHER' } })));
    const numbers = results.map((r) => r.createReturnCase.number).sort();
    expect(new Set(numbers).size).toBe(items.length);
    const seq = numbers.map((n: string) => Number(n.slice(-6)));
    expect(seq.at(-1)! - seq[0]).toBe(items.length - 1);
  });

  it('lets an admin open a case on behalf of the customer, and refuses merchants and ops', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.two', 'Bazaar Marketplace');
    const input = { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'WRONG_ITEM' };
    expect(errorCode(await (await server.as('merchant.two')).gql(CREATE, { input }))).toBe('FORBIDDEN');
    expect(errorCode(await (await server.as('ops.demo')).gql(CREATE, { input }))).toBe('FORBIDDEN');
    const created = (await (await server.as('admin.demo')).ok(`mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { customer { username } timeline { actorLabel } } }`, { input })).createReturnCase;
    expect(created.customer).toEqual({ username: 'customer.two' });
    expect(created.timeline[0]).toEqual({ actorLabel: 'admin.demo' });
  });

  it('applies the window at its edge: the last day is in, the day after is out', async () => {
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Bazaar Marketplace');
    const deliveredAt = new Date((await server.orm.em.getConnection().execute<any[]>('select delivered_at from orders where id = ?', [order.id]))[0].delivered_at);
    // (Each clock reading moves it on a millisecond; the request reads it a couple of times.)
    server.clock.set(new Date(deliveredAt.getTime() + 7 * DAY_MS - 5));
    expect((await customer.ok(ELIGIBILITY, { orderId: order.id })).returnEligibility.eligible).toBe(true);
    server.clock.set(new Date(deliveredAt.getTime() + 7 * DAY_MS + 1));
    expect((await customer.ok(ELIGIBILITY, { orderId: order.id })).returnEligibility.rule).toBe('RETURN_WINDOW_EXPIRED');
    server.clock.set(new Date());
  });
});
