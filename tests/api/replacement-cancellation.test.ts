// Issue 19 §15: a replacement order from an exchange is cancelled under the same order rules as any order
// (confirmed: the customer, ops or admins; processing: admins with a reason; shipped: refused). It was paid for by
// the returned goods, not by card, so nothing is refunded: it is cancelled at once, its stock restored once, and the
// exchange case records it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANCEL_ORDER, INSPECT, ORDER, SHIP_ORDER, deliveredOrder, passAllItems, providerRefunds, query, receivedCase, stockOf } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const CANCEL_WITH_REASON = 'mutation C($id: ID!, $reason: String!) { cancelOrderWithReason(id: $id, reason: $reason) { id status cancellationReason refunds { id } } }';
const EXCHANGE = 'query Q($id: ID!) { returnCase(id: $id) { status exchangeOrder { id number status } timeline { type actorLabel payload } } }';

describe('cancelling a replacement order', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let admin: ApiClient;
  beforeEach(async () => {
    server = await startTestServer();
    [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
  });
  afterEach(() => server.close());

  async function exchanged() {
    const order = await deliveredOrder(server, admin, 'customer.one');
    const [line] = order.items;
    const rc = await receivedCase({ customer, merchant }, order, 'EXCHANGE', 'DEFECTIVE_DAMAGED');
    const items = (await passAllItems(merchant, rc.id)).map((i: any) => ({ ...i, condition: 'DEFECTIVE', restockable: false }));
    await merchant.ok(INSPECT, { id: rc.id, input: { passed: true, items } });
    const replacement = (await customer.ok(EXCHANGE, { id: rc.id })).returnCase.exchangeOrder;
    return { rc, line, replacement };
  }

  it('cancels a confirmed replacement at once: no refund, stock back once, recorded on the case', async () => {
    const { rc, line, replacement } = await exchanged();
    const stock = await stockOf(server.orm, line.sku);

    const cancelled = (await customer.ok(CANCEL_ORDER, { id: replacement.id })).cancelOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationPending: false, refunds: [] });
    expect(await stockOf(server.orm, line.sku)).toBe(stock + line.quantity);
    expect(await providerRefunds(server.orm)).toEqual([]);

    const after = (await customer.ok(EXCHANGE, { id: rc.id })).returnCase;
    expect(after.status).toBe('EXCHANGED');
    expect(after.exchangeOrder.status).toBe('CANCELLED');
    const recorded = after.timeline.filter((e: any) => e.type === 'replacement_cancelled');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actorLabel: 'You' }); // the customer reads their own action as "You" (case-event-visibility.ts)
    expect(recorded[0].payload).toMatchObject({ orderId: replacement.id, orderNumber: replacement.number });

    // Asking again is refused, and neither stock nor the case record change.
    expect((await customer.gql(CANCEL_ORDER, { id: replacement.id })).errors![0].message).toBe('Order is already cancelled.');
    expect(await stockOf(server.orm, line.sku)).toBe(stock + line.quantity);
    expect((await customer.ok(EXCHANGE, { id: rc.id })).returnCase.timeline.filter((e: any) => e.type === 'replacement_cancelled')).toHaveLength(1);
  });

  it('follows the order rules: processing only by an admin with a reason, shipped refused', async () => {
    const { rc, line, replacement } = await exchanged();
    const stock = await stockOf(server.orm, line.sku);
    // Shipped (as the admin's milestone would leave it): refused to everyone, nothing changes.
    await admin.ok(SHIP_ORDER, { id: replacement.id });
    for (const client of [customer, admin]) expect(errorCode(await client.gql(CANCEL_ORDER, { id: replacement.id }))).toBe('INVALID_TRANSITION');
    expect(errorCode(await admin.gql(CANCEL_WITH_REASON, { id: replacement.id, reason: 'late' }))).toBe('INVALID_TRANSITION');
    expect((await customer.ok(ORDER, { id: replacement.id })).order.status).toBe('SHIPPED');
    expect(await stockOf(server.orm, line.sku)).toBe(stock);

    // Processing (set directly: no operation moves an order there yet).
    await query(server.orm, "update orders set status = 'processing', shipped_at = null where id = ?", [replacement.id]);
    expect((await customer.gql(CANCEL_ORDER, { id: replacement.id })).errors![0].message).toBe('Order is being processed. Contact support.');

    const reason = 'The replacement model is discontinued; the returns team will contact you.';
    const cancelled = (await admin.ok(CANCEL_WITH_REASON, { id: replacement.id, reason })).cancelOrderWithReason;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: reason, refunds: [] });
    expect(await stockOf(server.orm, line.sku)).toBe(stock + line.quantity);
    const event = (await admin.ok(EXCHANGE, { id: rc.id })).returnCase.timeline.find((e: any) => e.type === 'replacement_cancelled');
    expect(event).toMatchObject({ actorLabel: 'admin.demo', payload: expect.objectContaining({ note: reason }) });

  });
});
