// Issue 22 §4: each merchant chooses when money moves. At its moment — approval, the first carrier scan (IN_TRANSIT),
// delivery to the warehouse (RECEIVED) — the refund is paid through the usual money path while the case goes on
// through shipment and inspection; inspection then reconciles it: a match ends REFUNDED with no second payment, less
// due is recorded and flagged for ops (URGENT, an internal note, audited), never taken back. The refund is paid once
// however often its job runs. After inspection stays the default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { newCustomerWithOrder } from '../helpers/fixtures.js';
import { DECIDE, INSPECT, RECEIVE, passAllItems, providerRefunds, query, shipOk, simulatedProvider } from '../helpers/money.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

const POLICY = 'mutation P($m: ID!, $input: MerchantPolicyInput!) { updateMerchantPolicy(merchantId: $m, input: $input) { refundTiming } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id status } }';
const CASE = `query Q($id: ID!) { returnCase(id: $id) { id status priority refundAmountMinor reconciliationPaidMinor reconciliationDueMinor reconciliationFlaggedAt
  refunds { id amountMinor state } internalNotes { body } timeline { type payload } } }`;
type Step = 'approve' | 'ship' | 'receive';
const STEPS: Step[] = ['approve', 'ship', 'receive'];

describe('refund timing', () => {
  let server: TestServer;
  let worker: TestWorker;
  let admin: ApiClient;
  let merchant: ApiClient;
  let ops: ApiClient;
  let bazaar: string;
  let customers = 0;

  const setTiming = async (timing: string) => expect((await admin.ok(POLICY, { m: bazaar, input: { refundTiming: timing } })).updateMerchantPolicy.refundTiming).toBe(timing);
  /** A Bazaar return of a 59.99 speaker (above the auto-approve limit: the merchant decides), opened by a new customer. */
  const openCase = async () => {
    const username = `timing.${++customers}`;
    const order = await newCustomerWithOrder(server.orm, { username, merchantName: 'Bazaar Marketplace', skus: [['BZ-SPKR-03', 1]], now: server.clock.now() });
    const customer = await server.as(username);
    const created = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'NOT_AS_DESCRIBED' } })).createReturnCase;
    return { id: created.id as string, customer };
  };
  const step = async (rc: { id: string; customer: ApiClient }, which: Step) => {
    if (which === 'approve') await merchant.ok(DECIDE, { id: rc.id, d: 'APPROVE' });
    if (which === 'ship') await shipOk(rc.customer, { id: rc.id, c: 'UPS', t: '1Z 999 AA1 0123' });
    if (which === 'receive') await merchant.ok(RECEIVE, { id: rc.id });
  };
  const caseOf = async (id: string) => (await ops.ok(CASE, { id })).returnCase;
  const settle = async () => {
    await worker.drain();
    await worker.addJob(TaskName.SETTLE_REFUNDS, {});
    await worker.drain();
  };
  const paidByProvider = async (caseId: string) => (await providerRefunds(server.orm)).filter((r) => r.idempotency_key.startsWith(caseId));
  const inspect = async (id: string, extra: Record<string, unknown>) => (await merchant.ok(INSPECT, { id, input: { items: await passAllItems(merchant, id), passed: true, ...extra } })).recordInspection;

  beforeAll(async () => {
    server = await startTestServer();
    worker = await startTestWorker(server);
    [admin, merchant, ops] = await Promise.all([server.as('admin.demo'), server.as('merchant.two'), server.as('ops.demo')]);
    [{ id: bazaar }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Bazaar Marketplace'`);
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
  });

  it('pays at each moment, not before, while the case goes on; inspection then ends it REFUNDED with no second payment', async () => {
    const moments: Array<[string, Step]> = [['AT_APPROVAL', 'approve'], ['FIRST_CARRIER_SCAN', 'ship'], ['WAREHOUSE_DELIVERY', 'receive']];
    for (const [timing, moment] of moments) {
      await setTiming(timing);
      const rc = await openCase();
      for (const next of STEPS) {
        await step(rc, next);
        const now = await caseOf(rc.id);
        const paid = STEPS.indexOf(next) >= STEPS.indexOf(moment);
        expect(now.refunds, `${timing} after ${next}`).toHaveLength(paid ? 1 : 0);
        if (next === moment) {
          expect(now.refunds[0].amountMinor).toBe(now.refundAmountMinor);
          expect(now.timeline.filter((e: any) => e.type === 'refund_issued_early')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ timing: timing.toLowerCase(), amountMinor: now.refundAmountMinor }) })]);
          await settle();
          // Paid, and the case is where the goods are, not in the refund states.
          expect(await caseOf(rc.id)).toMatchObject({ status: { approve: 'APPROVED', ship: 'IN_TRANSIT', receive: 'RECEIVED' }[next], refunds: [{ state: 'SUCCEEDED' }] });
        }
      }
      const inspected = await inspect(rc.id, {});
      expect(inspected.status, timing).toBe('REFUNDED');
      const done = await caseOf(rc.id);
      expect(done).toMatchObject({ refunds: [{ state: 'SUCCEEDED' }], reconciliationFlaggedAt: null, reconciliationPaidMinor: done.refundAmountMinor, reconciliationDueMinor: done.refundAmountMinor });
      expect(await paidByProvider(rc.id)).toHaveLength(1);
    }
  });

  it('keeps paying after inspection by default', async () => {
    await setTiming('AFTER_INSPECTION');
    const rc = await openCase();
    for (const next of STEPS) await step(rc, next);
    await settle();
    expect((await caseOf(rc.id)).refunds).toEqual([]);
    expect((await inspect(rc.id, {})).status).toBe('REFUND_PENDING');
    expect((await caseOf(rc.id)).timeline.map((e: any) => e.type)).not.toContain('refund_issued_early');
  });

  it('records and flags for ops a refund paid early when inspection lowers what is due, or fails, and takes nothing back', async () => {
    await setTiming('AT_APPROVAL');
    const lowered = await openCase();
    for (const next of STEPS) await step(lowered, next);
    await settle();
    const paid = (await caseOf(lowered.id)).refundAmountMinor;
    expect((await inspect(lowered.id, { refundAmountMinor: paid - 1_000, adjustmentReason: 'Scratched grille' })).status).toBe('REFUNDED');
    const flagged = await caseOf(lowered.id);
    expect(flagged).toMatchObject({ priority: 'URGENT', reconciliationPaidMinor: paid, reconciliationDueMinor: paid - 1_000, refunds: [{ amountMinor: paid, state: 'SUCCEEDED' }] });
    expect(flagged.reconciliationFlaggedAt).not.toBeNull();
    expect(flagged.timeline.find((e: any) => e.type === 'refund_reconciled').payload).toMatchObject({ paidMinor: paid, dueMinor: paid - 1_000, differenceMinor: 1_000, flagged: true });
    expect(flagged.internalNotes.map((n: any) => n.body).join(' ')).toContain('The difference of 1000 was not taken back');
    expect(await paidByProvider(lowered.id)).toHaveLength(1);
    // The customer is not shown the reconciliation (ops settle it).
    const own = (await lowered.customer.ok('query Q($id: ID!) { returnCase(id: $id) { timeline { type } } }', { id: lowered.id })).returnCase;
    expect(own.timeline.map((e: any) => e.type)).not.toContain('refund_reconciled');

    const failed = await openCase();
    for (const next of STEPS) await step(failed, next);
    await settle();
    const items = await passAllItems(merchant, failed.id);
    expect((await merchant.ok(INSPECT, { id: failed.id, input: { items, passed: false, notes: 'Not the speaker we sold' } })).recordInspection.status).toBe('RETURNED_TO_CUSTOMER');
    expect(await caseOf(failed.id)).toMatchObject({ priority: 'URGENT', reconciliationDueMinor: 0, refunds: [{ state: 'SUCCEEDED' }] });
  });

  it('pays an early refund once however often its job runs, and a cancelled case after it is flagged', async () => {
    await setTiming('AT_APPROVAL');
    const rc = await openCase();
    await step(rc, 'approve');
    const [refund] = (await caseOf(rc.id)).refunds;
    for (let i = 0; i < 3; i++) await worker.addJob(TaskName.PROCESS_REFUND, { refundId: refund.id });
    await settle();
    await worker.addJob(TaskName.PROCESS_REFUND, { refundId: refund.id });
    await settle();
    expect(await paidByProvider(rc.id)).toHaveLength(1);
    expect((await caseOf(rc.id)).refunds).toEqual([expect.objectContaining({ id: refund.id, state: 'SUCCEEDED' })]);

    await rc.customer.ok('mutation X($id: ID!) { cancelReturnCase(id: $id, reason: "Changed my mind") { status } }', { id: rc.id });
    expect(await caseOf(rc.id)).toMatchObject({ status: 'CANCELLED', priority: 'URGENT', reconciliationDueMinor: 0 });
  });

  it('flags ops when the provider refuses an early refund, then pays it at inspection with the next key', async () => {
    await setTiming('AT_APPROVAL');
    const rc = await openCase();
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.DECLINE, { times: 1 });
    await step(rc, 'approve');
    await worker.drain();
    const refused = await caseOf(rc.id);
    expect(refused).toMatchObject({ status: 'APPROVED', priority: 'URGENT', refunds: [{ state: 'FAILED' }] });
    expect(refused.timeline.filter((e: any) => e.type === 'early_refund_failed')).toHaveLength(1);
    expect(refused.internalNotes.map((n: any) => n.body).join(' ')).toContain('paid before inspection was refused');
    // Processing the refused row again flags nothing more.
    await worker.addJob(TaskName.PROCESS_REFUND, { refundId: refused.refunds[0].id });
    await worker.drain();
    expect((await caseOf(rc.id)).timeline.filter((e: any) => e.type === 'early_refund_failed')).toHaveLength(1);

    await step(rc, 'ship');
    await step(rc, 'receive');
    expect((await inspect(rc.id, {})).status).toBe('REFUND_PENDING');
    await settle();
    const paid = await caseOf(rc.id);
    expect(paid).toMatchObject({ status: 'REFUNDED', refunds: [{ state: 'FAILED' }, { state: 'SUCCEEDED' }] });
    // The provider's books: the first key declined (no money moved), the next one paid.
    expect((await paidByProvider(rc.id)).map((r) => `${r.idempotency_key} ${r.status}`)).toEqual([`${rc.id}:refund declined`, `${rc.id}:refund:2 succeeded`]);
  });
});
