// The role × operation matrix (issue 2): every Query and Mutation field has a row saying who may call it.
// A field without a row fails the test, so no operation ships without its access being reviewed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLObjectType } from 'graphql';
import { buildBareSchema } from '../../server/src/schema.js';
import { demoCase, freshDeliveredOrders } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { subscribe, waitForSubscribers, waitUntil, wsClient } from '../helpers/ws-client.js';

type Caller = 'anonymous' | 'customer' | 'merchant' | 'ops' | 'admin' | 'partner';
const CALLERS: Caller[] = ['anonymous', 'customer', 'merchant', 'ops', 'admin', 'partner'];
const AUTHENTICATED: Caller[] = ['customer', 'merchant', 'ops', 'admin', 'partner'];
const STAFF: Caller[] = ['ops', 'admin'];

interface Fixtures {
  caseId: string;
  /** Cases no other row changes: an open one of customer.one at merchant.one, and one of merchant.one at receipt. */
  uploadCaseId: string;
  receivedCaseId: string;
  orderId: string;
  orderItemId: string;
  merchantId: string;
  /** A case of customer.one on merchant.one with a refund row (demo REFUND_PENDING). */
  refundCaseId: string;
  /** customer.one, a customer of merchant.one. */
  customerId: string;
}

interface Row {
  /** `Query.x`, `Mutation.x`, or `Type.field` for field-level rules. */
  field: string;
  document: string;
  variables?: (f: Fixtures) => Record<string, unknown>;
  /** Who gets past authorisation. Everyone else gets UNAUTHENTICATED (anonymous) or FORBIDDEN. */
  allowed: Caller[];
  /** The operation changes the caller's own session: give each caller a fresh one. */
  freshSession?: boolean;
}

