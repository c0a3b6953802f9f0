// A merchant's saved return rules applied to the next returns (issue 22 §1-2): returnEligibility says per item what
// the rules say (a refusal with its message, photos asked for, the outcomes on offer), and createReturnCase follows
// them — a refusal (NOT_ELIGIBLE, nothing written), photos required (BAD_USER_INPUT naming the requirement), an
// automatic approval, a review with a priority — and records every rule the case met, on the case (staff and the
// merchant only) and in its case_created event; rules on the risk apply once the case is scored. A merchant without
// saved rules goes on as before (default set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoOrder, countRows, newCustomerWithOrder } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type ApiClient, type GraphQLResponse, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { file, jpeg, multipartForm } from '../helpers/uploads.js';

const SAVE = `mutation S($m: ID!, $v: Int!, $rules: [ReturnRuleInput!]!) { saveReturnRules(merchantId: $m, expectedVersion: $v, rules: $rules) { version } }`;
const ELIGIBILITY = `query E($id: ID!) { returnEligibility(orderId: $id) {
  items { orderItemId eligible reason ruleMessage requiredPhotos outcomes storeCreditBonusPercent } } }`;
const CREATE = `mutation C($input: CreateReturnCaseInput!, $evidence: [Upload!]) {
  createReturnCase(input: $input, evidence: $evidence) { id status priority slaDueAt createdAt } }`;
const WHY = 'query W($id: ID!) { returnCase(id: $id) { status priority matchedRules { ruleId name version actions } } }';
const TIMELINE = 'query T($id: ID!) { returnCase(id: $id) { timeline { type payload } } }';

const REFUSAL = 'Wrong items are exchanged by phone: call us on 0800 123 456.';
const rulesFor = (refusedSku: string) => [
  { id: 'sealed-sku', name: 'Sealed goods stay sold', conditions: [{ field: 'sku', anyOf: [refusedSku] }], actions: [{ type: 'REFUSE', message: 'Sealed goods cannot be returned once opened.' }] },
  { id: 'wrong-by-phone', name: 'Wrong items by phone', conditions: [{ field: 'reason', anyOf: ['wrong_item'] }], actions: [{ type: 'REFUSE', message: REFUSAL }] },
  { id: 'damaged-photos', name: 'Damaged: two photos, then review', conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }], actions: [{ type: 'REQUIRE_PHOTOS', photos: 2 }, { type: 'REVIEW', priority: 'HIGH' }] },
  { id: 'changed-mind-ok', name: 'Changed mind: approve', conditions: [{ field: 'reason', anyOf: ['changed_mind'] }], actions: [{ type: 'AUTO_APPROVE' }, { type: 'KEEP_ITEM' }] },
  { id: 'credit-all', name: 'Store credit for everyone', conditions: [], actions: [{ type: 'OFFER_STORE_CREDIT', bonusPercent: 5 }] },
];

