// A merchant's return rules over the API (issue 22 §1): the default set derived from the policy, saving a new
// version (audited, append-only history), a stale version answering CONFLICT, a wrong rule answering BAD_USER_INPUT
// that names the rule and the field, and in each refusal nothing saved. Who may call at all is in role-matrix.test.ts.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeRuleSet } from '../../server/src/modules/rules/rule-set-cache.js';
import { query } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

// Statements sent to PostgreSQL by this file's worker (the test server runs in it too), as query-budget.test.ts counts.
let statements = 0;
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (sendQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;
const statementsOf = async <T>(send: () => Promise<T>): Promise<{ value: T; statements: number }> => {
  const before = statements;
  const value = await send();
  return { value, statements: statements - before };
};

const RULES = `query R($m: ID!) { returnRules(merchantId: $m) { merchantId version isDefault updatedAt updatedBy
  rules { id name conditions { field min max anyOf } actions { type priority message photos bonusPercent percent amountMinor } } } }`;
const SAVE = `mutation S($m: ID!, $v: Int!, $rules: [ReturnRuleInput!]!) { saveReturnRules(merchantId: $m, expectedVersion: $v, rules: $rules) {
  version isDefault updatedBy rules { id name conditions { field min max anyOf } actions { type bonusPercent message } } } }`;

const KEEP_CHEAP = { id: 'keep-cheap', name: 'Keep items under 15.00', conditions: [{ field: 'itemPriceMinor', max: 1_499 }], actions: [{ type: 'KEEP_ITEM' }, { type: 'AUTO_APPROVE' }] };
const CREDIT = { name: 'Store credit with a bonus', conditions: [], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 10 }] };

