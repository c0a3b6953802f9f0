// Issue 22 §1-2: the customer's chosen outcome and what the merchant's rules set on the case. createReturnCase re-checks
// the outcome in its transaction (STORE_CREDIT only when a rule offers it; BAD_USER_INPUT and nothing written
// otherwise); the rules' fees make the refund; the product category reaches the rules; a case whose goods the customer
// keeps gets no label and moves on at approval (REFUNDED through the usual money path, or EXCHANGED); and a
// store-credit case is paid by the store-credit ledger, with its bonus, never by the payment provider — once, however
// often its job runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { countRows, newCustomerWithOrder } from '../helpers/fixtures.js';
import { providerRefunds, query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

const SAVE = `mutation S($m: ID!, $v: Int!, $rules: [ReturnRuleInput!]!) { saveReturnRules(merchantId: $m, expectedVersion: $v, rules: $rules) { version } }`;
const ELIGIBILITY = 'query E($id: ID!) { returnEligibility(orderId: $id) { items { orderItemId outcomes storeCreditBonusPercent } } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id status type outcome keepItem storeCreditBonusPercent } }';
const CASE = `query Q($id: ID!) { returnCase(id: $id) { id status type outcome keepItem storeCreditBonusPercent restockingFeePercent returnShippingFeeMinor
  refundAmountMinor restockingFeeMinor labelUrl labelCarrier availableTransitions { to } exchangeOrder { id number } refunds { amountMinor state }
  timeline { type payload } } }`;
const SETTLE = () => ({ task: TaskName.SETTLE_REFUNDS, payload: {} });

// Northwind's rules, by product category (issue 21's categories): apparel may take store credit; sports pay a 20 %
// restocking fee and 7.00 for the label; home goods are kept by the customer, approved at once, credit +15 % on offer.
const RULES = [
  { id: 'credit-apparel', name: 'Apparel: store credit +10 %', conditions: [{ field: 'category', anyOf: ['apparel'] }], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }] },
  { id: 'fees-sports', name: 'Sports: fees', conditions: [{ field: 'category', anyOf: ['sports'] }], actions: [{ type: 'RESTOCKING_FEE', percent: 20 }, { type: 'RETURN_SHIPPING_FEE', amountMinor: 700 }] },
  { id: 'keep-home', name: 'Home goods: keep them', conditions: [{ field: 'category', anyOf: ['home'] }], actions: [{ type: 'KEEP_ITEM' }, { type: 'OFFER_STORE_CREDIT', bonusPercent: 15 }, { type: 'AUTO_APPROVE' }] },
];

