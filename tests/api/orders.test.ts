// Orders (SPEC §3): scoped reads, cancellation by status with the exact messages, the cancellation refund and
// stock rolled back exactly once, and the admin's shipping milestones.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANCEL_ORDER, DELIVER_ORDER, ORDER, SHIP_ORDER, providerEvents, providerRefunds, query, simulatedProvider, stockOf } from '../helpers/money.js';
import { ordersInStatus } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const ORDERS = 'query L($first: Int, $after: String) { orders(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id number merchant { name } } } } }';

describe('orders', () => {
  let server: TestServer;
  let customer: ApiClient;
  let admin: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    [customer, admin] = await Promise.all([server.as('customer.one'), server.as('admin.demo')]);
  });
  afterEach(() => server.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await query<{ n: string }>(server.orm, sql, params))[0].n);

  it('shows each viewer its own orders: customer, merchant (and its partner token), all for staff; others get NOT_FOUND', async () => {
    const [merchant, ops, other] = await Promise.all([server.as('merchant.one'), server.as('ops.demo'), server.as('customer.two')]);
    const token = (await merchant.ok('mutation { createApiToken(name: "orders") { secret } }')).createApiToken.secret;
    const partner = server.withToken(token);
    const total = await count('select count(*) as n from orders');
    const own = await count(`select count(*) as n from orders o join users u on u.id = o.customer_id where u.username = 'customer.one'`);
    const northwind = await count(`select count(*) as n from orders o join merchant_profiles m on m.id = o.merchant_id where m.name = 'Northwind Goods'`);

    expect((await customer.ok(ORDERS, { first: 100 })).orders.totalCount).toBe(own);
    expect((await ops.ok(ORDERS, { first: 100 })).orders.totalCount).toBe(total);
    for (const client of [merchant, partner]) {
      const page = (await client.ok(ORDERS, { first: 100 })).orders;
      expect(page.totalCount).toBe(northwind);
      expect(new Set(page.edges.map((e: any) => e.node.merchant.name))).toEqual(new Set(['Northwind Goods']));
    }

    // Keyset pages walk every order once, newest first.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await customer.ok(ORDERS, { first: 4, after })).orders;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(own);
    expect(new Set(seen).size).toBe(own);
    expect(errorCode(await customer.gql(ORDERS, { first: 2, after: 'garbage' }))).toBe('BAD_USER_INPUT');

    const [mine] = await ordersInStatus(server.orm, 'customer.one', 'delivered');
    const hidden = await other.gql(ORDER, { id: mine.id });
    const missing = await other.gql(ORDER, { id: '00000000-0000-4000-8000-000000000000' });
    expect(errorCode(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors![0].message).toBe(missing.errors![0].message);
    expect((await customer.ok(ORDER, { id: mine.id })).order.items.length).toBeGreaterThan(0);
  });

  it('cancels a pending order at once: no refund, no stock change', async () => {
    const [pending] = await ordersInStatus(server.orm, 'customer.one', 'pending');
    const stock = await stockOf(server.orm, pending.items[0].sku);
    const cancelled = (await customer.ok(CANCEL_ORDER, { id: pending.id })).cancelOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationPending: false, refunds: [] });
    expect(cancelled.cancelledAt).toBeTruthy();
    expect(await stockOf(server.orm, pending.items[0].sku)).toBe(stock);
    expect(await providerRefunds(server.orm)).toEqual([]);
    const again = await customer.gql(CANCEL_ORDER, { id: pending.id });
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    expect(again.errors![0].message).toBe('Order is already cancelled.');
  });

  it('refunds a confirmed order in full with <orderId>:cancel, stays CONFIRMED while pending, then CANCELLED with stock back exactly once', async () => {
    const [confirmed] = await ordersInStatus(server.orm, 'customer.one', 'confirmed');
    const sku = confirmed.items[0].sku;
    const stock = await stockOf(server.orm, sku);
    const before = (await customer.ok(ORDER, { id: confirmed.id })).order;
    const full = before.subtotalMinor + before.shippingFeeMinor + before.taxMinor;
    expect(full).toBe(before.totalMinor);

    const pending = (await customer.ok(CANCEL_ORDER, { id: confirmed.id })).cancelOrder;
    expect(pending).toMatchObject({ status: 'CONFIRMED', cancellationPending: true, cancelledAt: null, refunds: [{ amountMinor: full, state: 'PENDING' }] });
    const keys = (await admin.ok('query O($id: ID!) { order(id: $id) { refunds { idempotencyKey } } }', { id: confirmed.id })).order.refunds;
    expect(keys).toEqual([{ idempotencyKey: `${confirmed.id}:cancel` }]);
    // Asking again pays nothing more; the order cannot ship meanwhile.
    expect((await customer.ok(CANCEL_ORDER, { id: confirmed.id })).cancelOrder.refunds).toHaveLength(1);
    expect(errorCode(await admin.gql(SHIP_ORDER, { id: confirmed.id }))).toBe('CONFLICT');
    expect(await stockOf(server.orm, sku)).toBe(stock);

    await simulatedProvider(server).settlePendingRefunds();
    const done = (await customer.ok(ORDER, { id: confirmed.id })).order;
    expect(done).toMatchObject({ status: 'CANCELLED', cancellationPending: false, refunds: [{ state: 'SUCCEEDED', amountMinor: full }] });
    expect(await stockOf(server.orm, sku)).toBe(stock + confirmed.items[0].quantity);

    // A replayed confirmation and a repeated request change neither money nor stock.
    const [event] = await providerEvents(server.orm, `${confirmed.id}:cancel`);
    const replay = await fetch(`${server.url}/webhooks/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'returnhub-simulated-signature': simulatedProvider(server).sign(event.body) },
      body: event.body,
    });
    expect(replay.status).toBe(200);
    const again = await customer.gql(CANCEL_ORDER, { id: confirmed.id });
    expect(again.errors![0].message).toBe('Order is already cancelled.');
    expect(await stockOf(server.orm, sku)).toBe(stock + confirmed.items[0].quantity);
    expect((await providerRefunds(server.orm)).map((r) => [r.idempotency_key, r.amount_minor])).toEqual([[`${confirmed.id}:cancel`, full]]);
  });

  it('refuses to cancel processing and shipped orders with the exact messages, and changes nothing', async () => {
    const [processing] = await ordersInStatus(server.orm, 'customer.one', 'processing');
    const [shipped] = await ordersInStatus(server.orm, 'customer.one', 'shipped');
    const [delivered] = await ordersInStatus(server.orm, 'customer.one', 'delivered');
    const answers = await Promise.all([processing, shipped, delivered].map((o) => customer.gql(CANCEL_ORDER, { id: o.id })));
    expect(answers.map((a) => [errorCode(a), a.errors![0].message])).toEqual([
      ['INVALID_TRANSITION', 'Order is being processed. Contact support.'],
      ['INVALID_TRANSITION', 'Cannot cancel shipped orders. Wait for delivery to request return.'],
      ['INVALID_TRANSITION', 'Delivered orders cannot be cancelled. Request a return instead.'],
    ]);
    expect((await customer.ok(ORDER, { id: processing.id })).order.status).toBe('PROCESSING');
    expect(await count('select count(*) as n from refunds where order_id in (?, ?, ?)', [processing.id, shipped.id, delivered.id])).toBe(0);
    // Another customer's order does not exist for this customer.
    const [theirs] = await ordersInStatus(server.orm, 'customer.two', 'pending');
    expect(errorCode(await customer.gql(CANCEL_ORDER, { id: theirs.id }))).toBe('NOT_FOUND');
  });

  it('lets an admin ship and deliver an order in order, setting the milestones', async () => {
    const [pending] = await ordersInStatus(server.orm, 'customer.one', 'pending');
    const [confirmed] = await ordersInStatus(server.orm, 'customer.one', 'confirmed');
    expect(errorCode(await admin.gql(SHIP_ORDER, { id: pending.id }))).toBe('INVALID_TRANSITION');
    expect(errorCode(await admin.gql(DELIVER_ORDER, { id: confirmed.id }))).toBe('INVALID_TRANSITION');
    const shipped = (await admin.ok(SHIP_ORDER, { id: confirmed.id })).markOrderShipped;
    expect(shipped.status).toBe('SHIPPED');
    server.clock.advance(60_000);
    const delivered = (await admin.ok(DELIVER_ORDER, { id: confirmed.id })).markOrderDelivered;
    expect(delivered.status).toBe('DELIVERED');
    expect(new Date(delivered.deliveredAt).getTime()).toBeGreaterThan(new Date(shipped.shippedAt).getTime());
    expect(errorCode(await admin.gql(DELIVER_ORDER, { id: confirmed.id }))).toBe('INVALID_TRANSITION');
  });
});
