// Property-based fuzzing of EVERY mutation (issue #10). The list of mutations comes from the built schema, so a
// new mutation is fuzzed without anyone writing a line here; the arguments are generated from the mutation's own
// argument types: huge strings, unicode (RTL, NUL, lone surrogates, emoji), negative / enormous / fractional numbers
// for Int fields, wrong enum values, empty lists, unknown ids and other parties' ids — sent as variables by every
// role. Properties, for every call:
//   1. the answer is a GraphQL response whose errors all carry a code, and never INTERNAL_SERVER_ERROR;
//   2. a refused call writes nothing (row counts of the product's tables unchanged);
//   3. an audit event of a status change only with a real status change (from ≠ to, and the case's status moved).
// Reproduce a failure with FUZZ_SEED=<seed printed below> (and the path fast-check prints).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../server/src/schema.js';
import { freshDeliveredOrders, newCustomerWithOrder, ordersInStatus } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type ApiClient, type GraphQLResponse, type TestServer, startTestServer } from '../helpers/test-server.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
// The schema is built while the file loads, so the tests below are one per Mutation field of the real schema.
const schema: GraphQLSchema = await buildAppSchema();
const MUTATIONS = Object.keys(schema.getMutationType()!.getFields()).sort();
console.info(`mutation fuzz: seed ${SEED}, ${RUNS} runs per mutation (FUZZ_SEED / FUZZ_RUNS to change)`);

/** Who calls: every role, and nobody. */
const CALLERS = ['customer.one', 'customer.two', 'merchant.one', 'merchant.two', 'ops.demo', 'admin.demo', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

/** Mutations that end the caller's own session are fuzzed with a spare session each time. */
const ENDS_SESSION = new Set(['logout']);

/** Tables whose row counts a refused call must leave alone (rate_limit_counters and sessions are the throttles' and sign-in's). */
const TABLES = [
  'api_tokens', 'case_events', 'case_notes', 'case_number_counters', 'customer_profiles', 'evidence_documents', 'mail_deliveries',
  'merchant_policy_changes', 'merchant_profiles', 'order_items', 'orders', 'outbox_messages', 'payment_webhook_events', 'products', 'refunds',
  'return_cases', 'return_rule_sets', 'return_rule_set_versions', 'return_items', 'risk_scores', 'users', 'webhook_deliveries', 'webhook_endpoints',
];

const hostileStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u202Eevil\u202C', 'مرحبا بالعالم', 'שלום', '👩‍👩‍👧‍👦🏳️‍🌈', '\uD800', 'x\uDFFFy', '%s%n', "'; drop table users; --", '<script>alert(1)</script>', '../../etc/passwd', 'RET-2611-000001', 'ChangeMe123!'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 5_000 }).map((n) => '\u05D0\u0000\uD83D'.repeat(n)),
);
/** Mostly text a person could type (any script, emoji, RTL marks), sometimes hostile. */
const strings = fc.oneof({ weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }) }, { weight: 2, arbitrary: hostileStrings });
const hostileInts = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 3, 2_147_483_647, -2_147_483_648, 2_147_483_648, Number.MAX_SAFE_INTEGER, 1e21, 1.5, -0.5),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('12', 'NaN', true, null),
);

/** Real ids the templates start from (found in the demo data when the server starts). */
interface Fixtures {
  caseIn: (status: string) => string;
  returnItemsOf: (status: string) => string[];
  deliveredOrder: { id: string; itemId: string };
  confirmedOrderId: string;
  shippedOrderId: string;
  opsUserId: string;
  merchantOneId: string;
  /** A customer who is not one of the callers: setUserActive may deactivate it without signing a caller out. */
  spareUserId: string;
}
type Template = (f: Fixtures) => { caller: Caller; variables: Record<string, unknown> };

/**
 * A plausible call per mutation, the starting point that one or two fields are then replaced in (so fuzzed values
 * reach the service rules, not only input validation). The coverage test fails for a mutation without one.
 */