describe('outcomes, fees and keep-the-item from the merchant rules', () => {
  let server: TestServer;
  let worker: TestWorker;
  let ops: ApiClient;
  let customers = 0;

  /** A new customer (signed in) with one delivered Northwind order of one `sku`. */
  const orderOf = async (sku: string) => {
    const username = `outcome.${++customers}`;
    const order = await newCustomerWithOrder(server.orm, { username, merchantName: 'Northwind Goods', skus: [[sku, 1]], now: server.clock.now() });
    return { order, item: order.items[0], customer: await server.as(username) };
  };
  const input = (o: { order: { id: string }; item: { id: string } }, extra: Record<string, unknown>) =>
    ({ orderId: o.order.id, items: [{ orderItemId: o.item.id, quantity: 1 }], reason: 'CHANGED_MIND', description: 'Outcome test', ...extra });
  /** Relays and runs every job, lets the simulated provider settle (its webhooks), and runs what that brought. */
  const settle = async () => {
    await worker.drain();
    await worker.addJob(SETTLE().task, SETTLE().payload);
    await worker.drain();
  };
  const caseOf = async (id: string) => (await ops.ok(CASE, { id })).returnCase;
  const movements = (caseId: string) => query<{ kind: string; amount_minor: number }>(server.orm, 'select kind, amount_minor from store_credit_movements where case_id = ? order by kind', [caseId]);

  beforeAll(async () => {
    server = await startTestServer();
    worker = await startTestWorker(server);
    ops = await server.as('ops.demo');
    const merchant = await server.as('merchant.one');
    const [{ id }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Northwind Goods'`);
    await merchant.ok(SAVE, { m: id, v: 0, rules: RULES });
  });
  afterAll(async () => {
    await worker?.stop();
    await server?.close();
  });

  it('offers store credit by product category, and re-checks the chosen outcome, writing nothing on a refusal', async () => {
    const jacket = await orderOf('NW-JACK-05'); // apparel: credit offered
    const kettle = await orderOf('NW-KETL-02'); // electronics: no credit
    expect((await jacket.customer.ok(ELIGIBILITY, { id: jacket.order.id })).returnEligibility.items[0]).toEqual({ orderItemId: jacket.item.id, outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE'], storeCreditBonusPercent: 10 });
    expect((await kettle.customer.ok(ELIGIBILITY, { id: kettle.order.id })).returnEligibility.items[0].outcomes).toEqual(['REFUND', 'EXCHANGE']);

    const before = await countRows(server.orm, 'return_cases');
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ outcome: 'STORE_CREDIT' }, 'STORE_CREDIT_NOT_OFFERED'],
      [{ outcome: 'KEEP_ITEM' }, 'outcome'],
      [{ type: 'EXCHANGE', outcome: 'REFUND' }, 'outcome'],
    ];
    for (const [extra, named] of refusals) {
      const result = await kettle.customer.gql(CREATE, { input: input(kettle, extra) });
      expect(errorCode(result), JSON.stringify(extra)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result.errors![0].extensions)).toContain(named);
    }
    expect(await countRows(server.orm, 'return_cases')).toBe(before);

    const credit = (await jacket.customer.ok(CREATE, { input: input(jacket, { outcome: 'STORE_CREDIT' }) })).createReturnCase;
    expect(credit).toMatchObject({ status: 'SUBMITTED', type: 'REFUND', outcome: 'STORE_CREDIT', keepItem: false, storeCreditBonusPercent: 10 });
    // Existing clients: `type` alone still says what it said.
    const exchange = (await kettle.customer.ok(CREATE, { input: input(kettle, { type: 'EXCHANGE' }) })).createReturnCase;
    expect(exchange).toMatchObject({ type: 'EXCHANGE', outcome: 'EXCHANGE', storeCreditBonusPercent: null });
  });

  it("takes the rules' restocking fee and return shipping fee off the refund, and waives both for a defect", async () => {
    const boots = await orderOf('NW-BOOT-04'); // sports, 119.00; Northwind's own policy has no restocking fee
    const created = (await boots.customer.ok(CREATE, { input: input(boots, {}) })).createReturnCase;
    expect(await caseOf(created.id)).toMatchObject({ restockingFeePercent: 20, restockingFeeMinor: 2_380, returnShippingFeeMinor: 700, refundAmountMinor: 11_900 - 2_380 - 700 });
    const [event] = (await caseOf(created.id)).timeline.filter((e: any) => e.type === 'case_created');
    expect(event.payload.refund).toMatchObject({ items: 11_900, restockingFee: 2_380, returnShippingFee: 700, total: 8_820 });

    const broken = await orderOf('NW-BOOT-04');
    const defect = (await broken.customer.ok(CREATE, { input: input(broken, { reason: 'DEFECTIVE_DAMAGED' }) })).createReturnCase;
    expect(await caseOf(defect.id)).toMatchObject({ restockingFeeMinor: 0, returnShippingFeeMinor: 0, refundAmountMinor: 11_900 });
  });

  it('lets the customer keep the item: no label, refunded at approval through the provider, REFUNDED by the system', async () => {
    const lamp = await orderOf('NW-LAMP-03'); // home: kept, approved at once
    const created = (await lamp.customer.ok(CREATE, { input: input(lamp, {}) })).createReturnCase;
    expect(created).toMatchObject({ status: 'REFUND_PENDING', keepItem: true, outcome: 'REFUND' });
    const pending = await caseOf(created.id);
    expect(pending).toMatchObject({ labelUrl: null, labelCarrier: null, returnShippingFeeMinor: 0, refunds: [{ amountMinor: 3_499, state: 'PENDING' }] });
    const types = pending.timeline.map((e: any) => e.type);
    expect(types).toContain('item_kept');
    expect(types).not.toContain('return_label_issued');
    const moves = pending.timeline.filter((e: any) => e.type === 'status_changed').map((e: any) => e.payload.action);
    expect(moves).toEqual(['Approve', 'Issue refund (item kept)']);

    await settle();
    expect(await caseOf(created.id)).toMatchObject({ status: 'REFUNDED', refunds: [{ amountMinor: 3_499, state: 'SUCCEEDED' }] });
    expect((await providerRefunds(server.orm)).filter((r) => r.idempotency_key === `${created.id}:refund`)).toHaveLength(1);
    // The customer reads it in the history; the rule's name is the merchant's and staff's.
    const own = (await lamp.customer.ok('query Q($id: ID!) { returnCase(id: $id) { keepItem timeline { type payload } } }', { id: created.id })).returnCase;
    expect(own.keepItem).toBe(true);
    expect(own.timeline.find((e: any) => e.type === 'item_kept').payload).toEqual({ outcome: 'refund' });
  });

  it('sends the replacement at approval for an exchange the customer keeps', async () => {
    const mug = await orderOf('NW-MUG-06');
    const created = (await mug.customer.ok(CREATE, { input: input(mug, { outcome: 'EXCHANGE' }) })).createReturnCase;
    expect(created).toMatchObject({ status: 'EXCHANGED', keepItem: true });
    const rc = await caseOf(created.id);
    expect(rc).toMatchObject({ labelUrl: null, refunds: [] });
    expect(rc.exchangeOrder.number).toMatch(/^EXC-RET-/);
  });

  it('pays a store-credit outcome into the ledger with its bonus, not to the provider, once however often its job runs', async () => {
    const mug = await orderOf('NW-MUG-06'); // home: kept, credit +15 %
    const created = (await mug.customer.ok(CREATE, { input: input(mug, { outcome: 'STORE_CREDIT' }) })).createReturnCase;
    expect(created).toMatchObject({ status: 'REFUND_PENDING', outcome: 'STORE_CREDIT', storeCreditBonusPercent: 15 });
    await settle();
    const [refund] = await query<{ id: string; provider: string; state: string; idempotency_key: string }>(server.orm, 'select id, provider, state, idempotency_key from refunds where return_case_id = ?', [created.id]);
    expect(refund).toMatchObject({ provider: 'store_credit', state: 'succeeded', idempotency_key: `${created.id}:refund` });
    expect((await caseOf(created.id)).status).toBe('REFUNDED');
    expect(await movements(created.id)).toEqual([{ kind: 'BONUS', amount_minor: Math.floor((2_999 * 15) / 100) }, { kind: 'ISSUED', amount_minor: 2_999 }]);
    expect((await providerRefunds(server.orm)).filter((r) => r.idempotency_key.startsWith(created.id))).toEqual([]);

    // The job again (a repeat, a replay): nothing more is issued.
    await worker.addJob(TaskName.PROCESS_REFUND, { refundId: refund.id });
    await worker.addJob(TaskName.PROCESS_REFUND, { refundId: refund.id });
    await worker.drain();
    expect(await movements(created.id)).toHaveLength(2);
  });
});
