// The policy simulator's figures on a small known dataset (issue 22 §6): four cases opened through the API in a range
// of their own (2031), with known prices, reasons and categories, replayed under a draft whose every rule is met by
// one case. The expected money is worked out by hand from the catalogue prices, the policy's 10 % restocking fee
// and the orders' 5.99 shipping fee. Also: batches (keyset pages of one case, ties on created_at included) give the
// same answer, and the synchronous form refuses a range holding more cases than it answers at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateRules } from '../../server/src/modules/rules/rule-simulator.js';
import { query } from '../helpers/money.js';
import { DRAFT, RANGE, T0, openKnownCases } from '../helpers/rule-simulation-cases.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';

const OUTCOMES = 'approved refused reviewed undecided kept credited refundMinor creditMinor creditBonusMinor labelsAvoided shippingAvoidedMinor';
const SIMULATE = `query S($m: ID!, $rules: [ReturnRuleInput!]!, $from: DateTimeISO!, $to: DateTimeISO!) {
  simulateReturnRules(merchantId: $m, rules: $rules, from: $from, to: $to) {
    currentVersion cases currency ruleMatches { ruleId cases } before { ${OUTCOMES} } after { ${OUTCOMES} }
    changedCases { caseId number before after } } }`;
describe('simulateReturnRules: the figures on a known dataset', () => {
  let server: TestServer;
  let merchant: ApiClient;
  let merchantId: string;
  let cases: Array<{ id: string; number: string }>;
  let opened: Array<{ refund_amount_minor: number; restocking_fee_minor: number }>;

  beforeAll(async () => {
    server = await startTestServer({ now: T0 });
    ({ merchantId, cases } = await openKnownCases(server));
    merchant = await server.as('merchant.one');
    opened = await Promise.all(cases.map(async (c) => (await query(server.orm, 'select refund_amount_minor, restocking_fee_minor from return_cases where id = ?', [c.id]))[0]));
  });
  afterAll(() => server.close());

  it('answers counts, refund money, credit with its bonus and the shipping avoided, before and after', async () => {
    // As opened: the items, less 10 % restocking fee where the reason is not the merchant's fault, plus shipping.
    expect(opened).toEqual([
      { refund_amount_minor: 2999 - 300 + 599, restocking_fee_minor: 300 },
      { refund_amount_minor: 3499 + 599, restocking_fee_minor: 0 },
      { refund_amount_minor: 8900 - 890 + 599, restocking_fee_minor: 890 },
      { refund_amount_minor: 19998 - 2000 + 599, restocking_fee_minor: 2000 },
    ]);
    const result = (await merchant.ok(SIMULATE, { m: merchantId, rules: DRAFT, ...RANGE })).simulateReturnRules;
    expect(result).toMatchObject({ currentVersion: 0, cases: 4, currency: 'USD' });
    expect(result.ruleMatches).toEqual([
      { ruleId: 'keep-cheap', cases: 1 }, { ruleId: 'credit-defective', cases: 1 }, { ruleId: 'refuse-other', cases: 1 }, { ruleId: 'electronics-review', cases: 1 },
    ]);
    // Before (the default set: the policy): nothing refused, kept or credited; every case refunded as opened.
    expect(result.before).toMatchObject({ refused: 0, kept: 0, credited: 0, creditMinor: 0, creditBonusMinor: 0, labelsAvoided: 0, shippingAvoidedMinor: 0, refundMinor: 3298 + 4098 + 8609 + 18597 });
    expect(result.before.approved + result.before.reviewed + result.before.undecided).toBe(4);
    const lampCredit = 4098 + 410; // 10 % bonus on 40.98, half up
    expect(result.after).toEqual({
      approved: 1, refused: 1, reviewed: 1, undecided: 1, kept: 1, credited: 1,
      // The mug as opened; the gadgets without their restocking fee, less the 5.00 return shipping fee. The jacket is refused.
      refundMinor: 3298 + (19998 + 599 - 500),
      creditMinor: lampCredit,
      creditBonusMinor: 410,
      // The kept mug needs no label: its order's shipping fee.
      labelsAvoided: 1,
      shippingAvoidedMinor: 599,
    });
    const changed = new Map(result.changedCases.map((c: { number: string; after: string }) => [c.number, c.after]));
    expect(changed.get(cases[2].number)).toBe('REFUSED');
    expect(changed.get(cases[3].number)).toBe('REVIEWED');
  });

  it('gives the same answer read one case per batch, reporting progress after each', async () => {
    const em = server.orm.em.fork();
    const from = new Date(RANGE.from);
    const to = new Date(RANGE.to);
    const draft = DRAFT as Parameters<typeof simulateRules>[3];
    const progress: number[] = [];
    const oneByOne = await simulateRules(em, merchantId, [], draft, from, to, { batchSize: 1, onProgress: async (done) => void progress.push(done) });
    const whole = await simulateRules(em, merchantId, [], draft, from, to);
    expect(oneByOne).toEqual(whole);
    expect(oneByOne.cases).toBe(4);
    expect(progress).toEqual([1, 2, 3, 4, 4]);
  });
});

describe('simulateReturnRules: what answers in the request', () => {
  let server: TestServer;
  afterAll(() => server?.close());

  it('refuses a range holding more cases than it simulates at once, pointing to the background form', async () => {
    server = await startTestServer({ now: T0, config: { ruleSimulationSyncMaxCases: 3 } });
    const { merchantId } = await openKnownCases(server);
    const admin = await server.as('admin.demo');
    const refused = await admin.gql(SIMULATE, { m: merchantId, rules: DRAFT, ...RANGE });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', cases: 4, maxCases: 3 });
    expect(refused.errors![0].message).toContain('startRuleSimulation');
    // Three cases do answer.
    const fewer = { from: RANGE.from, to: '2031-03-10T12:00:00.500Z' };
    await query(server.orm, `update return_cases set created_at = created_at + interval '1 second' where id = (select id from return_cases where created_at = ? order by id limit 1)`, [T0]);
    expect((await admin.ok(SIMULATE, { m: merchantId, rules: DRAFT, ...fewer })).simulateReturnRules.cases).toBe(3);
  });
});
