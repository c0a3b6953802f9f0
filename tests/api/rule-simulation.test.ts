// The policy simulator, synchronous form (issue 22 §6, first part): a draft rule set replayed over a merchant's cases
// opened in a range, with the facts they had when opened, against its current rules. Counts are checked against
// plain SQL over the seeded cases; later rescoring must not change what a case looked like at creation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const SIMULATE = `query S($m: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
  simulateReturnRules(merchantId: $m, rules: $rules, from: $from, to: $to) {
    currentVersion cases ruleMatches { ruleId name cases }
    before { approved refused reviewed undecided kept credited } after { approved refused reviewed undecided kept credited }
    changedCases { caseId number before after } } }`;

const REFUSE_ALL = { id: 'refuse-all', name: 'Refuse everything', conditions: [], actions: [{ type: 'REFUSE', message: 'No returns.' }] };

describe('simulateReturnRules', () => {
  let server: TestServer;
  let admin: ApiClient;
  let merchant: ApiClient;
  let northwind: string;
  let bazaar: string;
  let range: { from: string; to: string };
  let casesInRange: number;

  beforeAll(async () => {
    server = await startTestServer();
    [admin, merchant] = await Promise.all([server.as('admin.demo'), server.as('merchant.one')]);
    const ids = await query<{ id: string; name: string }>(server.orm, 'select id, name from merchant_profiles');
    northwind = ids.find((m) => m.name === 'Northwind Goods')!.id;
    bazaar = ids.find((m) => m.name === 'Bazaar Marketplace')!.id;
    const [span] = await query<{ first: Date; last: Date }>(server.orm, 'select min(created_at) as first, max(created_at) as last from return_cases where merchant_id = ?', [northwind]);
    range = { from: new Date(span.first).toISOString(), to: new Date(new Date(span.last).getTime() + 1).toISOString() };
    casesInRange = Number((await query<{ n: string }>(server.orm,
      'select count(distinct rc.id) as n from return_cases rc join return_items ri on ri.return_case_id = rc.id where rc.merchant_id = ?', [northwind]))[0].n);
    expect(casesInRange).toBeGreaterThan(3);
  });
  afterAll(() => server.close());

  const simulate = (client: ApiClient, rules: unknown[], m = northwind, r = range) => client.gql(SIMULATE, { m, rules, ...r });
  const total = (o: Record<string, number>) => o.approved + o.refused + o.reviewed + o.undecided;

  it('counts every case in the range before and after, and samples the cases whose decision changes', async () => {
    const result = (await simulate(merchant, [REFUSE_ALL])).data!.simulateReturnRules;
    expect(result.currentVersion).toBe(0);
    expect(result.cases).toBe(casesInRange);
    expect(total(result.before)).toBe(casesInRange);
    expect(result.after).toEqual({ approved: 0, refused: casesInRange, reviewed: 0, undecided: 0, kept: 0, credited: 0 });
    expect(result.ruleMatches).toEqual([{ ruleId: 'refuse-all', name: 'Refuse everything', cases: casesInRange }]);
    expect(result.changedCases).toHaveLength(Math.min(20, casesInRange - result.before.refused));
    expect(result.changedCases.every((c: any) => c.after === 'REFUSED' && c.before !== 'REFUSED')).toBe(true);
  });

  it('matches conditions against the facts of each case when it was opened', async () => {
    const [{ price }] = await query<{ price: number }>(server.orm,
      'select percentile_disc(0.5) within group (order by oi.unit_price_minor) as price from return_cases rc join return_items ri on ri.return_case_id = rc.id join order_items oi on oi.id = ri.order_item_id where rc.merchant_id = ?', [northwind]);
    const cheap = Number((await query<{ n: string }>(server.orm,
      'select count(distinct rc.id) as n from return_cases rc join return_items ri on ri.return_case_id = rc.id join order_items oi on oi.id = ri.order_item_id where rc.merchant_id = ? and oi.unit_price_minor <= ?', [northwind, price]))[0].n);
    const highRisk = async () => Number((await query<{ n: string }>(server.orm,
      `select count(*) as n from return_cases rc where rc.merchant_id = ? and exists (select 1 from return_items ri where ri.return_case_id = rc.id)
         and (select s.label from risk_scores s where s.return_case_id = rc.id order by s.created_at limit 1) = 'high'`, [northwind]))[0].n);
    const rules = [
      { id: 'keep-cheap', name: 'Keep cheap items', conditions: [{ field: 'itemPriceMinor', max: price }], actions: [{ type: 'KEEP_ITEM' }] },
      { id: 'high-risk', name: 'High risk to review', conditions: [{ field: 'riskLabel', anyOf: ['high'] }], actions: [{ type: 'REVIEW', priority: 'HIGH' }] },
    ];
    const first = (await simulate(admin, rules)).data!.simulateReturnRules;
    expect(first.ruleMatches.map((m: any) => m.cases)).toEqual([cheap, await highRisk()]);
    expect(first.after.kept).toBe(cheap);
    expect(cheap).toBeGreaterThan(0);

    // A later rescore of every case as high risk does not change what the cases looked like when opened.
    await query(server.orm, `insert into risk_scores (id, return_case_id, model_version, score, label, reason_codes, features, created_at)
      select gen_random_uuid(), id, 'later', 0.99, 'high', '[]', '{}', now() + interval '1 day' from return_cases where merchant_id = ?`, [northwind]);
    const again = (await simulate(admin, rules)).data!.simulateReturnRules;
    expect(again.ruleMatches).toEqual(first.ruleMatches);
  });

  it('compares with the saved rules once there are some', async () => {
    await admin.ok('mutation S($m: ID!, $rules: [ReturnRuleInput!]!) { saveReturnRules(merchantId: $m, expectedVersion: 0, rules: $rules) { version } }', { m: northwind, rules: [REFUSE_ALL] });
    const result = (await simulate(merchant, [REFUSE_ALL])).data!.simulateReturnRules;
    expect(result.currentVersion).toBe(1);
    expect(result.before).toEqual(result.after);
    expect(result.changedCases).toEqual([]);
  });

  it('refuses a wrong range or rule with BAD_USER_INPUT, and another merchant with NOT_FOUND', async () => {
    const from = '2026-01-01T00:00:00.000Z';
    expect((await simulate(admin, [], northwind, { from, to: '2027-01-03T00:00:00.000Z' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await simulate(admin, [], northwind, { from, to: from })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(errorCode(await simulate(admin, [], northwind, { from, to: '2027-01-02T00:00:00.000Z' }))).toBeUndefined();
    const wrong = await simulate(admin, [{ name: 'Bonus', conditions: [], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 101 }] }]);
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ruleIndex: 0, field: 'actions[0].bonusPercent' });
    expect(errorCode(await simulate(merchant, [], bazaar))).toBe('NOT_FOUND');
  });
});