describe('return rules', () => {
  let server: TestServer;
  let merchant: ApiClient;
  let admin: ApiClient;
  let northwind: string;
  let bazaar: string;

  const versions = async (merchantId: string) =>
    (await query<{ n: string }>(server.orm, 'select count(*) as n from return_rule_set_versions where merchant_id = ?', [merchantId]))[0].n;

  beforeAll(async () => {
    server = await startTestServer();
    [merchant, admin] = await Promise.all([server.as('merchant.one'), server.as('admin.demo')]);
    const ids = await query<{ id: string; name: string }>(server.orm, 'select id, name from merchant_profiles');
    northwind = ids.find((m) => m.name === 'Northwind Goods')!.id;
    bazaar = ids.find((m) => m.name === 'Bazaar Marketplace')!.id;
  });
  afterAll(() => server.close());

  it("answers the policy's numbers as the default rule set (version 0) until the merchant saves rules", async () => {
    await admin.ok('mutation P($m: ID!) { updateMerchantPolicy(merchantId: $m, input: { returnWindowDays: 21, autoApproveLimitMinor: 5000, restockingFeePercent: 10 }) { id } }', { m: bazaar });
    const set = (await admin.ok(RULES, { m: bazaar })).returnRules;
    expect(set).toMatchObject({ merchantId: bazaar, version: 0, isDefault: true, updatedAt: null, updatedBy: null });
    expect(set.rules.map((r: any) => [r.id, r.conditions, r.actions.map((a: any) => a.type)])).toEqual([
      ['default-return-window', [{ field: 'daysSinceDelivery', min: 22, max: null, anyOf: null }], ['REFUSE']],
      ['default-auto-approve', [{ field: 'returnValueMinor', min: null, max: 4_999, anyOf: null }, { field: 'riskLabel', min: null, max: null, anyOf: ['low'] }], ['AUTO_APPROVE']],
      ['default-restocking-fee', [{ field: 'reason', min: null, max: null, anyOf: ['not_as_described', 'changed_mind', 'other'] }], ['RESTOCKING_FEE']],
    ]);
    expect(set.rules[2].actions[0].percent).toBe(10);
    expect(await versions(bazaar)).toBe('0');
  });

  it("hides another merchant's rules like a missing merchant", async () => {
    expect(errorCode(await merchant.gql(RULES, { m: bazaar }))).toBe('NOT_FOUND');
    expect(errorCode(await merchant.gql(SAVE, { m: bazaar, v: 0, rules: [CREDIT] }))).toBe('NOT_FOUND');
    expect(errorCode(await admin.gql(RULES, { m: 'not-a-uuid' }))).toBe('NOT_FOUND');
    expect(await versions(bazaar)).toBe('0');
  });

  it('saves a new version with the history and the audit row; a stale version gets CONFLICT and changes nothing', async () => {
    const saved = (await merchant.ok(SAVE, { m: northwind, v: 0, rules: [KEEP_CHEAP, CREDIT] })).saveReturnRules;
    expect(saved).toMatchObject({ version: 1, isDefault: false, updatedBy: 'merchant.one' });
    expect(saved.rules[0]).toEqual({ id: 'keep-cheap', name: KEEP_CHEAP.name, conditions: [{ field: 'itemPriceMinor', min: null, max: 1_499, anyOf: null }], actions: [{ type: 'KEEP_ITEM', bonusPercent: null, message: null }, { type: 'AUTO_APPROVE', bonusPercent: null, message: null }] });
    expect(saved.rules[1].id).toMatch(/^[0-9a-f-]{36}$/);
    const read = (await merchant.ok(RULES, { m: northwind })).returnRules;
    expect(read.rules.map((r: any) => r.id)).toEqual(saved.rules.map((r: any) => r.id));

    const stale = await merchant.gql(SAVE, { m: northwind, v: 0, rules: [CREDIT] });
    expect(errorCode(stale)).toBe('CONFLICT');
    const next = (await admin.ok(SAVE, { m: northwind, v: 1, rules: [CREDIT] })).saveReturnRules;
    expect(next).toMatchObject({ version: 2, updatedBy: 'admin.demo' });
    expect(errorCode(await merchant.gql(SAVE, { m: northwind, v: 1, rules: [] }))).toBe('CONFLICT');

    expect((await merchant.ok(RULES, { m: northwind })).returnRules.version).toBe(2);
    const history = await query<{ version: number; actor_label: string; n: number }>(server.orm,
      'select version, actor_label, jsonb_array_length(rules) as n from return_rule_set_versions where merchant_id = ? order by version', [northwind]);
    expect(history).toEqual([{ version: 1, actor_label: 'merchant.one', n: 2 }, { version: 2, actor_label: 'admin.demo', n: 1 }]);
    const changes = (await admin.ok('query P($m: ID!) { merchantPolicy(merchantId: $m) { policyChanges { actorLabel changes } } }', { m: northwind })).merchantPolicy.policyChanges;
    expect(changes.filter((c: any) => c.changes.returnRules).map((c: any) => [c.actorLabel, c.changes.returnRules.to])).toEqual([
      ['admin.demo', 'version 2 (1 rules)'], ['merchant.one', 'version 1 (2 rules)'],
    ]);
    // The history is append-only.
    await expect(query(server.orm, 'update return_rule_set_versions set actor_label = ? where merchant_id = ?', ['someone', northwind])).rejects.toThrow(/append-only/);
  });

  it('refuses a rule set that cannot be right with BAD_USER_INPUT naming the rule and the field, and saves nothing', async () => {
    const before = (await admin.ok(RULES, { m: bazaar })).returnRules;
    const tooGenerous = { id: 'generous', name: 'Too generous', conditions: [], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 150 }] };
    const result = await admin.gql(SAVE, { m: bazaar, v: 0, rules: [CREDIT, tooGenerous] });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions).toMatchObject({ ruleIndex: 1, ruleId: 'generous', field: 'actions[0].bonusPercent' });
    expect(result.errors![0].message).toContain('Too generous');
    const unknownField = await admin.gql(SAVE, { m: bazaar, v: 0, rules: [{ name: 'Colour', conditions: [{ field: 'colour', anyOf: ['red'] }], actions: [{ type: 'KEEP_ITEM' }] }] });
    expect(unknownField.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ruleIndex: 0, ruleId: null, field: 'conditions[0].field' });
    const tooMany = await admin.gql(SAVE, { m: bazaar, v: 0, rules: Array.from({ length: 101 }, (_, i) => ({ ...CREDIT, name: `Rule ${i}` })) });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules' });
    expect((await admin.ok(RULES, { m: bazaar })).returnRules).toEqual(before);
    expect(await versions(bazaar)).toBe('0');
  });

  it('lets exactly one of two saves from the same version win', async () => {
    const current = (await admin.ok(RULES, { m: northwind })).returnRules.version;
    const results = await Promise.all([0, 1].map((i) => admin.gql(SAVE, { m: northwind, v: current, rules: [{ ...CREDIT, name: `Racer ${i}` }] })));
    expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined].sort());
    expect((await admin.ok(RULES, { m: northwind })).returnRules.version).toBe(current + 1);
  });

  it('gives the evaluator the current version in one statement, reading the rules again only after a save', async () => {
    const em = () => server.orm.em.fork();
    const policy = { id: northwind, returnWindowDays: 30, autoApproveLimitMinor: 0, restockingFeePercent: 0 };
    const first = await statementsOf(() => activeRuleSet(em(), policy));
    const cached = await statementsOf(() => activeRuleSet(em(), policy));
    expect(cached.value).toBe(first.value);
    await admin.ok(SAVE, { m: northwind, v: first.value.version, rules: [KEEP_CHEAP] });
    const after = await statementsOf(() => activeRuleSet(em(), policy));
    expect(after.value.version).toBe(first.value.version + 1);
    expect(after.value.rules.map((r) => r.id)).toEqual(['keep-cheap']);
    // A merchant without saved rules gets its policy's default set.
    const fallback = await statementsOf(() => activeRuleSet(em(), { ...policy, id: bazaar }));
    expect(fallback.value.version).toBe(0);
    expect([first, cached, after, fallback].map((r) => r.statements)).toEqual([1, 1, 1, 1]);
  });
});