const TEMPLATES: Record<string, Template> = {
  activateModel: () => ({ caller: 'admin.demo', variables: { version: 'escalation-lr-0.0.0-not-registered' } }),
  addCaseNote: (f) => ({ caller: 'ops.demo', variables: { caseId: f.caseIn('in_review'), body: 'Checked the photos.', visibility: 'INTERNAL' } }),
  advanceDemoClock: () => ({ caller: 'admin.demo', variables: { hours: 1 } }),
  assignCase: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('submitted'), assigneeId: f.opsUserId } }),
  cancelOrder: (f) => ({ caller: 'customer.one', variables: { id: f.confirmedOrderId } }),
  cancelOrderWithReason: (f) => ({ caller: 'admin.demo', variables: { id: f.confirmedOrderId, reason: 'The warehouse cannot fulfil it.' } }),
  cancelReturnCase: (f) => ({ caller: 'customer.one', variables: { id: f.caseIn('submitted'), reason: 'Changed my mind.' } }),
  confirmReturnShipment: (f) => ({ caller: 'customer.one', variables: { id: f.caseIn('approved'), carrier: 'UPS', trackingNumber: '1Z999AA10123456784', description: 'Boxed and taped.' } }),
  createApiToken: () => ({ caller: 'merchant.one', variables: { name: 'warehouse system' } }),
  createReturnCase: (f) => ({ caller: 'customer.one', variables: { input: { orderId: f.deliveredOrder.id, type: 'REFUND', reason: 'CHANGED_MIND', description: 'Too big.', items: [{ orderItemId: f.deliveredOrder.itemId, quantity: 1 }] } } }),
  createWebhookEndpoint: () => ({ caller: 'merchant.one', variables: { url: 'https://partner.example.com/hooks', events: ['CASE_CREATED'] } }),
  decideReturnCase: (f) => ({ caller: 'merchant.one', variables: { id: f.caseIn('in_review'), decision: 'REJECT', reason: 'Outside the policy.' } }),
  deleteWebhookEndpoint: () => ({ caller: 'merchant.one', variables: { id: randomUUID() } }),
  enableWebhookEndpoint: () => ({ caller: 'merchant.one', variables: { id: randomUUID() } }),
  updateWebhookEndpoint: () => ({ caller: 'merchant.one', variables: { id: randomUUID(), url: 'https://partner.example.com/hooks', events: ['CASE_CREATED'] } }),
  rotateWebhookSecret: () => ({ caller: 'merchant.one', variables: { endpointId: randomUUID() } }),
  sendTestWebhook: () => ({ caller: 'merchant.one', variables: { endpointId: randomUUID() } }),
  resendWebhookDelivery: () => ({ caller: 'merchant.one', variables: { id: randomUUID() } }),
  disputeDecision: (f) => ({ caller: 'customer.one', variables: { id: f.caseIn('rejected'), reason: 'The item arrived broken.' } }),
  changePassword: () => ({ caller: 'customer.two', variables: { currentPassword: 'not the password', newPassword: 'a brand new password' } }),
  login: () => ({ caller: 'anonymous', variables: { username: 'customer.two', password: 'not the password' } }),
  logout: () => ({ caller: 'customer.two', variables: {} }),
  markOrderDelivered: (f) => ({ caller: 'admin.demo', variables: { id: f.shippedOrderId } }),
  markOrderShipped: (f) => ({ caller: 'admin.demo', variables: { id: f.confirmedOrderId } }),
  markReturnReceived: (f) => ({ caller: 'merchant.one', variables: { id: f.caseIn('in_transit'), note: 'Box intact.' } }),
  recordInspection: (f) => ({
    caller: 'merchant.one',
    variables: { id: f.caseIn('received'), input: { passed: true, notes: 'As described.', items: f.returnItemsOf('received').map((id) => ({ returnItemId: id, condition: 'LIKE_NEW', restockable: true })) } },
  }),
  requestFollowUp: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('in_review'), from: 'CUSTOMER', message: 'Please send a photo of the label.' } }),
  rescoreCase: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('submitted') } }),
  resolveDispute: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('disputed'), outcome: 'UPHOLD', note: 'The rejection stands.' } }),
  retryRefund: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('refund_failed') } }),
  revokeApiToken: () => ({ caller: 'merchant.one', variables: { id: randomUUID() } }),
  saveReturnRules: (f) => ({
    caller: 'admin.demo',
    variables: { merchantId: f.merchantOneId, expectedVersion: 0, rules: [{ name: 'Frequent returners to review', conditions: [{ field: 'returnsLast90Days', min: 3 }], actions: [{ type: 'REVIEW', priority: 'HIGH' }] }] },
  }),
  spendStoreCredit: (f) => ({ caller: 'merchant.one', variables: { orderId: f.confirmedOrderId, amountMinor: 500, idempotencyKey: 'checkout-1' } }),
  startRuleSimulation: (f) => ({ caller: 'admin.demo', variables: { merchantId: f.merchantOneId, from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', rules: [{ name: 'Keep cheap items', conditions: [{ field: 'itemPriceMinor', max: 1499 }], actions: [{ type: 'KEEP_ITEM' }] }] } }),
  setCasePriority: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('in_review'), priority: 'HIGH' } }),
  transitionReturnCase: (f) => ({ caller: 'ops.demo', variables: { id: f.caseIn('submitted'), to: 'IN_REVIEW', note: 'Picked up.' } }),
  setUserActive: (f) => ({ caller: 'admin.demo', variables: { id: f.spareUserId, active: false } }),
  updateMerchantPolicy: (f) => ({ caller: 'admin.demo', variables: { merchantId: f.merchantOneId, input: { returnWindowDays: 30, responseSlaHours: 48, restockingFeePercent: 5 } } }),
  uploadCaseDocuments: (f) => ({ caller: 'customer.one', variables: { caseId: f.caseIn('submitted'), kind: 'EVIDENCE' } }),
};