export const MATRIX: Row[] = [
  { field: 'Query.me', document: '{ me { id } }', allowed: CALLERS },
  { field: 'Query.appInfo', document: '{ appInfo { releaseVersion demoSignInEnabled } }', allowed: CALLERS },
  { field: 'Query.uploadLimits', document: '{ uploadLimits { maxFilesPerRequest kinds { kind summary acceptedTypes { contentType maxBytes } } } }', allowed: CALLERS },
  { field: 'Mutation.login', document: 'mutation { login(username: "customer.two", password: "ChangeMe123!") { id } }', allowed: CALLERS, freshSession: true },
  { field: 'Mutation.logout', document: 'mutation { logout }', allowed: CALLERS, freshSession: true },
  // A wrong current password: past authorisation it answers BAD_USER_INPUT and changes nothing. People only, not partner tokens.
  { field: 'Mutation.changePassword', document: 'mutation { changePassword(currentPassword: "not-the-password", newPassword: "a-new-password-0123") }', allowed: ['customer', 'merchant', 'ops', 'admin'] },
  { field: 'Query.apiTokens', document: '{ apiTokens { id } }', allowed: ['merchant', 'admin'] },
  { field: 'Mutation.createApiToken', document: 'mutation M($m: ID) { createApiToken(name: "matrix", merchantId: $m) { secret } }', variables: (f) => ({ m: f.merchantId }), allowed: ['merchant', 'admin'] },
  { field: 'Mutation.revokeApiToken', document: 'mutation { revokeApiToken(id: "00000000-0000-4000-8000-000000000000") { id } }', allowed: ['merchant', 'admin'] },

  { field: 'Query.returnCase', document: 'query Q($id: ID!) { returnCase(id: $id) { id } }', variables: (f) => ({ id: f.caseId }), allowed: AUTHENTICATED },
  { field: 'Query.returnCases', document: '{ returnCases { totalCount } }', allowed: AUTHENTICATED },
  { field: 'Query.returnEligibility', document: 'query Q($id: ID!) { returnEligibility(orderId: $id) { eligible } }', variables: (f) => ({ id: f.orderId }), allowed: ['customer', 'admin'] },
  { field: 'Query.queue', document: '{ queue { totalCount } }', allowed: STAFF },
  { field: 'Query.queueConnection', document: '{ queueConnection(first: 2) { totalCount } }', allowed: STAFF },
  { field: 'Query.returnsAnalytics', document: '{ returnsAnalytics(from: "2026-01-01", to: "2026-01-31") { opened } }', allowed: STAFF },
  { field: 'Query.caseAuditExport', document: 'query Q($id: ID!) { caseAuditExport(caseId: $id, format: JSON) { fileName } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },

  {
    field: 'Mutation.createReturnCase',
    document: 'mutation M($o: ID!, $i: ID!) { createReturnCase(input: { orderId: $o, items: [{ orderItemId: $i, quantity: 1 }], reason: OTHER }) { id } }',
    variables: (f) => ({ o: f.orderId, i: f.orderItemId }),
    allowed: ['customer', 'admin'],
  },
  // Roles per move are the transition table's; a move that does not exist answers INVALID_TRANSITION to everyone signed in.
  { field: 'Mutation.transitionReturnCase', document: 'mutation M($id: ID!) { transitionReturnCase(id: $id, to: EXPIRED) { id } }', variables: (f) => ({ id: f.caseId }), allowed: AUTHENTICATED },
  { field: 'Mutation.setCasePriority', document: 'mutation M($id: ID!) { setCasePriority(id: $id, priority: HIGH) { id } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  { field: 'Mutation.assignCase', document: 'mutation M($id: ID!) { assignCase(id: $id, assigneeId: null) { id } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  { field: 'Mutation.requestFollowUp', document: 'mutation M($id: ID!) { requestFollowUp(id: $id, from: CUSTOMER, message: "?") { id } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  { field: 'Mutation.decideReturnCase', document: 'mutation M($id: ID!) { decideReturnCase(id: $id, decision: REQUEST_INFO, reason: "Photo of the label?") { id } }', variables: (f) => ({ id: f.caseId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  { field: 'Mutation.cancelReturnCase', document: 'mutation M($id: ID!) { cancelReturnCase(id: $id) { id } }', variables: (f) => ({ id: f.caseId }), allowed: ['customer'] },
  { field: 'Mutation.disputeDecision', document: 'mutation M($id: ID!) { disputeDecision(id: $id, reason: "no") { id } }', variables: (f) => ({ id: f.caseId }), allowed: ['customer'] },
  { field: 'Mutation.resolveDispute', document: 'mutation M($id: ID!) { resolveDispute(id: $id, outcome: UPHOLD, note: "final") { id } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  { field: 'Mutation.addCaseNote', document: 'mutation M($id: ID!) { addCaseNote(caseId: $id, body: "hello", visibility: MESSAGE) { id } }', variables: (f) => ({ id: f.caseId }), allowed: AUTHENTICATED },

  { field: 'Query.models', document: '{ models { active versions { version } } }', allowed: ['admin'] },
  // An unknown version: admins get NOT_FOUND (and the committed registry is never touched by this test).
  { field: 'Mutation.activateModel', document: 'mutation { activateModel(version: "no-such-version") { active } }', allowed: ['admin'] },
  { field: 'Mutation.rescoreCase', document: 'mutation M($id: ID!) { rescoreCase(id: $id) { score label } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },

  // Orders, fulfilment and money (issue 4). The fixture order is delivered and the case submitted, so callers past
  // authorisation get a business refusal (INVALID_TRANSITION, BAD_USER_INPUT) and nothing changes.
  { field: 'Query.orders', document: '{ orders(first: 2) { totalCount } }', allowed: AUTHENTICATED },
  { field: 'Query.order', document: 'query Q($id: ID!) { order(id: $id) { id items { sku } } }', variables: (f) => ({ id: f.orderId }), allowed: AUTHENTICATED },
  { field: 'Query.merchantPolicy', document: 'query Q($m: ID!) { merchantPolicy(merchantId: $m) { returnWindowDays } }', variables: (f) => ({ m: f.merchantId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  { field: 'Mutation.cancelOrder', document: 'mutation M($id: ID!) { cancelOrder(id: $id) { id } }', variables: (f) => ({ id: f.orderId }), allowed: ['customer', 'ops', 'admin'] },
  // Admins only, in a browser session (issue 19 §14); the fixture order is delivered, so admins get INVALID_TRANSITION.
  { field: 'Mutation.cancelOrderWithReason', document: 'mutation M($id: ID!) { cancelOrderWithReason(id: $id, reason: "matrix") { id } }', variables: (f) => ({ id: f.orderId }), allowed: ['admin'] },
  { field: 'Mutation.markOrderShipped', document: 'mutation M($id: ID!) { markOrderShipped(id: $id) { id } }', variables: (f) => ({ id: f.orderId }), allowed: ['admin'] },
  { field: 'Mutation.markOrderDelivered', document: 'mutation M($id: ID!) { markOrderDelivered(id: $id) { id } }', variables: (f) => ({ id: f.orderId }), allowed: ['admin'] },
  { field: 'Mutation.confirmReturnShipment', document: 'mutation M($id: ID!) { confirmReturnShipment(id: $id, carrier: "UPS", trackingNumber: "1Z999", description: "Boxed.", photos: []) { id } }', variables: (f) => ({ id: f.caseId }), allowed: ['customer', 'ops', 'admin'] },
  { field: 'Mutation.markReturnReceived', document: 'mutation M($id: ID!) { markReturnReceived(id: $id) { id } }', variables: (f) => ({ id: f.caseId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  {
    field: 'Mutation.recordInspection',
    document: 'mutation M($id: ID!) { recordInspection(id: $id, input: { passed: true, items: [{ returnItemId: "00000000-0000-4000-8000-000000000000", condition: NEW, restockable: true }] }) { id } }',
    variables: (f) => ({ id: f.caseId }),
    allowed: ['merchant', 'ops', 'admin', 'partner'],
  },
  { field: 'Mutation.retryRefund', document: 'mutation M($id: ID!) { retryRefund(id: $id) { id } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  // Return rules (issue 22): the merchant (and its partner token) reads its own, admins any; people save them. A stale
  // expectedVersion answers CONFLICT past authorisation and saves nothing.
  { field: 'Query.returnRules', document: 'query Q($m: ID!) { returnRules(merchantId: $m) { version rules { id } } }', variables: (f) => ({ m: f.merchantId }), allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.saveReturnRules', document: 'mutation M($m: ID!) { saveReturnRules(merchantId: $m, expectedVersion: 99, rules: []) { version } }', variables: (f) => ({ m: f.merchantId }), allowed: ['merchant', 'admin'] },
  { field: 'Query.simulateReturnRules', document: 'query Q($m: ID!) { simulateReturnRules(merchantId: $m, rules: [], from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { cases } }', variables: (f) => ({ m: f.merchantId }), allowed: ['merchant', 'admin'] },
  // The simulator in the background: an empty range answers BAD_USER_INPUT past authorisation (nothing queued); an
  // unknown simulation NOT_FOUND.
  { field: 'Mutation.startRuleSimulation', document: 'mutation M($m: ID!) { startRuleSimulation(merchantId: $m, rules: [], from: "2026-03-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { id } }', variables: (f) => ({ m: f.merchantId }), allowed: ['merchant', 'admin'] },
  { field: 'Query.ruleSimulation', document: '{ ruleSimulation(id: "00000000-0000-4000-8000-000000000000") { status } }', allowed: ['merchant', 'admin'] },
  { field: 'Mutation.updateMerchantPolicy', document: 'mutation M($m: ID!) { updateMerchantPolicy(merchantId: $m, input: {}) { id } }', variables: (f) => ({ m: f.merchantId }), allowed: ['admin'] },
  // Uploads (issue 5): the role rule per kind, sent as JSON with no files — callers past authorisation get
  // BAD_USER_INPUT ("choose at least one file"). Real multipart uploads per kind × role × own/other case are in
  // upload-permissions.test.ts.
  ...(['EVIDENCE', 'RESPONSE', 'INSPECTION'] as const).map((kind) => ({
    field: 'Mutation.uploadCaseDocuments',
    document: 'mutation M($id: ID!, $kind: DocumentKind!) { uploadCaseDocuments(caseId: $id, kind: $kind, files: []) { id } }',
    variables: (f: Fixtures) => ({ id: kind === 'INSPECTION' ? f.receivedCaseId : f.uploadCaseId, kind }),
    allowed: (kind === 'EVIDENCE' ? ['customer', 'ops', 'admin'] : ['merchant', 'partner', 'ops', 'admin']) as Caller[],
  })),
  { field: 'ReturnCase.documents', document: 'query Q($id: ID!) { returnCase(id: $id) { documents { id url thumbnailUrl uploadedBy { id } } } }', variables: (f) => ({ id: f.caseId }), allowed: AUTHENTICATED },
  { field: 'ReturnCase.uploadableKinds', document: 'query Q($id: ID!) { returnCase(id: $id) { uploadableKinds } }', variables: (f) => ({ id: f.caseId }), allowed: AUTHENTICATED },
  // Background work (issue 6): webhooks, the development mailbox, failed jobs
  { field: 'Query.webhookEndpoints', document: '{ webhookEndpoints { id lastDelivery { status } } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.createWebhookEndpoint', document: 'mutation { createWebhookEndpoint(url: "https://hooks.example.com/matrix", events: [CASE_CREATED]) { secret } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.deleteWebhookEndpoint', document: 'mutation { deleteWebhookEndpoint(id: "00000000-0000-4000-8000-000000000000") { id } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.enableWebhookEndpoint', document: 'mutation { enableWebhookEndpoint(id: "00000000-0000-4000-8000-000000000000") { id disabledAt } }', allowed: ['merchant', 'admin', 'partner'] },
  // Webhooks an integrator can operate (issue 19 §11): the endpoint's own merchant (and its partner token), admins any.
  { field: 'Mutation.updateWebhookEndpoint', document: 'mutation { updateWebhookEndpoint(id: "00000000-0000-4000-8000-000000000000", events: [CASE_CREATED]) { id } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.rotateWebhookSecret', document: 'mutation { rotateWebhookSecret(endpointId: "00000000-0000-4000-8000-000000000000") { secret } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.sendTestWebhook', document: 'mutation { sendTestWebhook(endpointId: "00000000-0000-4000-8000-000000000000") { id } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Mutation.resendWebhookDelivery', document: 'mutation { resendWebhookDelivery(id: "00000000-0000-4000-8000-000000000000") { id } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'WebhookEndpoint.deliveries', document: '{ webhookEndpoints { deliveries(first: 1) { totalCount edges { node { id attempts { number } } } } } }', allowed: ['merchant', 'admin', 'partner'] },
  { field: 'Query.devMailbox', document: '{ devMailbox(first: 5) { totalCount } }', allowed: ['admin'] },
  { field: 'Query.failedJobs', document: '{ failedJobs { id } }', allowed: ['admin'] },
  // Development's demo clock (issue 19 §18): admins in a browser, never a partner token. Hours 0 is refused after authorisation.
  { field: 'Query.demoClock', document: '{ demoClock { now offsetHours } }', allowed: ['admin'] },
  { field: 'Mutation.advanceDemoClock', document: 'mutation { advanceDemoClock(hours: 0) { offsetHours } }', allowed: ['admin'] },
  // Administration (issue 8): users and merchants; an unknown user id answers NOT_FOUND to admins and changes nothing.
  { field: 'Query.users', document: '{ users(filter: { role: CUSTOMER }) { totalCount items { id email } } }', allowed: ['admin'] },
  { field: 'Query.merchants', document: '{ merchants { totalCount items { id returnWindowDays } } }', allowed: ['admin'] },
  // Cursor connections of the same lists for partner systems paging through (issue 19 §9): admins only, as the pages.
  { field: 'Query.userConnection', document: '{ userConnection(first: 2) { totalCount edges { cursor node { id } } } }', allowed: ['admin'] },
  { field: 'Query.merchantConnection', document: '{ merchantConnection(first: 2) { totalCount edges { cursor node { id } } } }', allowed: ['admin'] },
  // Stock per SKU (issue 19 §12): merchants and partner tokens their own, ops read-only, admins any merchant's; not customers.
  { field: 'Query.stock', document: '{ stock(first: 2) { totalCount edges { node { sku stock lowStock } } } }', allowed: ['merchant', 'ops', 'admin', 'partner'] },
  // Store credit (issue 22 §3): staff any customer's accounts, a merchant (and its partner token) its own customers'. Spending
  // on the fixture order (delivered) answers CONFLICT ORDER_NOT_PAYABLE past authorisation and spends nothing.
  { field: 'Query.storeCreditAccounts', document: 'query Q($c: ID!) { storeCreditAccounts(customerId: $c) { balanceMinor } }', variables: (f) => ({ c: f.customerId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  { field: 'Mutation.spendStoreCredit', document: 'mutation M($o: ID!) { spendStoreCredit(orderId: $o, amountMinor: 1, idempotencyKey: "matrix") { duplicate } }', variables: (f) => ({ o: f.orderId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  { field: 'Mutation.setUserActive', document: 'mutation { setUserActive(id: "00000000-0000-4000-8000-000000000000", active: false) { id } }', allowed: ['admin'] },

  // Field-level rules
  { field: 'ReturnCase.risk', document: 'query Q($id: ID!) { returnCase(id: $id) { risk { score } } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  // Why a case went its way (issue 22): the merchant's rule internals, for the merchant, its partner token and staff; never the customer.
  { field: 'ReturnCase.matchedRules', document: 'query Q($id: ID!) { returnCase(id: $id) { matchedRules { ruleId name version actions } } }', variables: (f) => ({ id: f.caseId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  // The rule that lets the customer keep the goods (issue 22): a rule's name is the merchant's internals, like matchedRules.
  { field: 'ReturnCase.keepItemRule', document: 'query Q($id: ID!) { returnCase(id: $id) { keepItemRule } }', variables: (f) => ({ id: f.caseId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
  { field: 'ReturnCase.internalNotes', document: 'query Q($id: ID!) { returnCase(id: $id) { internalNotes { body } } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  { field: 'Refund.lastError', document: 'query Q($id: ID!) { returnCase(id: $id) { refunds { lastError } } }', variables: (f) => ({ id: f.refundCaseId }), allowed: STAFF },
  ...(['provider', 'providerRefundId', 'idempotencyKey', 'attempts', 'lastAttemptAt'] as const).map((field) => ({
    field: `Refund.${field}`, document: `query Q($id: ID!) { returnCase(id: $id) { refunds { ${field} } } }`, variables: (f: Fixtures) => ({ id: f.refundCaseId }), allowed: ['merchant', 'ops', 'admin', 'partner'] as Caller[],
  })),
  { field: 'User.accessChanges', document: 'query Q($id: ID!) { returnCase(id: $id) { customer { accessChanges { id active actorLabel createdAt } } } }', variables: (f) => ({ id: f.caseId }), allowed: ['admin'] },
  { field: 'User.latestAccessChange', document: 'query Q($id: ID!) { returnCase(id: $id) { customer { latestAccessChange { id active } } } }', variables: (f) => ({ id: f.caseId }), allowed: ['admin'] },
  // Sign-in names and e-mails: staff and the user themself (the case's customer is customer.one).
  { field: 'User.username', document: 'query Q($id: ID!) { returnCase(id: $id) { customer { username } } }', variables: (f) => ({ id: f.caseId }), allowed: ['customer', 'ops', 'admin'] },
  { field: 'User.storeCredit', document: 'query Q($id: ID!) { returnCase(id: $id) { customer { storeCredit { balanceMinor } } } }', variables: (f) => ({ id: f.caseId }), allowed: ['customer', 'ops', 'admin'] },
  { field: 'User.email', document: 'query Q($id: ID!) { returnCase(id: $id) { customer { email } } }', variables: (f) => ({ id: f.caseId }), allowed: ['customer', 'ops', 'admin'] },
  { field: 'MerchantProfile.policyChanges', document: 'query Q($id: ID!) { returnCase(id: $id) { merchant { policyChanges { id } } } }', variables: (f) => ({ id: f.caseId }), allowed: STAFF },
  { field: 'MerchantProfile.autoApproveLimitMinor', document: 'query Q($id: ID!) { returnCase(id: $id) { merchant { autoApproveLimitMinor } } }', variables: (f) => ({ id: f.caseId }), allowed: ['merchant', 'ops', 'admin', 'partner'] },
];

/** The first value found under `key` anywhere in a response's data. */
function valueOf(data: unknown, key: string): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  for (const [k, v] of Object.entries(data)) {
    if (k === key) return v;
    const nested = valueOf(v, key);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

describe('role × operation matrix', () => {
  let server: TestServer;
  let clients: Record<Caller, ApiClient>;
  let fixtures: Fixtures;

  const signIn = async (): Promise<Record<Caller, ApiClient>> => {
    const [customer, merchant, ops, admin] = await Promise.all(['customer.one', 'merchant.one', 'ops.demo', 'admin.demo'].map((u) => server.as(u)));
    const token = (await merchant.ok('mutation { createApiToken(name: "matrix partner") { secret } }')).createApiToken.secret;
    return { anonymous: server.anonymous(), customer, merchant, ops, admin, partner: server.withToken(token) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    clients = await signIn();
    // A case of customer.one on merchant.one's order, so each role's "own" scope includes it.
    const rc = await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const [{ merchant_id, customer_id }] = await server.orm.em.getConnection().execute<any[]>('select merchant_id, customer_id from return_cases where id = ?', [rc.id]);
    const refundCase = await demoCase(server.orm, 'refund_pending', 'customer.one', 'Northwind Goods');
    const received = await demoCase(server.orm, 'received', undefined, 'Northwind Goods');
    const open = await demoCase(server.orm, 'approved', 'customer.one', 'Northwind Goods');
    fixtures = { caseId: rc.id, uploadCaseId: open.id, receivedCaseId: received.id, orderId: order.id, orderItemId: order.items[1].id, merchantId: merchant_id, refundCaseId: refundCase.id, customerId: customer_id };
    // Every signed-in caller can see the case, so a refusal below is authorisation, not scoping.
    for (const caller of AUTHENTICATED) {
      expect((await clients[caller].ok('query Q($id: ID!) { returnCase(id: $id) { id } }', { id: rc.id })).returnCase.id).toBe(rc.id);
      expect((await clients[caller].ok('query Q($id: ID!) { returnCase(id: $id) { refunds { id } } }', { id: refundCase.id })).returnCase.refunds).toHaveLength(1);
      expect((await clients[caller].ok('query Q($id: ID!) { order(id: $id) { id } }', { id: order.id })).order.id).toBe(order.id);
    }
  });
  afterAll(() => server.close());

  it('has a row for every Query and Mutation field of the schema', async () => {
    const schema = await buildBareSchema();
    const fields = ['Query', 'Mutation', 'Subscription'].flatMap((type) => {
      const t = schema.getType(type);
      return t instanceof GraphQLObjectType ? Object.keys(t.getFields()).map((f) => `${type}.${f}`) : [];
    });
    const covered = new Set(MATRIX.map((r) => r.field));
    for (const row of SUBSCRIPTION_MATRIX) covered.add(row.field);
    expect(fields.filter((f) => !covered.has(f)), 'operations without a row in the role matrix').toEqual([]);
  });

  it.each(MATRIX.map((row) => [row.field, row] as const))('%s', async (_field, row) => {
    const callers = row.freshSession ? await signIn() : clients;
    for (const caller of CALLERS) {
      const result = await callers[caller].gql(row.document, row.variables?.(fixtures) ?? {});
      const code = errorCode(result);
      if (row.allowed.includes(caller)) {
        expect(['UNAUTHENTICATED', 'FORBIDDEN'], `${caller} should pass authorisation for ${row.field}: ${JSON.stringify(result.errors)}`).not.toContain(code);
      } else {
        expect(code, `${caller} must be refused ${row.field}`).toBe(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        // Nothing of the refused field reaches the caller.
        expect(valueOf(result.data, row.field.split('.')[1]) ?? null).toBeNull();
      }
    }
  });
});

/** Subscriptions are checked over WebSocket: a refused caller gets its error when subscribing, an allowed one gets events. */
export const SUBSCRIPTION_MATRIX: Array<{ field: string; document: string; variables?: (caseId: string) => Record<string, unknown>; allowed: Caller[] }> = [
  { field: 'Subscription.caseUpdated', document: 'subscription S($id: ID!) { caseUpdated(id: $id) { id } }', variables: (id) => ({ id }), allowed: AUTHENTICATED },
  { field: 'Subscription.queueChanged', document: 'subscription { queueChanged { caseId } }', allowed: STAFF },
];

describe('role × subscription matrix', () => {
  let server: TestServer;
  let auth: Record<Caller, { cookie?: string; bearer?: string }>;
  let caseId: string;
  const sockets: Array<{ dispose(): void | Promise<void> }> = [];

  beforeAll(async () => {
    server = await startTestServer();
    const [customer, merchant, ops, admin] = await Promise.all(['customer.one', 'merchant.one', 'ops.demo', 'admin.demo'].map((u) => server.as(u)));
    const token = (await merchant.ok('mutation { createApiToken(name: "matrix partner") { secret } }')).createApiToken.secret;
    const cookie = (c: ApiClient) => ({ cookie: c.sessionCookie });
    auth = { anonymous: {}, customer: cookie(customer), merchant: cookie(merchant), ops: cookie(ops), admin: cookie(admin), partner: { bearer: token } };
    caseId = (await demoCase(server.orm, 'submitted', 'customer.one', 'Northwind Goods')).id;
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) await socket.dispose();
    await server.close();
  });

  it.each(SUBSCRIPTION_MATRIX.map((row) => [row.field, row] as const))('%s', async (_field, row) => {
    const subscriptions = CALLERS.map((caller) => {
      const client = wsClient(server.url, auth[caller]);
      sockets.push(client);
      return { caller, subscription: subscribe(client, row.document, row.variables?.(caseId) ?? {}) };
    });
    const refused = subscriptions.filter((s) => !row.allowed.includes(s.caller));
    for (const { caller, subscription } of refused) {
      const result = await subscription.next();
      expect(result.errors?.[0]?.extensions?.code, `${caller} must be refused ${row.field} when subscribing`).toBe(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      expect(result.data ?? null).toBeNull();
    }
    // Every allowed caller is subscribed, and receives the next change of the case.
    await waitForSubscribers(server.http.caseFeed, row.allowed.length);
    const ops = await server.as('ops.demo');
    await ops.ok('mutation N($id: ID!) { addCaseNote(caseId: $id, body: "matrix", visibility: MESSAGE) { id } }', { id: caseId });
    for (const { caller, subscription } of subscriptions.filter((s) => row.allowed.includes(s.caller))) {
      const result = await subscription.next();
      expect(result.errors, `${caller} should receive ${row.field}`).toBeUndefined();
      subscription.dispose();
    }
    await waitUntil(() => server.http.caseFeed.subscriberCount === 0, 'the streams to end');
  });
});
