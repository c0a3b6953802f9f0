// Issue 22 §2: returnEligibility is asked before the customer picks a reason, so the item's own outcomes ignore rules on
// the reason; its `byReason` answers them for each reason — the outcomes (store credit, keep-the-item), the bonus and a
// refusing rule's message — with the same applyRules createReturnCase uses. createReturnCase then does what byReason
// said, reason by reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, newCustomerWithOrder } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const SAVE = `mutation S($m: ID!, $v: Int!, $rules: [ReturnRuleInput!]!) { saveReturnRules(merchantId: $m, expectedVersion: $v, rules: $rules) { version } }`;
const ELIGIBILITY = `query E($id: ID!) { returnEligibility(orderId: $id) { items { sku eligible outcomes storeCreditBonusPercent ruleMessage
  byReason { reason outcomes storeCreditBonusPercent ruleMessage } } } }`;
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { outcome keepItem storeCreditBonusPercent } }';

const FINAL_SALE = 'Final sale: boots cannot be returned because you changed your mind.';
// Northwind: a change of mind is refused for boots, earns store credit +10 % otherwise, and mugs are then kept.
const RULES = [
  { id: 'final-sale-boots', name: 'Boots, changed mind: final sale', conditions: [{ field: 'sku', anyOf: ['NW-BOOT-04'] }, { field: 'reason', anyOf: ['changed_mind'] }], actions: [{ type: 'REFUSE', message: FINAL_SALE }] },
  { id: 'credit-changed-mind', name: 'Changed mind: store credit +10 %', conditions: [{ field: 'reason', anyOf: ['changed_mind'] }], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }] },
  { id: 'keep-mugs', name: 'Mugs, changed mind: keep them', conditions: [{ field: 'sku', anyOf: ['NW-MUG-06'] }, { field: 'reason', anyOf: ['changed_mind'] }], actions: [{ type: 'KEEP_ITEM' }] },
];
const REASONS = ['DEFECTIVE_DAMAGED', 'WRONG_ITEM', 'NOT_AS_DESCRIBED', 'CHANGED_MIND', 'OTHER'];
const PLAIN = { outcomes: ['REFUND', 'EXCHANGE'], storeCreditBonusPercent: null, ruleMessage: null };

interface Terms { reason: string; outcomes: string[]; storeCreditBonusPercent: number | null; ruleMessage: string | null }

