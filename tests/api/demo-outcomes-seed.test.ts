// The outcomes demo data (issue 22): Tidewater Outfitters has a saved rule set (version 1) and no other demo merchant
// has one (the tests relying on Northwind's and Bazaar's policies keep working); customer.three's delivered Tidewater
// orders offer what the rules say, fees and photos per reason included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIDEWATER_RULES } from '../../seeds/demo-outcomes.js';
import { query } from '../helpers/money.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

const RULES = 'query R($m: ID!) { returnRules(merchantId: $m) { version isDefault rules { id name } } }';
const ORDERS = '{ orders { edges { node { id status merchant { name } items { sku } } } } }';
const ELIGIBILITY = 'query E($id: ID!) { returnEligibility(orderId: $id) { eligible items { sku outcomes storeCreditBonusPercent byReason { reason returnShippingFeeMinor requiredPhotos } } } }';

describe('demo data: the outcomes merchant', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('Tidewater alone has saved rules, at version 1 with its history row; money moves at the first carrier scan', async () => {
    const saved = await query<{ name: string; version: number; history: number; refund_timing: string }>(server.orm,
      `select m.name, s.version, (select count(*)::int from return_rule_set_versions v where v.merchant_id = m.id) as history, m.refund_timing
         from return_rule_sets s join merchant_profiles m on m.id = s.merchant_id`);
    expect(saved).toEqual([{ name: 'Tidewater Outfitters', version: 1, history: 1, refund_timing: 'first_carrier_scan' }]);
    const [{ id }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Tidewater Outfitters'`);
    const { returnRules } = await (await server.as('merchant.three')).ok(RULES, { m: id });
    expect(returnRules).toEqual({ version: 1, isDefault: false, rules: TIDEWATER_RULES.map(({ id: ruleId, name }) => ({ id: ruleId, name })) });
  });

  it("customer.three's delivered order offers store credit +10 %, keeps the socks, and charges the label for a change of mind", async () => {
    const customer = await server.as('customer.three');
    const orders = (await customer.ok(ORDERS)).orders.edges.map((e: { node: unknown }) => e.node);
    expect(orders.length).toBeGreaterThanOrEqual(2);
    for (const order of orders) expect(order).toMatchObject({ status: 'DELIVERED', merchant: { name: 'Tidewater Outfitters' } });
    const socksOrder = orders.find((o: { items: Array<{ sku: string }> }) => o.items.some((i) => i.sku === 'TW-SOCK-01'));
    const { returnEligibility } = await customer.ok(ELIGIBILITY, { id: socksOrder.id });
    expect(returnEligibility.eligible).toBe(true);
    const [socks, bottle] = returnEligibility.items;
    expect(socks).toMatchObject({ sku: 'TW-SOCK-01', outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE', 'KEEP_ITEM'], storeCreditBonusPercent: 10 });
    expect(bottle).toMatchObject({ sku: 'TW-BOTL-03', outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE'], storeCreditBonusPercent: 10 });
    const terms = (item: { byReason: Array<{ reason: string }> }, reason: string) => item.byReason.find((r) => r.reason === reason);
    expect(terms(bottle, 'CHANGED_MIND')).toEqual({ reason: 'CHANGED_MIND', returnShippingFeeMinor: 495, requiredPhotos: 0 });
    expect(terms(bottle, 'DEFECTIVE_DAMAGED')).toEqual({ reason: 'DEFECTIVE_DAMAGED', returnShippingFeeMinor: null, requiredPhotos: 1 });
    // The rule's fee is answered for the socks too; kept, they have no label, so the page and the case charge none.
    expect(terms(socks, 'CHANGED_MIND')).toEqual({ reason: 'CHANGED_MIND', returnShippingFeeMinor: 495, requiredPhotos: 0 });
  });
});
