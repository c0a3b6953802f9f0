// The Stripe adapter through the official SDK, against a local server speaking Stripe's refund API (no network),
// and Stripe-signed webhooks on /webhooks/payments.
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';
import { PaymentProviderError } from '../../server/src/modules/payments/payment-provider.js';
import { RefundService } from '../../server/src/modules/refunds/refund.service.js';
import { FakeStripe } from '../helpers/fake-stripe.js';
import { PRODUCTION_ENV } from '../helpers/production-env.js';
import { CASE, INSPECT, deliveredOrder, passAllItems, query, receivedCase } from '../helpers/money.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';

const SECRET_KEY = 'sk_test_returnhub_adapter';
const WEBHOOK_SECRET = 'whsec_returnhub_adapter_test';

describe('the Stripe payment adapter', () => {
  let fake: FakeStripe;
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let admin: ApiClient;

  beforeEach(async () => {
    fake = new FakeStripe(SECRET_KEY);
    await fake.start();
    server = await startTestServer({ env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_BASE: fake.url } });
    [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
  });
  afterEach(async () => {
    await server.close();
    await fake.stop();
  });

  async function inspectedCase() {
    const order = await deliveredOrder(server, admin, 'customer.one');
    const rc = await receivedCase({ customer, merchant }, order);
    await merchant.ok(INSPECT, { id: rc.id, input: { passed: true, items: await passAllItems(merchant, rc.id) } });
    const [{ payment_reference: paymentReference }] = await query<{ payment_reference: string }>(server.orm, 'select payment_reference from orders where id = ?', [order.id]);
    return { id: rc.id, amount: order.items[0].unitPriceMinor, paymentReference };
  }
  const statusOf = async (id: string) => (await admin.ok(CASE, { id, internals: true })).returnCase.status;
  const sendEvent = (event: Record<string, unknown>, options: { secret?: string; timestamp?: number } = {}) => {
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp ?? Math.floor(server.clock.now().getTime() / 1000) });
    return fetch(`${server.url}/webhooks/payments`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
  };
  const event = (id: string, type: string, object: Record<string, unknown>) => ({ id, object: 'event', type, api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), data: { object } });

  it('creates the refund with the idempotency key and metadata; a signed refund.updated confirms it; replays and stale states change nothing', async () => {
    const rc = await inspectedCase();
    expect(await statusOf(rc.id)).toBe('REFUND_PENDING');
    const creates = fake.requests.filter((r) => r.method === 'POST');
    expect(creates).toEqual([
      expect.objectContaining({
        path: '/v1/refunds',
        idempotencyKey: `${rc.id}:refund`,
        form: expect.objectContaining({ amount: String(rc.amount), payment_intent: rc.paymentReference, 'metadata[returnhub_case_id]': rc.id, reason: 'requested_by_customer' }),
      }),
    ]);
    const [refund] = fake.refunds.values();

    const confirmed = await sendEvent(event('evt_confirm_1', 'refund.updated', fake.setStatus(refund.id, 'succeeded')));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ duplicate: false, matched: 1 });
    expect(await statusOf(rc.id)).toBe('REFUNDED');

    // The same event again, and an older "pending" update arriving late: nothing moves backwards.
    expect(await (await sendEvent(event('evt_confirm_1', 'refund.updated', { ...refund, status: 'succeeded' }))).json()).toMatchObject({ duplicate: true });
    expect((await sendEvent(event('evt_older_pending', 'refund.updated', { ...refund, status: 'pending' }))).status).toBe(200);
    const after = (await admin.ok(CASE, { id: rc.id, internals: true })).returnCase;
    expect(after).toMatchObject({ status: 'REFUNDED', refunds: [{ state: 'SUCCEEDED', providerRefundId: refund.id }] });
    expect(after.timeline.filter((e: any) => e.toStatus === 'REFUNDED')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('reconciles charge.refunded (refunds not expanded) by listing the payment’s refunds', async () => {
    const rc = await inspectedCase();
    const [refund] = fake.refunds.values();
    fake.setStatus(refund.id, 'succeeded');
    const response = await sendEvent(event('evt_charge_1', 'charge.refunded', { id: refund.charge, object: 'charge', payment_intent: rc.paymentReference, amount_refunded: rc.amount, refunded: false }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ matched: 1 });
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/refunds')).toBe(true);
    expect(await statusOf(rc.id)).toBe('REFUNDED');
  });

  it('moves the case to REFUND_FAILED on refund.failed', async () => {
    const rc = await inspectedCase();
    const [refund] = fake.refunds.values();
    expect((await sendEvent(event('evt_failed_1', 'refund.failed', fake.setStatus(refund.id, 'failed', 'expired_or_canceled_card')))).status).toBe(200);
    const failed = (await admin.ok(CASE, { id: rc.id, internals: true })).returnCase;
    expect(failed).toMatchObject({ status: 'REFUND_FAILED', refunds: [{ state: 'FAILED' }] });
  });

  it('refuses forged, stale and unsigned Stripe webhooks with 400 and changes nothing', async () => {
    const rc = await inspectedCase();
    const [refund] = fake.refunds.values();
    const body = event('evt_forged', 'refund.updated', { ...refund, status: 'succeeded' });
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const forged = await sendEvent(body, { secret: 'whsec_someone_else' });
    const stale = await sendEvent(body, { timestamp: now - 301 });
    const unsigned = await fetch(`${server.url}/webhooks/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const response of [forged, stale, unsigned]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'INVALID_SIGNATURE' });
    }
    expect(await statusOf(rc.id)).toBe('REFUND_PENDING');
    expect(Number((await query<{ n: string }>(server.orm, 'select count(*) as n from payment_webhook_events'))[0].n)).toBe(0);
    // Within the tolerance it is accepted.
    expect((await sendEvent(body, { timestamp: now - 290 })).status).toBe(200);
    expect(await statusOf(rc.id)).toBe('REFUNDED');
  });

  it('treats a 500 as an unknown outcome: REFUND_FAILED, then the retry sends the same key and pays once', async () => {
    fake.nextCreateErrors.push({ status: 500, error: { type: 'api_error', message: 'An unknown error occurred.' } });
    const rc = await inspectedCase();
    expect((await admin.ok(CASE, { id: rc.id, internals: true })).returnCase).toMatchObject({ status: 'REFUND_FAILED', refunds: [{ state: 'PENDING', attempts: 1 }] });
    await new RefundService(server.orm.em.fork(), server.deps).retryFailedRefund(rc.id);
    expect((await admin.ok(CASE, { id: rc.id, internals: true })).returnCase).toMatchObject({ status: 'REFUND_PENDING', refunds: [{ state: 'PENDING', attempts: 2 }] });
    const creates = fake.requests.filter((r) => r.method === 'POST');
    expect(creates.map((r) => r.idempotencyKey)).toEqual([`${rc.id}:refund`, `${rc.id}:refund`]);
    // Before re-sending, it looked for the refund by its metadata (the key may have expired at Stripe).
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/v1/refunds')).toHaveLength(1);
    expect(fake.refunds.size).toBe(1);
  });

  it('classifies Stripe errors: a card error is a refusal, a reused key with other parameters an idempotency error', async () => {
    const provider = server.deps.payments;
    expect(provider.name).toBe('stripe');
    fake.nextCreateErrors.push({ status: 402, error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } });
    const declined = await provider.createRefund({ idempotencyKey: 'k1', amountMinor: 500, currency: 'USD', paymentReference: 'pi_demo_1', metadata: {} }).catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(PaymentProviderError);
    expect(declined).toMatchObject({ kind: 'declined', code: 'card_declined' });

    const first = await provider.createRefund({ idempotencyKey: 'k2', amountMinor: 500, currency: 'USD', paymentReference: 'pi_demo_1', metadata: {} });
    expect(await provider.createRefund({ idempotencyKey: 'k2', amountMinor: 500, currency: 'USD', paymentReference: 'pi_demo_1', metadata: {} })).toEqual(first);
    await expect(provider.createRefund({ idempotencyKey: 'k2', amountMinor: 400, currency: 'USD', paymentReference: 'pi_demo_1', metadata: {} })).rejects.toMatchObject({ kind: 'idempotency_mismatch' });
    expect(await provider.getRefund(first.id)).toMatchObject({ id: first.id, status: 'pending', amountMinor: 500, currency: 'USD', paymentReference: 'pi_demo_1' });
    await expect(provider.getRefund('re_missing')).rejects.toMatchObject({ kind: 'invalid', code: 'resource_missing' });
  });
});

describe('payment configuration', () => {
  it('defaults to the simulated provider and validates the Stripe settings', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).payments.provider).toBe('simulated');
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ PAYMENT_PROVIDER: 'paypal' })[0]).toMatch(/PAYMENT_PROVIDER must be one of simulated, stripe/);
    expect(problems({ PAYMENT_PROVIDER: 'stripe' }).join('\n')).toMatch(/STRIPE_SECRET_KEY[\s\S]*STRIPE_WEBHOOK_SECRET/);
    expect(problems({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_public', STRIPE_WEBHOOK_SECRET: 'whsec_x' })[0]).toMatch(/STRIPE_SECRET_KEY/);
    expect(problems({ STRIPE_API_BASE: 'ftp://stripe' })[0]).toMatch(/STRIPE_API_BASE/);
    // Production never signs with the development secret.
    const production = loadConfig(PRODUCTION_ENV).payments.simulatedWebhookSecret;
    expect(production).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(production).not.toBe(loadConfig({ NODE_ENV: 'test' }).payments.simulatedWebhookSecret);
    const ok = loadConfig({ NODE_ENV: 'test', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', STRIPE_API_BASE: 'http://127.0.0.1:12111' });
    expect(ok.payments).toMatchObject({ provider: 'stripe', stripeApiBase: { protocol: 'http', host: '127.0.0.1', port: 12111 } });
  });
});
