// Refunds through the payment port: idempotency, retries, provider failures and the webhook endpoint.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentProviderError } from '../../server/src/modules/payments/payment-provider.js';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { SIMULATED_SIGNATURE_HEADER } from '../../server/src/modules/payments/simulated/simulated-signature.js';
import { RefundService } from '../../server/src/modules/refunds/refund.service.js';
import { CASE, INSPECT, deliveredOrder, passAllItems, providerEvents, providerRefunds, query, receivedCase, recordedWebhooks, simulatedProvider, stockOf } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

describe('refunds through the simulated provider', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let admin: ApiClient;
  let ops: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    [customer, merchant, admin, ops] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo'), server.as('ops.demo')]);
  });
  afterEach(() => server.close());

  /** A refund case of customer.one, inspected and passed: REFUND_PENDING (or what the provider's behaviour made it). */
  async function inspectedRefundCase(): Promise<{ id: string; amount: number; sku: string }> {
    const order = await deliveredOrder(server, admin, 'customer.one');
    const rc = await receivedCase({ customer, merchant }, order);
    await merchant.ok(INSPECT, { id: rc.id, input: { passed: true, items: await passAllItems(merchant, rc.id) } });
    return { id: rc.id, amount: order.items[0].unitPriceMinor, sku: order.items[0].sku };
  }
  const caseOf = async (id: string) => (await ops.ok(CASE, { id, internals: true })).returnCase;
  const refundsService = () => new RefundService(server.orm.em.fork(), server.deps);
  const count = async (sql: string, params: unknown[] = []) => Number((await query<{ n: string }>(server.orm, sql, params))[0].n);
  const postWebhook = (body: string, signature?: string) =>
    fetch(`${server.url}/webhooks/payments`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { [SIMULATED_SIGNATURE_HEADER]: signature } : {}) }, body });

  it('pays once when the refund is requested again, processed concurrently, and its confirmation replayed', async () => {
    const rc = await inspectedRefundCase();
    const stock = await stockOf(server.orm, rc.sku);
    await Promise.all([refundsService().requestRefund(rc.id), refundsService().processRefund(rc.id), refundsService().processRefund(rc.id)]);
    expect(await providerRefunds(server.orm)).toHaveLength(1);

    await simulatedProvider(server).settlePendingRefunds();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
    const eventsAfter = await count('select count(*) as n from case_events where return_case_id = ?', [rc.id]);

    // The provider's webhook, delivered again (freshly signed): recognised by its event id, nothing changes.
    const [delivered] = await providerEvents(server.orm, `${rc.id}:refund`);
    const replay = await postWebhook(delivered.body, simulatedProvider(server).sign(delivered.body));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ received: true, duplicate: true });
    // And every entry point once more, after the fact.
    await refundsService().requestRefund(rc.id);
    await refundsService().processRefund(rc.id);
    await refundsService().retryFailedRefund(rc.id);
    expect(await simulatedProvider(server).settlePendingRefunds()).toMatchObject({ settled: 0 });

    const paid = await providerRefunds(server.orm);
    expect(paid).toEqual([expect.objectContaining({ idempotency_key: `${rc.id}:refund`, amount_minor: rc.amount, status: 'succeeded' })]);
    expect((await caseOf(rc.id)).refunds).toEqual([expect.objectContaining({ state: 'SUCCEEDED', amountMinor: rc.amount })]);
    expect(await count('select count(*) as n from case_events where return_case_id = ?', [rc.id])).toBe(eventsAfter);
    expect(await recordedWebhooks(server.orm, paid[0].id)).toBe(1);
    expect(await stockOf(server.orm, rc.sku)).toBe(stock);
  });

  it('refuses forged, stale, unsigned or altered webhooks with 400 and changes nothing', async () => {
    const rc = await inspectedRefundCase();
    const [sim] = await providerRefunds(server.orm);
    const body = JSON.stringify({
      id: 'evt_test_confirmation',
      object: 'event',
      type: 'refund.updated',
      data: { object: { id: sim.id, object: 'refund', amount: rc.amount, currency: 'usd', status: 'succeeded', metadata: {} } },
    });
    const provider = simulatedProvider(server);
    const { signSimulatedPayload } = await import('../../server/src/modules/payments/simulated/simulated-signature.js');
    const nowSeconds = Math.floor(server.clock.now().getTime() / 1000);
    const attempts: Array<[string, Response]> = [
      ['unsigned', await postWebhook(body)],
      ['wrong secret', await postWebhook(body, signSimulatedPayload('whsec_not_the_secret', body, nowSeconds))],
      ['stale (301 s)', await postWebhook(body, signSimulatedPayload(server.deps.config.payments.simulatedWebhookSecret, body, nowSeconds - 301))],
      ['altered body', await postWebhook(body.replace(String(rc.amount), '1'), provider.sign(body))],
      ['malformed header', await postWebhook(body, 'v1=abc')],
    ];
    for (const [what, response] of attempts) {
      expect(response.status, what).toBe(400);
      expect(await response.json(), what).toMatchObject({ error: 'INVALID_SIGNATURE' });
    }
    expect((await caseOf(rc.id)).status).toBe('REFUND_PENDING');
    expect(await count('select count(*) as n from payment_webhook_events')).toBe(0);

    // The same body, properly signed, is accepted: the refusals above were about the signatures alone.
    const accepted = await postWebhook(body, provider.sign(body));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ duplicate: false, matched: 1 });
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
  });

  it('after a timeout (outcome unknown) marks the refund failed, and the retry with the same key finds the refund the provider made', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.TIMEOUT, { times: 1 });
    const rc = await inspectedRefundCase();
    const failed = await caseOf(rc.id);
    expect(failed).toMatchObject({ status: 'REFUND_FAILED', refunds: [{ idempotencyKey: `${rc.id}:refund`, state: 'PENDING', attempts: 1, providerRefundId: null }] });
    const [{ last_error: lastError }] = await query<{ last_error: string }>(server.orm, 'select last_error from refunds where return_case_id = ?', [rc.id]);
    expect(lastError).toMatch(/^timeout/);
    expect(await providerRefunds(server.orm)).toHaveLength(1); // the provider did make it

    await refundsService().retryFailedRefund(rc.id);
    const retried = await caseOf(rc.id);
    expect(retried.status).toBe('REFUND_PENDING');
    expect(retried.refunds).toEqual([expect.objectContaining({ idempotencyKey: `${rc.id}:refund`, attempts: 2, providerRefundId: expect.stringMatching(/^sim_re_/) })]);
    await simulatedProvider(server).settlePendingRefunds();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
    expect((await providerRefunds(server.orm)).filter((r) => r.status === 'succeeded')).toHaveLength(1);
  });

  it('after a refusal retries with the next key (ops), and pays once', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.DECLINE, { times: 1 });
    const rc = await inspectedRefundCase();
    expect(await caseOf(rc.id)).toMatchObject({ status: 'REFUND_FAILED', refunds: [{ state: 'FAILED' }] });
    // A merchant cannot retry refunds; ops can (the transition table: REFUND_FAILED → REFUND_PENDING, dedicated retryRefund).
    const RETRY = 'mutation R($id: ID!, $v: Int) { retryRefund(id: $id, expectedVersion: $v) { status refunds { idempotencyKey state } } }';
    expect(errorCode(await merchant.gql(RETRY, { id: rc.id }))).toBe('FORBIDDEN');
    const stale = await ops.gql(RETRY, { id: rc.id, v: 1 });
    expect(errorCode(stale)).toBe('CONFLICT');
    const retried = (await ops.ok(RETRY, { id: rc.id })).retryRefund;
    expect(retried).toEqual({ status: 'REFUND_PENDING', refunds: [{ idempotencyKey: `${rc.id}:refund`, state: 'FAILED' }, { idempotencyKey: `${rc.id}:refund:2`, state: 'PENDING' }] });
    await simulatedProvider(server).settlePendingRefunds();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
    expect((await providerRefunds(server.orm)).map((r) => r.status).sort()).toEqual(['declined', 'succeeded']);
    const timeline = (await caseOf(rc.id)).timeline.filter((e: any) => e.type === 'status_changed').map((e: any) => `${e.toStatus}:${e.actorLabel}`);
    expect(timeline.slice(-4)).toEqual(['REFUND_PENDING:system', 'REFUND_FAILED:system', 'REFUND_PENDING:ops.demo', 'REFUNDED:system']);
  });

  it('fails the case when the provider fails the refund later (refund.failed), and a retry pays', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.FAIL, { times: 1 });
    const rc = await inspectedRefundCase();
    expect((await caseOf(rc.id)).status).toBe('REFUND_PENDING');
    await simulatedProvider(server).settlePendingRefunds();
    const failed = await caseOf(rc.id);
    expect(failed).toMatchObject({ status: 'REFUND_FAILED', refunds: [{ state: 'FAILED' }] });
    await refundsService().retryFailedRefund(rc.id);
    await simulatedProvider(server).settlePendingRefunds();
    expect((await caseOf(rc.id)).status).toBe('REFUNDED');
    expect((await providerRefunds(server.orm)).map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(await refundsService().attemptsFor(rc.id)).toBe(2);
  });

  it('applies a confirmation delivered twice once', async () => {
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.DUPLICATE_CONFIRMATION);
    const rc = await inspectedRefundCase();
    await simulatedProvider(server).settlePendingRefunds();
    const [event] = await providerEvents(server.orm, `${rc.id}:refund`);
    expect(event.deliveries).toBe(2);
    const [paid] = await providerRefunds(server.orm);
    expect(await recordedWebhooks(server.orm, paid.id)).toBe(1);
    const refunded = (await caseOf(rc.id)).timeline.filter((e: any) => e.toStatus === 'REFUNDED');
    expect(refunded).toHaveLength(1);
  });

  it('caps the refund at what is left of the order total', async () => {
    const order = await deliveredOrder(server, admin, 'customer.one');
    const rc = await receivedCase({ customer, merchant }, order);
    // Most of the order was already refunded elsewhere (e.g. a goodwill refund by support).
    const left = 500;
    await server.orm.em.getConnection().execute(
      `insert into refunds (id, order_id, provider, idempotency_key, amount_minor, currency, state, attempts, created_at, updated_at)
       values (gen_random_uuid(), ?, 'simulated', 'manual:goodwill', ?, 'USD', 'succeeded', 1, now(), now())`,
      [order.id, order.totalMinor - left],
    );
    const inspected = (await merchant.ok(INSPECT, { id: rc.id, input: { passed: true, items: await passAllItems(merchant, rc.id) } })).recordInspection;
    expect(inspected).toMatchObject({ status: 'REFUND_PENDING', refundAmountMinor: left, refunds: [{ amountMinor: left }] });
    expect((await providerRefunds(server.orm)).map((r) => r.amount_minor)).toEqual([left]);
    const pending = (await caseOf(rc.id)).timeline.find((e: any) => e.toStatus === 'REFUND_PENDING');
    expect(pending.payload).toMatchObject({ amountMinor: left, cappedAt: left });
  });

  it('keeps the demo data consistent with the provider: the pending demo refund settles, the failed one can be retried', async () => {
    const { demoCase } = await import('../helpers/fixtures.js');
    const pending = await demoCase(server.orm, 'refund_pending');
    const failed = await demoCase(server.orm, 'refund_failed');
    await refundsService().processRefund(pending.id); // a poll: still pending at the provider
    expect((await caseOf(pending.id)).status).toBe('REFUND_PENDING');
    await simulatedProvider(server).settlePendingRefunds();
    expect((await caseOf(pending.id)).status).toBe('REFUNDED');

    await refundsService().retryFailedRefund(failed.id);
    await simulatedProvider(server).settlePendingRefunds();
    const retried = await caseOf(failed.id);
    expect(retried.status).toBe('REFUNDED');
    expect(retried.refunds.map((r: any) => [r.idempotencyKey, r.state])).toEqual([[`${failed.id}:refund`, 'FAILED'], [`${failed.id}:refund:2`, 'SUCCEEDED']]);
  });

  it('honours idempotency keys in the simulated provider: same key and parameters → same refund; other parameters → error', async () => {
    const provider = simulatedProvider(server);
    const request = { idempotencyKey: 'test:key', amountMinor: 1_000, currency: 'USD', paymentReference: 'pi_demo_1', metadata: { a: '1' } };
    const first = await provider.createRefund(request);
    const again = await provider.createRefund(request);
    expect(again).toEqual(first);
    expect(first.id).toMatch(/^sim_re_[0-9a-f]{24}$/);
    const mismatch = await provider.createRefund({ ...request, amountMinor: 999 }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(PaymentProviderError);
    expect(mismatch).toMatchObject({ kind: 'idempotency_mismatch' });
    expect((await providerRefunds(server.orm)).map((r) => r.amount_minor)).toEqual([1_000]);
    await expect(provider.createRefund({ ...request, idempotencyKey: 'test:zero', amountMinor: 0 })).rejects.toMatchObject({ kind: 'invalid' });
  });
});
