// Fault injection at the payment port (issue #10): the built-in simulated provider down, slower than our timeout,
// and failing then recovering. Each run must converge: one refund at the provider, the case REFUNDED, the refund
// row on its first idempotency key, and the caller told what happened with a coded error.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { CASE, deliveredOrder, passAllItems, providerRefunds, query, receivedCase, simulatedProvider } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const RETRY = 'mutation R($id: ID!) { retryRefund(id: $id) { status refunds { idempotencyKey state attempts lastError providerRefundId } } }';
const INSPECTED = 'mutation I($id: ID!, $input: RecordInspectionInput!) { recordInspection(id: $id, input: $input) { status } }';
const REFUNDS = 'query C($id: ID!) { returnCase(id: $id) { status refunds { idempotencyKey state attempts lastError providerRefundId } } }';

describe('faults: payment provider', () => {
  let server: TestServer;
  let ops: ApiClient;
  afterEach(() => server?.close());

  async function start(env: Record<string, string> = {}) {
    server = await startTestServer({ env });
    const [customer, merchant, admin] = await Promise.all([server.as('customer.one'), server.as('merchant.one'), server.as('admin.demo')]);
    ops = await server.as('ops.demo');
    const order = await deliveredOrder(server, admin, 'customer.one');
    const rc = await receivedCase({ customer, merchant }, order);
    const items = await passAllItems(merchant, rc.id);
    const amount = order.items.reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0);
    // The inspection that passes asks the provider for the refund (as merchant.one, the case's merchant).
    // What the merchant's mutation answers, and the refund as ops see it (lastError is for ops and admins only).
    const inspect = async () => {
      const { status } = (await merchant.ok(INSPECTED, { id: rc.id, input: { passed: true, items } })).recordInspection;
      const seen = (await ops.ok(REFUNDS, { id: rc.id })).returnCase;
      expect(seen.status).toBe(status);
      return seen;
    };
    return { caseId: rc.id, amount, inspect };
  }

  /** The end state every scenario must reach: refunded once, on the first key, with one refund at the provider. */
  async function expectConverged(caseId: string, amount: number) {
    await simulatedProvider(server).settlePendingRefunds();
    const rc = (await ops.ok(CASE, { id: caseId, internals: true })).returnCase;
    expect(rc.status).toBe('REFUNDED');
    expect(rc.refunds).toEqual([expect.objectContaining({ idempotencyKey: `${caseId}:refund`, state: 'SUCCEEDED', amountMinor: amount })]);
    const ledger = await providerRefunds(server.orm);
    expect(ledger).toEqual([expect.objectContaining({ idempotency_key: `${caseId}:refund`, amount_minor: amount, status: 'succeeded' })]);
    // Exactly one REFUNDED in the audit trail, and one refund.requested outbox row (the first request).
    const [{ refunded }] = await query<{ refunded: string }>(server.orm, `select count(*) as refunded from case_events where return_case_id = ? and to_status = 'refunded'`, [caseId]);
    expect(Number(refunded)).toBe(1);
    // Asking again is refused (a refunded case has no refund to retry: issue 19 §10) and changes nothing.
    expect(errorCode(await ops.gql(RETRY, { id: caseId }))).toBe('CONFLICT');
    expect((await ops.ok(CASE, { id: caseId, internals: true })).returnCase.status).toBe('REFUNDED');
    expect(await providerRefunds(server.orm)).toHaveLength(1);
  }

  it('provider down (503): the case waits in REFUND_FAILED with a coded error, nothing is paid, and a retry after recovery pays once', async () => {
    const { caseId, amount, inspect } = await start();
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.UNAVAILABLE); // until cleared
    const first = await inspect();
    expect(first.status).toBe('REFUND_FAILED');
    expect(first.refunds).toEqual([expect.objectContaining({ idempotencyKey: `${caseId}:refund`, state: 'PENDING', attempts: 1, providerRefundId: null })]);
    expect(first.refunds[0].lastError).toMatch(/^service_unavailable: /);
    expect(await providerRefunds(server.orm)).toEqual([]);

    // Still down: the retry fails the same way, on the same key, and pays nothing.
    const still = (await ops.ok(RETRY, { id: caseId })).retryRefund;
    expect(still).toMatchObject({ status: 'REFUND_FAILED', refunds: [{ idempotencyKey: `${caseId}:refund`, state: 'PENDING', attempts: 2 }] });
    expect(await providerRefunds(server.orm)).toEqual([]);

    await simulatedProvider(server).clearBehaviours();
    const recovered = (await ops.ok(RETRY, { id: caseId })).retryRefund;
    expect(recovered).toMatchObject({ status: 'REFUND_PENDING', refunds: [{ idempotencyKey: `${caseId}:refund`, state: 'PENDING', attempts: 3, providerRefundId: expect.stringMatching(/^sim_re_/) }] });
    await expectConverged(caseId, amount);
  });

  it('provider slower than our timeout: the caller hears "timeout" in time, the late refund is found on retry with the same key, paid once', async () => {
    const { caseId, amount, inspect } = await start({ PAYMENT_TIMEOUT_MS: '300' });
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.SLOW, { times: 1, delayMs: 2_000 });
    // Calls through to the provider; keeps its answers, so the test can wait for the late one itself.
    const createRefund = vi.spyOn(simulatedProvider(server), 'createRefund');
    const started = Date.now();
    const first = await inspect();
    expect(Date.now() - started).toBeLessThan(2_000); // our timeout, not the provider's delay, decided
    expect(first.status).toBe('REFUND_FAILED');
    expect(first.refunds[0]).toMatchObject({ idempotencyKey: `${caseId}:refund`, state: 'PENDING', attempts: 1 });
    expect(first.refunds[0].lastError).toMatch(/^timeout: .*300 ms/);
    // The provider did accept it (it is just late to say so).
    expect(await providerRefunds(server.orm)).toEqual([expect.objectContaining({ idempotency_key: `${caseId}:refund`, status: 'pending' })]);

    // The late answer arrives (the provider's call settles) and is dropped; nothing changes because of it.
    expect(createRefund).toHaveBeenCalledTimes(1);
    await expect(createRefund.mock.results[0].value).resolves.toMatchObject({ id: expect.stringMatching(/^sim_re_/), status: 'pending' });
    createRefund.mockRestore();
    expect((await ops.ok(CASE, { id: caseId, internals: true })).returnCase.status).toBe('REFUND_FAILED');

    const retried = (await ops.ok(RETRY, { id: caseId })).retryRefund;
    expect(retried).toMatchObject({ status: 'REFUND_PENDING', refunds: [{ idempotencyKey: `${caseId}:refund`, attempts: 2 }] });
    await expectConverged(caseId, amount);
  });

  it('provider failing twice then recovering, with retries racing: converges to one payment', async () => {
    const { caseId, amount, inspect } = await start();
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.UNAVAILABLE, { times: 2 });
    expect((await inspect()).status).toBe('REFUND_FAILED');
    // Three retries at once: one wins the transition, the others see a pending refund or a conflict; one more call fails.
    const results = await Promise.all([1, 2, 3].map(() => ops.gql(RETRY, { id: caseId })));
    for (const result of results) {
      if (result.errors) expect(result.errors[0].extensions?.code).toMatch(/^(CONFLICT|INVALID_TRANSITION)$/);
    }
    for (let i = 0; i < 3; i++) {
      const status = (await ops.ok(CASE, { id: caseId, internals: true })).returnCase.status;
      if (status !== 'REFUND_FAILED') break;
      await ops.ok(RETRY, { id: caseId });
    }
    await expectConverged(caseId, amount);
  });
});
