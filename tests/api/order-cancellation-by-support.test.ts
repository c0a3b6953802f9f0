// Issue 19 §14: a processing order, which the customer cannot cancel ("Contact support."), is cancelled by an admin
// with a reason — through the same path as a confirmed order's cancellation: a full refund through the payment
// provider, stock rolled back once the refund succeeds, recorded on the order, and the customer e-mailed.
import { describe, expect, it } from 'vitest';
import { ordersInStatus } from '../helpers/fixtures.js';
import { useJobHarness } from '../helpers/job-harness.js';
import { CANCEL_ORDER, SHIP_ORDER, providerRefunds, query, simulatedProvider, stockOf } from '../helpers/money.js';
import { errorCode } from '../helpers/test-server.js';

const CANCEL_WITH_REASON = `mutation C($id: ID!, $reason: String!) { cancelOrderWithReason(id: $id, reason: $reason) {
  id status cancellationPending cancellationReason cancelledAt refunds { idempotencyKey amountMinor state } events { type reason createdAt } } }`;
const ORDER_RECORD = 'query O($id: ID!) { order(id: $id) { status cancellationReason events { type reason } } }';
const ORDER_RECORD_STAFF = 'query O($id: ID!) { order(id: $id) { events { type reason actorLabel } } }';

describe('an admin cancels a processing order with a reason', () => {
  const harness = useJobHarness('admin.demo');

  it('refunds in full, restores stock once the refund succeeds, records the reason, and e-mails the customer once', async () => {
    const { server, worker, user: admin } = harness;
    const customer = await server.as('customer.one');
    const [processing] = await ordersInStatus(server.orm, 'customer.one', 'processing');
    const sku = processing.items[0].sku;
    const stock = await stockOf(server.orm, sku);
    const [{ total_minor: total }] = await query<{ total_minor: number }>(server.orm, 'select total_minor from orders where id = ?', [processing.id]);

    // The customer still cannot; an admin without a reason changes nothing.
    expect((await customer.gql(CANCEL_ORDER, { id: processing.id })).errors![0].message).toBe('Order is being processed. Contact support.');
    for (const reason of ['', '   ', 'x'.repeat(1001)]) expect(errorCode(await admin.gql(CANCEL_WITH_REASON, { id: processing.id, reason }))).toBe('BAD_USER_INPUT');
    expect(await query(server.orm, 'select id from refunds where order_id = ?', [processing.id])).toEqual([]);
    expect(await query(server.orm, 'select id from order_events where order_id = ?', [processing.id])).toEqual([]);

    const reason = 'The warehouse found the item damaged before packing.';
    const pending = (await admin.ok(CANCEL_WITH_REASON, { id: processing.id, reason })).cancelOrderWithReason;
    expect(pending).toMatchObject({
      status: 'PROCESSING',
      cancellationPending: true,
      cancellationReason: reason,
      refunds: [{ idempotencyKey: `${processing.id}:cancel`, amountMinor: total, state: 'PENDING' }],
      events: [{ type: 'cancelled_by_support', reason }],
    });
    // Asking again pays and records nothing more; the order cannot ship meanwhile.
    expect((await admin.ok(CANCEL_WITH_REASON, { id: processing.id, reason: 'again' })).cancelOrderWithReason.events).toHaveLength(1);
    expect(errorCode(await admin.gql(SHIP_ORDER, { id: processing.id }))).toBe('CONFLICT');
    expect(await stockOf(server.orm, sku)).toBe(stock);

    await simulatedProvider(server).settlePendingRefunds();
    expect(await customer.ok(ORDER_RECORD, { id: processing.id })).toEqual({
      order: { status: 'CANCELLED', cancellationReason: reason, events: [{ type: 'cancelled_by_support', reason }] },
    });
    expect(await stockOf(server.orm, sku)).toBe(stock + processing.items[0].quantity);
    expect((await providerRefunds(server.orm)).map((r) => [r.idempotency_key, r.amount_minor])).toEqual([[`${processing.id}:cancel`, total]]);
    // Who did it is for staff; the customer gets FORBIDDEN on that field.
    expect((await admin.ok(ORDER_RECORD_STAFF, { id: processing.id })).order.events).toEqual([{ type: 'cancelled_by_support', reason, actorLabel: 'admin.demo' }]);
    expect(errorCode(await customer.gql(ORDER_RECORD_STAFF, { id: processing.id }))).toBe('FORBIDDEN');

    // The customer hears about it once, with the reason, whatever the worker replays.
    await worker.drain();
    await worker.drain();
    const mails = await query<{ to: string; subject: string; text: string }>(server.orm,
      `select "to", subject, text from dev_mailbox_messages where dedup_key like 'order-event:%'`);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'customer.one@returnhub.test', subject: `Your order ${processing.number} was cancelled` });
    expect(mails[0].text).toContain(reason);

    // The audit record cannot be rewritten.
    await expect(query(server.orm, "update order_events set reason = 'edited'")).rejects.toThrow(/append-only/);
  });

  it('is for admins only, in a browser session; others are refused and nothing changes', async () => {
    const { server } = harness;
    const [processing] = await ordersInStatus(server.orm, 'customer.one', 'processing');
    for (const username of ['customer.one', 'merchant.one', 'ops.demo']) {
      const client = await server.as(username);
      expect(errorCode(await client.gql(CANCEL_WITH_REASON, { id: processing.id, reason: 'no' }))).toBe('FORBIDDEN');
    }
    expect(await query(server.orm, 'select id from refunds where order_id = ?', [processing.id])).toEqual([]);
    expect((await query<{ status: string }>(server.orm, 'select status from orders where id = ?', [processing.id]))[0].status).toBe('processing');
  });
});