describe('returnEligibility answers the outcomes per reason, and createReturnCase agrees', () => {
  let server: TestServer;
  let customers = 0;
  /** A new customer (signed in) with one delivered Northwind order of these SKUs, one each. */
  const orderOf = async (...skus: string[]) => {
    const username = `byreason.${++customers}`;
    const order = await newCustomerWithOrder(server.orm, { username, merchantName: 'Northwind Goods', skus: skus.map((sku) => [sku, 1]), now: server.clock.now() });
    const customer = await server.as(username);
    const items = (await customer.ok(ELIGIBILITY, { id: order.id })).returnEligibility.items;
    return { order, customer, items };
  };
  const input = (order: { id: string; items: Array<{ id: string }> }, reason: string, outcome: string) =>
    ({ orderId: order.id, items: order.items.map((i) => ({ orderItemId: i.id, quantity: 1 })), reason, outcome, description: 'By reason' });

  beforeAll(async () => {
    server = await startTestServer();
    const [{ id }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Northwind Goods'`);
    await (await server.as('merchant.one')).ok(SAVE, { m: id, v: 0, rules: RULES });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers store credit, keep-the-item and a refusal for the reason they are conditioned on, and only there', async () => {
    const [jacket, mugs, boots] = (await orderOf('NW-JACK-05', 'NW-MUG-06', 'NW-BOOT-04')).items;
    // Without a reason nothing of it holds: every item is returnable, for a refund or an exchange.
    for (const item of [jacket, mugs, boots]) expect(item).toMatchObject({ eligible: true, ...PLAIN });
    const others = (item: { byReason: Terms[] }) => item.byReason.filter((t) => t.reason !== 'CHANGED_MIND');
    for (const item of [jacket, mugs, boots]) {
      expect(item.byReason.map((t: Terms) => t.reason)).toEqual(REASONS);
      expect(others(item)).toEqual(REASONS.filter((r) => r !== 'CHANGED_MIND').map((reason) => ({ reason, ...PLAIN })));
    }
    const changedMind = (item: { byReason: Terms[] }) => item.byReason.find((t) => t.reason === 'CHANGED_MIND');
    expect(changedMind(jacket)).toEqual({ reason: 'CHANGED_MIND', outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE'], storeCreditBonusPercent: 10, ruleMessage: null });
    expect(changedMind(mugs)).toEqual({ reason: 'CHANGED_MIND', outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE', 'KEEP_ITEM'], storeCreditBonusPercent: 10, ruleMessage: null });
    // A refusal offers nothing, not even the store credit another matching rule offers.
    expect(changedMind(boots)).toEqual({ reason: 'CHANGED_MIND', outcomes: [], storeCreditBonusPercent: null, ruleMessage: FINAL_SALE });
  });

  it('opens each one-item return as its byReason said, reason by reason: refused, store credit accepted or refused, kept', async () => {
    for (const sku of ['NW-JACK-05', 'NW-MUG-06', 'NW-BOOT-04']) {
      for (const reason of REASONS) {
        const { order, customer, items } = await orderOf(sku);
        const terms: Terms = items[0].byReason.find((t: Terms) => t.reason === reason);
        const label = `${sku} ${reason}`;
        const before = await countRows(server.orm, 'return_cases');
        const credit = await customer.gql(CREATE, { input: input(order, reason, 'STORE_CREDIT') });
        if (terms.ruleMessage) {
          expect(errorCode(credit), label).toBe('NOT_ELIGIBLE');
          expect(credit.errors![0].message, label).toBe(terms.ruleMessage);
          expect(errorCode(await customer.gql(CREATE, { input: input(order, reason, 'REFUND') })), label).toBe('NOT_ELIGIBLE');
          expect(await countRows(server.orm, 'return_cases'), label).toBe(before);
          continue;
        }
        const kept = terms.outcomes.includes('KEEP_ITEM');
        if (terms.outcomes.includes('STORE_CREDIT')) {
          expect(credit.data?.createReturnCase, label).toEqual({ outcome: 'STORE_CREDIT', keepItem: kept, storeCreditBonusPercent: terms.storeCreditBonusPercent });
          continue;
        }
        expect(errorCode(credit), label).toBe('BAD_USER_INPUT');
        expect(credit.errors![0].extensions!.rule, label).toBe('STORE_CREDIT_NOT_OFFERED');
        expect(await countRows(server.orm, 'return_cases'), label).toBe(before);
        const refund = (await customer.ok(CREATE, { input: input(order, reason, 'REFUND') })).createReturnCase;
        expect(refund, label).toEqual({ outcome: 'REFUND', keepItem: kept, storeCreditBonusPercent: null });
      }
    }
  });

  it('judges several items together as the page combines their terms: credit when any offers it, kept only when all are, refused when any is', async () => {
    const both = await orderOf('NW-JACK-05', 'NW-MUG-06');
    expect((await both.customer.ok(CREATE, { input: input(both.order, 'CHANGED_MIND', 'STORE_CREDIT') })).createReturnCase)
      .toEqual({ outcome: 'STORE_CREDIT', keepItem: false, storeCreditBonusPercent: 10 });
    const withBoots = await orderOf('NW-JACK-05', 'NW-BOOT-04');
    const refused = await withBoots.customer.gql(CREATE, { input: input(withBoots.order, 'CHANGED_MIND', 'STORE_CREDIT') });
    expect(errorCode(refused)).toBe('NOT_ELIGIBLE');
    expect(refused.errors![0].message).toBe(FINAL_SALE);
  });
});