describe('return rules applied to new returns', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let ops: ApiClient;
  /** The items of a new Northwind customer's delivered order, used up one by one (each case returns one). */
  const lines: Array<{ order: DemoOrder; itemId: string; sku: string }> = [];
  let sealed: { order: DemoOrder; itemId: string; sku: string };

  /** A new customer with one order, delivered yesterday, of `count` of the merchant's products. */
  const orderOf = async (username: string, merchantName: string, count: number) => {
    const skus = await query<{ sku: string }>(server.orm, `select p.sku from products p join merchant_profiles m on m.id = p.merchant_id
      where m.name = ? order by p.sku limit ?`, [merchantName, count]);
    return newCustomerWithOrder(server.orm, { username, merchantName, skus: skus.map((p) => [p.sku, 1]), now: server.clock.now() });
  };

  const open = async (reason: string, photos = 0, client = customer) => {
    const line = lines.shift()!;
    const input = { orderId: line.order.id, items: [{ orderItemId: line.itemId, quantity: 1 }], reason, description: 'Rules test' };
    const files = await Promise.all(Array.from({ length: photos }, async (_, i) => file(`photo-${i}.jpg`, 'image/jpeg', await jpeg(i + 1))));
    const res = await client.multipart(multipartForm(CREATE, { input }, files, 'evidence'));
    return { line, result: (await res.json()) as GraphQLResponse<any> };
  };

  beforeAll(async () => {
    server = await startTestServer();
    const order = await orderOf('rules.customer', 'Northwind Goods', 6);
    for (const item of order.items) lines.push({ order, itemId: item.id, sku: item.sku });
    sealed = lines.pop()!;
    [customer, merchant, ops] = await Promise.all([server.as('rules.customer'), server.as('merchant.one'), server.as('ops.demo')]);
    const [{ id: northwind }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Northwind Goods'`);
    await merchant.ok(SAVE, { m: northwind, v: 0, rules: rulesFor(sealed.sku) });
  });
  afterAll(() => server.close());

  it('answers eligibility per item: the refusing rule with its message, the outcomes and bonus on offer', async () => {
    const items = (await customer.ok(ELIGIBILITY, { id: sealed.order.id })).returnEligibility.items;
    const refused = items.find((i: any) => i.orderItemId === sealed.itemId);
    expect(refused).toMatchObject({ eligible: false, reason: 'Sealed goods cannot be returned once opened.', ruleMessage: 'Sealed goods cannot be returned once opened.', outcomes: [] });
    const open = (await customer.ok(ELIGIBILITY, { id: lines[0].order.id })).returnEligibility.items.find((i: any) => i.orderItemId === lines[0].itemId);
    // The reason is not chosen yet: only the rules without a reason condition speak (store credit for everyone).
    expect(open).toMatchObject({ eligible: true, ruleMessage: null, requiredPhotos: 0, outcomes: ['REFUND', 'STORE_CREDIT', 'EXCHANGE'], storeCreditBonusPercent: 5 });
  });

  it('refuses a return a rule refuses, with the rule\'s message, and writes nothing', async () => {
    const before = await countRows(server.orm, 'return_cases');
    const { line, result } = await open('WRONG_ITEM');
    expect(errorCode(result)).toBe('NOT_ELIGIBLE');
    expect(result.errors![0].message).toBe(REFUSAL);
    expect(result.errors![0].extensions).toMatchObject({ rule: 'RETURN_RULE', ruleId: 'wrong-by-phone' });
    expect(await countRows(server.orm, 'return_cases')).toBe(before);
    lines.unshift(line); // still unused
    // The sealed item is refused the same way when asked for directly.
    const input = { orderId: sealed.order.id, items: [{ orderItemId: sealed.itemId, quantity: 1 }], reason: 'OTHER', description: 'Rules test' };
    const sealedTry = await customer.gql(CREATE, { input });
    expect(errorCode(sealedTry)).toBe('NOT_ELIGIBLE');
    expect(await countRows(server.orm, 'return_cases')).toBe(before);
  });

  it('asks for the photos a rule requires, naming the requirement, then sends the case to review with its priority', async () => {
    const before = await countRows(server.orm, 'return_cases');
    const short = await open('DEFECTIVE_DAMAGED', 1);
    expect(errorCode(short.result)).toBe('BAD_USER_INPUT');
    expect(short.result.errors![0].message).toContain('at least 2 photos');
    expect(short.result.errors![0].extensions).toMatchObject({ field: 'evidence', requiredPhotos: 2, ruleId: 'damaged-photos' });
    expect(await countRows(server.orm, 'return_cases')).toBe(before);
    lines.unshift(short.line);

    const { result } = await open('DEFECTIVE_DAMAGED', 2);
    expect(result.errors).toBeUndefined();
    const created = result.data.createReturnCase;
    expect(created).toMatchObject({ status: 'SUBMITTED', priority: 'HIGH' });
    expect(new Date(created.slaDueAt).getTime() - new Date(created.createdAt).getTime()).toBe(72 * 3_600_000); // high: 72 h to resolve
    const why = (await ops.ok(WHY, { id: created.id })).returnCase;
    expect(why.priority).toBe('HIGH');
    expect(why.matchedRules.map((r: any) => r.ruleId)).toEqual(['damaged-photos', 'credit-all']);
    expect(why.matchedRules[0]).toEqual({ ruleId: 'damaged-photos', name: 'Damaged: two photos, then review', version: 1, actions: [{ type: 'REQUIRE_PHOTOS', photos: 2 }, { type: 'REVIEW', priority: 'high' }] });
  });

  it('approves at once when the deciding rule says so, and records every rule met on the case and in its audit trail', async () => {
    const { result } = await open('CHANGED_MIND');
    expect(result.errors).toBeUndefined();
    const id = result.data.createReturnCase.id;
    // Approved by the rule; the same rule lets the customer keep the item, so the approval moves straight on to the
    // refund (issue 22: no label, money at approval) — the approval itself is checked in the timeline below.
    expect(result.data.createReturnCase.status).toBe('REFUND_PENDING');
    const why = (await merchant.ok(WHY, { id })).returnCase;
    expect(why.matchedRules.map((r: any) => r.ruleId)).toEqual(['changed-mind-ok', 'credit-all']);
    const timeline = (await ops.ok(TIMELINE, { id })).returnCase.timeline;
    const created = timeline.find((e: any) => e.type === 'case_created');
    expect(created.payload.rules).toMatchObject({ version: 1, matched: [{ ruleId: 'changed-mind-ok' }, { ruleId: 'credit-all' }] });
    const approval = timeline.find((e: any) => e.type === 'status_changed' && e.payload.automatic);
    expect(approval.payload.rule).toBe('changed-mind-ok');
  });

  it('shows the customer neither the matched rules nor their record in the timeline', async () => {
    const [{ id }] = await query<{ id: string }>(server.orm, `select id from return_cases where matched_rules is not null order by created_at desc limit 1`);
    const denied = await customer.gql('query W($id: ID!) { returnCase(id: $id) { matchedRules { ruleId } } }', { id });
    expect(errorCode(denied)).toBe('FORBIDDEN');
    const timeline = (await customer.ok(TIMELINE, { id })).returnCase.timeline;
    const created = timeline.find((e: any) => e.type === 'case_created');
    expect(created.payload).not.toHaveProperty('rules');
    expect(created.payload).toHaveProperty('reason');
  });

  it('leaves the merchant to decide when no rule decides', async () => {
    const { result } = await open('OTHER');
    expect(result.errors).toBeUndefined();
    expect(result.data.createReturnCase).toMatchObject({ status: 'SUBMITTED', priority: 'MEDIUM' });
    const why = (await ops.ok(WHY, { id: result.data.createReturnCase.id })).returnCase;
    expect(why.matchedRules.map((r: any) => r.ruleId)).toEqual(['credit-all']);
  });

  it('applies rules on the risk once the case is scored: a refusal then undoes the case, a review sets its priority', async () => {
    const [{ id: northwind }] = await query<{ id: string }>(server.orm, `select id from merchant_profiles where name = 'Northwind Goods'`);
    const scored = { field: 'riskScore', min: 0, max: 1 }; // holds for every scored case, never before the score
    await merchant.ok(SAVE, { m: northwind, v: 1, rules: [{ id: 'risky-refused', name: 'Scored: refuse', conditions: [scored], actions: [{ type: 'REFUSE', message: 'Refused after scoring.' }] }] });
    const [cases, scores] = [await countRows(server.orm, 'return_cases'), (await query<{ n: string }>(server.orm, 'select count(*) as n from risk_scores'))[0].n];
    const refused = await open('OTHER');
    expect(errorCode(refused.result)).toBe('NOT_ELIGIBLE');
    expect(refused.result.errors![0].message).toBe('Refused after scoring.');
    expect(await countRows(server.orm, 'return_cases')).toBe(cases);
    expect((await query<{ n: string }>(server.orm, 'select count(*) as n from risk_scores'))[0].n).toBe(scores);
    lines.unshift(refused.line);

    await merchant.ok(SAVE, { m: northwind, v: 2, rules: [{ id: 'risky-urgent', name: 'Scored: urgent review', conditions: [scored], actions: [{ type: 'REVIEW', priority: 'URGENT' }] }] });
    const { result } = await open('OTHER');
    expect(result.errors).toBeUndefined();
    const id = result.data.createReturnCase.id;
    expect(result.data.createReturnCase.priority).toBe('URGENT');
    expect(new Date(result.data.createReturnCase.slaDueAt).getTime() - new Date(result.data.createReturnCase.createdAt).getTime()).toBe(24 * 3_600_000);
    const why = (await ops.ok(WHY, { id })).returnCase;
    expect(why).toMatchObject({ priority: 'URGENT', matchedRules: [{ ruleId: 'risky-urgent', version: 3 }] });
    // The case_created event holds what was known when the case was written: no score yet, so no rule on it.
    const created = (await ops.ok(TIMELINE, { id })).returnCase.timeline.find((e: any) => e.type === 'case_created');
    expect(created.payload.rules).toEqual({ version: 3, matched: [] });
  });

  it('keeps a merchant without saved rules on its policy, recording the default rules it met (version 0)', async () => {
    const order = await orderOf('rules.customer.two', 'Bazaar Marketplace', 1);
    const other = await server.as('rules.customer.two');
    const item = (await other.ok(ELIGIBILITY, { id: order.id })).returnEligibility.items.find((i: any) => i.eligible);
    expect(item).toMatchObject({ ruleMessage: null, requiredPhotos: 0, outcomes: ['REFUND', 'EXCHANGE'], storeCreditBonusPercent: null });
    const created = (await other.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: item.orderItemId, quantity: 1 }], reason: 'CHANGED_MIND', description: 'Rules test' } })).createReturnCase;
    expect(created.priority).toBe('MEDIUM');
    const why = (await ops.ok(WHY, { id: created.id })).returnCase;
    const ids = why.matchedRules.map((r: any) => r.ruleId);
    expect(ids).toContain('default-restocking-fee');
    expect(why.matchedRules.every((r: any) => r.version === 0)).toBe(true);
    // The default auto-approve rule decided exactly when the policy's test does.
    expect(why.status === 'APPROVED').toBe(ids.includes('default-auto-approve'));
  });
});