describe('fuzz: every mutation, every role, hostile variables', () => {
  let server: TestServer;
  const clients = new Map<Caller, ApiClient>();
  const pools = new Map<string, string[]>();
  let fixtures: Fixtures;
  const spareSessions: ApiClient[] = [];
  /** What each mutation's calls came to (code → count, OK for successes): printed, and checked for coverage. */
  const outcomes = new Map<string, Record<string, number>>();

  beforeAll(async () => {
    server = await startTestServer({ mutationRateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    for (const caller of CALLERS) clients.set(caller, caller === 'anonymous' ? server.anonymous() : await server.as(caller));
    // Sessions for logout to end, signed in now: the login fuzz below trips the sign-in throttle for this address.
    const people = CALLERS.filter((c) => c !== 'anonymous');
    for (let i = 0; i < RUNS; i++) spareSessions.push(await server.as(people[i % people.length]));
    // Users no caller is, so deactivating one (setUserActive) never signs a caller out mid-run.
    for (let i = 0; i < 3; i++) await newCustomerWithOrder(server.orm, { username: `fuzz.spare.${i}`, merchantName: 'Northwind Goods', skus: [['NW-MUG-06', 1]] });
    // Real ids of every kind, most of them belonging to someone other than a given caller.
    const kinds: Array<[string, string]> = [
      ['case', 'select id::text from return_cases'], ['returnItem', 'select id::text from return_items'], ['order', 'select id::text from orders'],
      ['orderItem', 'select id::text from order_items'], ['user', "select id::text from users where username like 'fuzz.spare.%'"], ['merchant', 'select id::text from merchant_profiles'],
      ['endpoint', 'select id::text from webhook_endpoints'], ['token', 'select id::text from api_tokens'], ['document', 'select id::text from evidence_documents'],
    ];
    for (const [kind, sql] of kinds) pools.set(kind, (await query<{ id: string }>(server.orm, `${sql} order by 1 limit 40`)).map((r) => r.id));

    const cases = await query<{ id: string; status: string; items: string[] }>(
      server.orm,
      `select rc.id::text, rc.status, array_agg(ri.id::text) as items from return_cases rc join users u on u.id = rc.customer_id
         join merchant_profiles m on m.id = rc.merchant_id join return_items ri on ri.return_case_id = rc.id
        where u.username = 'customer.one' and m.name = 'Northwind Goods' group by rc.id, rc.status, rc.number order by rc.number`,
    );
    const byStatus = (status: string) => cases.find((c) => c.status === status) ?? cases[0];
    const [delivered] = await freshDeliveredOrders(server.orm, 'customer.one');
    const [confirmed] = await ordersInStatus(server.orm, 'customer.one', 'confirmed');
    const [shipped] = await ordersInStatus(server.orm, 'customer.one', 'shipped');
    const [{ ops, merchant }] = await query<{ ops: string; merchant: string }>(
      server.orm,
      `select (select id::text from users where username = 'ops.demo') as ops, (select id::text from merchant_profiles where name = 'Northwind Goods') as merchant`,
    );
    fixtures = {
      caseIn: (status) => byStatus(status).id,
      returnItemsOf: (status) => byStatus(status).items,
      deliveredOrder: { id: delivered.id, itemId: delivered.items[0].id },
      confirmedOrderId: confirmed.id,
      shippedOrderId: (shipped ?? confirmed).id,
      opsUserId: ops,
      merchantOneId: merchant,
      spareUserId: pools.get('user')![0],
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The kind of id an argument or input field most likely wants (by its name and the mutation's), else any. */
  function idKind(mutation: string, field: string): string | null {
    if (field === 'caseId') return 'case';
    if (/^(orderId)$/.test(field)) return 'order';
    if (field === 'orderItemId') return 'orderItem';
    if (field === 'returnItemId') return 'returnItem';
    if (/assignee|userId/.test(field)) return 'user';
    if (field === 'merchantId') return 'merchant';
    if (field !== 'id') return null;
    if (/Order/.test(mutation)) return 'order';
    if (/Webhook/.test(mutation)) return 'endpoint';
    if (/ApiToken/.test(mutation)) return 'token';
    return 'case';
  }

  const anyId = () => fc.constantFrom(...[...pools.values()].flat());
  const idArb = (mutation: string, field: string) => {
    const kind = idKind(mutation, field);
    const pool = kind ? pools.get(kind) ?? [] : [];
    return fc.oneof(
      { weight: pool.length ? 8 : 0, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.constant('') },
      { weight: 2, arbitrary: anyId() }, // another kind's id: a wrong-role or wrong-type id
      fc.constant(randomUUID()), fc.uuid(), hostileStrings, fc.constantFrom('0', '-1', '1e309'),
    );
  };

  /** An arbitrary for one GraphQL input type: mostly well-typed (so calls get past validation), sometimes not. */
  function arbitraryFor(type: GraphQLInputType, mutation: string, field: string, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return fc.oneof({ weight: 30, arbitrary: arbitraryFor(type.ofType, mutation, field, depth) }, { weight: 1, arbitrary: fc.constant(null) });
    const nullable = (arb: fc.Arbitrary<unknown>) => fc.oneof({ weight: 8, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
    if (isListType(type)) return nullable(fc.oneof(fc.constant([]), fc.array(arbitraryFor(type.ofType, mutation, field, depth + 1), { minLength: 1, maxLength: depth > 1 ? 1 : 4 })));
    if (isEnumType(type)) {
      const values = type.getValues().map((v) => v.name);
      return nullable(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...values) }, fc.constantFrom('NOT_A_VALUE', values[0].toLowerCase(), '', 0)));
    }
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryFor(f.type, mutation, f.name, depth + 1)])), { requiredKeys: [] });
      return nullable(fc.oneof({ weight: 30, arbitrary: record }, record.map((r) => ({ ...r, notAField: 'x' })), fc.constant('not an object')));
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
        case 'Float':
          // expectedVersion is mostly left out (a random version is a conflict); amounts and counts mostly small.
          if (field === 'expectedVersion') return fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, hostileInts);
          return nullable(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 20_000 }) }, { weight: 3, arbitrary: hostileInts }));
        case 'Boolean':
          return nullable(fc.oneof({ weight: 5, arbitrary: fc.boolean() }, fc.constantFrom('true', 0, 1)));
        case 'ID':
          return nullable(idArb(mutation, field));
        case 'DateTimeISO':
          return nullable(fc.oneof({ weight: 4, arbitrary: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) }, fc.date({ min: new Date('1900-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), hostileStrings, fc.constantFrom('2026-02-30T00:00:00Z', '-271821-04-20T00:00:00Z')));
        case 'JSONObject':
          return nullable(fc.oneof(fc.object({ maxDepth: 2 }), hostileStrings));
        case 'Upload':
          return fc.constant(null); // replaced by a real file part in multipart calls
        default:
          if (/url/i.test(field)) return nullable(fc.oneof({ weight: 4, arbitrary: fc.webUrl() }, fc.constantFrom('https://partner.example.com/hook', 'http://127.0.0.1:1/x', 'javascript:alert(1)', 'https://user:pw@x.io/'), strings));
          if (field === 'username') return nullable(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('customer.one', 'ops.demo', 'nobody') }, strings));
          if (field === 'version') return nullable(fc.oneof({ weight: 2, arbitrary: fc.constantFrom('escalation-lr-0.0.0-fuzz', '') }, strings));
          return nullable(fc.oneof({ weight: 6, arbitrary: strings }, idArb(mutation, field)));
      }
    }
    throw new Error(`no arbitrary for ${String(type)}`);
  }

  const fileArb = fc.record({
    name: fc.oneof(hostileStrings.map((s) => s.slice(0, 300)), fc.constantFrom('photo.png', 'a.jpg', '.htaccess', 'x.mp4')),
    type: fc.constantFrom('image/png', 'image/jpeg', 'video/mp4', 'text/html', 'application/octet-stream', ''),
    data: fc.oneof(fc.uint8Array({ maxLength: 2_048 }), fc.constantFrom(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))),
  });

  function documentFor(name: string, args: readonly GraphQLArgument[]): string {
    const field = schema.getMutationType()!.getFields()[name];
    const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
    return `mutation Fuzz${definitions ? `(${definitions})` : ''} { ${name}${call ? `(${call})` : ''}${selection} }`;
  }

  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await query<Record<string, string>>(server.orm, `select ${TABLES.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`);
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };
  const statuses = async (): Promise<Map<string, string>> => new Map((await query<{ id: string; status: string }>(server.orm, 'select id::text, status from return_cases')).map((r) => [r.id, r.status]));

  async function send(client: ApiClient, name: string, document: string, variables: Record<string, unknown>, files: Array<{ name: string; type: string; data: Uint8Array }> | null, uploadArg: string | null): Promise<{ status: number; body: GraphQLResponse | null; text: string }> {
    let response: Response;
    if (files && uploadArg) {
      const form = new FormData();
      const list = schema.getMutationType()!.getFields()[name].args.find((a) => a.name === uploadArg)!;
      const isList = isListType(isNonNullType(list.type) ? list.type.ofType : list.type);
      form.append('operations', JSON.stringify({ query: document, variables: { ...variables, [uploadArg]: isList ? files.map(() => null) : null } }));
      form.append('map', JSON.stringify(Object.fromEntries(files.map((_f, i) => [String(i), [isList ? `variables.${uploadArg}.${i}` : `variables.${uploadArg}`]]))));
      files.forEach((f, i) => form.append(String(i), new Blob([Buffer.from(f.data)], { type: f.type }), f.name));
      response = await client.multipart(form);
    } else {
      response = await client.request({ query: document, variables });
    }
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as GraphQLResponse, text };
    } catch {
      return { status: response.status, body: null, text };
    }
  }

  it('covers every mutation in the schema (a new mutation is fuzzed automatically; none may be skipped)', () => {
    const names = MUTATIONS;
    expect(names.length).toBeGreaterThan(20);
    expect(names).toContain('createReturnCase');
    expect(names.filter((n) => !TEMPLATES[n]), 'mutations without a fuzz template (add one to TEMPLATES)').toEqual([]);
    // Every argument type must have a generator (throws otherwise).
    for (const name of names) for (const arg of schema.getMutationType()!.getFields()[name].args) arbitraryFor(arg.type, name, arg.name);
  });

  it.each(MUTATIONS)('%s: coded errors only, no partial writes, no empty audit events', async (name) => {
    const field = schema.getMutationType()!.getFields()[name];
    const args = field.args;
    const document = documentFor(name, args);
    const uploadArg = args.find((a) => getNamedType(a.type).name === 'Upload')?.name ?? null;
    const variablesArb = fc.record(Object.fromEntries(args.map((a) => [a.name, arbitraryFor(a.type, name, a.name)])), { requiredKeys: [] });
    const seen: Record<string, number> = {};
    outcomes.set(name, seen);
    // Leaves of the template (argument or input field, list items included) with their GraphQL types.
    const template = TEMPLATES[name](fixtures);
    const leaves: Array<{ path: Array<string | number>; type: GraphQLInputType; field: string }> = [];
    const walk = (value: unknown, type: GraphQLInputType, path: Array<string | number>, field: string) => {
      leaves.push({ path, type, field });
      const bare = isNonNullType(type) ? type.ofType : type;
      if (isListType(bare) && Array.isArray(value)) value.forEach((v, i) => walk(v, bare.ofType, [...path, i], field));
      if (isInputObjectType(bare) && value && typeof value === 'object') {
        for (const f of Object.values(bare.getFields())) walk((value as Record<string, unknown>)[f.name], f.type, [...path, f.name], f.name);
      }
    };
    for (const a of args) walk(template.variables[a.name], a.type, [a.name], a.name);
    const editArb = leaves.length ? fc.constantFrom(...leaves).chain((leaf) => arbitraryFor(leaf.type, name, leaf.field).map((value) => ({ path: leaf.path, value }))) : null;
    const fromTemplate = fc.record({
      caller: fc.oneof({ weight: 3, arbitrary: fc.constant(template.caller) }, fc.constantFrom(...CALLERS)),
      edits: editArb ? fc.array(editArb, { minLength: 0, maxLength: 2 }) : fc.constant([]),
    }).map(({ caller, edits }) => {
      const variables = structuredClone(template.variables);
      for (const { path, value } of edits) {
        let target = variables as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) {
          if (!target[key] || typeof target[key] !== 'object') target[key] = typeof path[path.indexOf(key) + 1] === 'number' ? [] : {};
          target = target[key] as Record<string | number, unknown>;
        }
        target[path[path.length - 1]] = value;
      }
      return { caller, variables };
    });
    const callArb = fc.record({
      call: fc.oneof({ weight: 3, arbitrary: fromTemplate }, { weight: 2, arbitrary: fc.record({ caller: fc.constantFrom(...CALLERS), variables: variablesArb }) }),
      files: uploadArg ? fc.option(fc.array(fileArb, { minLength: 1, maxLength: 2 }), { nil: null }) : fc.constant(null),
    }).map(({ call, files }) => ({ ...call, files }));

    await fc.assert(
      fc.asyncProperty(callArb, async ({ caller, variables, files }) => {
        const client = ENDS_SESSION.has(name) && caller !== 'anonymous' ? spareSessions.pop()! : clients.get(caller)!;
        const before = await counts();
        const statusBefore = await statuses();
        // The test clock ticks on every reading: events this call writes are stamped after this instant.
        const startedAt = server.clock.now();
        const { status, body, text } = await send(client, name, document, variables, files, uploadArg);
        const where = `${name} as ${caller} (HTTP ${status})`;
        if (!body) throw new Error(`${where}: not a JSON response: ${text.slice(0, 300)}`);
        const errors = body.errors ?? [];
        for (const error of errors) {
          const code = error.extensions?.code;
          if (!code) throw new Error(`${where}: error without a code: ${error.message.slice(0, 300)}`);
          if (code === 'INTERNAL_SERVER_ERROR') throw new Error(`${where}: INTERNAL_SERVER_ERROR: ${error.message.slice(0, 300)}`);
        }
        const after = await counts();
        const succeeded = errors.length === 0 && body.data?.[name] !== undefined && body.data?.[name] !== null;
        const outcome = succeeded ? 'OK' : String(errors[0]?.extensions?.code ?? 'NO_DATA');
        seen[outcome] = (seen[outcome] ?? 0) + 1;
        if (!succeeded) {
          // A refused call writes nothing. (Sign-in attempts are counted in rate_limit_counters, not listed.)
          const changed = TABLES.filter((t) => after[t] !== before[t]).map((t) => `${t} ${before[t]}→${after[t]}`);
          if (changed.length) throw new Error(`${where}: refused (${errors.map((e) => e.extensions?.code).join(',')}) but wrote: ${changed.join('; ')}`);
          return;
        }
        // Succeeded: every new status-change event is a real status change.
        if (after.case_events > before.case_events) {
          const statusAfter = await statuses();
          const fresh = await query<{ return_case_id: string; from_status: string | null; to_status: string | null; type: string }>(
            server.orm,
            'select return_case_id::text, from_status, to_status, type from case_events where created_at > ?',
            [startedAt],
          );
          for (const event of fresh) {
            if (event.type !== 'status_changed') continue;
            if (event.from_status === event.to_status) throw new Error(`${where}: a status_changed event from ${event.from_status} to itself`);
            if (statusBefore.get(event.return_case_id) === statusAfter.get(event.return_case_id)) throw new Error(`${where}: a status_changed event but the case stayed ${statusAfter.get(event.return_case_id)}`);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    console.info(`${name}: ${JSON.stringify(seen)}`);
  }, 180_000);

  it('got past validation into the resolvers: most mutations succeeded at least once, every one reached a domain answer', () => {
    const succeeded = [...outcomes].filter(([, seen]) => (seen.OK ?? 0) > 0).map(([name]) => name);
    expect(succeeded.length, `mutations that never succeeded: ${MUTATIONS.filter((m) => !succeeded.includes(m)).join(', ')}`).toBeGreaterThanOrEqual(Math.floor(MUTATIONS.length / 2));
    for (const [name, seen] of outcomes) {
      const beyondValidation = Object.entries(seen).filter(([code]) => code !== 'BAD_USER_INPUT' && code !== 'GRAPHQL_VALIDATION_FAILED').reduce((n, [, c]) => n + c, 0);
      expect(beyondValidation, `${name} never got past input validation: ${JSON.stringify(seen)}`).toBeGreaterThan(0);
    }
  });
});
