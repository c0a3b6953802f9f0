// What the customer and the merchant see of a case's history (issue #18): one rule (case-event-visibility.ts) for
// the timeline, the live subscription, the e-mails, the partner webhooks and the audit export. Staff see it all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES } from '../../server/src/modules/returns/case-event-visibility.js';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { newCustomerWithOrder } from '../helpers/fixtures.js';
import { INSPECT, RECEIVE, shipOk, simulatedProvider } from '../helpers/money.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { subscribe, waitForSubscribers, wsClient } from '../helpers/ws-client.js';

const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id number status } }';
const HISTORY = 'query H($id: ID!) { returnCase(id: $id) { status timeline { type actorLabel fromStatus toStatus payload } } }';
const PRIORITY = 'mutation P($id: ID!) { setCasePriority(id: $id, priority: HIGH) { priority } }';
const ASSIGN = 'mutation A($id: ID!, $to: ID) { assignCase(id: $id, assigneeId: $to) { id } }';
const NOTE = 'mutation N($id: ID!, $b: String!, $v: NoteVisibility!) { addCaseNote(caseId: $id, body: $b, visibility: $v) { id } }';
const CASE_UPDATED = 'subscription S($id: ID!) { caseUpdated(id: $id) { id priority timeline { type actorLabel payload } } }';
const MAILBOX = 'query M($id: ID) { devMailbox(caseId: $id, first: 100) { edges { node { to subject text html } } } }';
const CREATE_ENDPOINT = 'mutation W($url: String!, $events: [WebhookEventType!]!) { createWebhookEndpoint(url: $url, events: $events) { secret } }';
const EXPORT = 'query X($id: ID!, $f: AuditExportFormat!) { caseAuditExport(caseId: $id, format: $f) { content } }';

/** What must never reach a customer or a merchant: staff usernames, risk, internal notes, the provider's answer. */
const STAFF_SECRETS = ['ops.demo', 'admin.demo', 'riskLabel', 'risk_scored', 'escalation risk', 'declined_by_issuer', 'refund_declined', 'providerRefundId', 'idempotency', 'Internal: check'];
const STAFF_ONLY_TYPES = ['priority_changed', 'assigned', 'internal_note_added', 'risk_scored', 'refund_retries_exhausted'];

interface Event {
  type: string;
  actorLabel: string;
  toStatus: string | null;
  payload: Record<string, unknown>;
}

describe('what the parties see of a case history', () => {
  let server: TestServer;
  let customer: ApiClient;
  let merchant: ApiClient;
  let ops: ApiClient;
  let caseId: string;

  beforeEach(async () => {
    server = await startTestServer();
    // A first-time customer's cheap wrong item at Bazaar (25.00 auto-approve limit): approved automatically.
    const order = await newCustomerWithOrder(server.orm, { username: 'first.timer', merchantName: 'Bazaar Marketplace', skus: [['BZ-PLANT-04', 1], ['BZ-SCARF-02', 1]] });
    const plant = order.items.find((i) => i.sku === 'BZ-PLANT-04')!;
    [customer, merchant, ops] = await Promise.all([server.as('first.timer'), server.as('merchant.two'), server.as('ops.demo')]);
    const created = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: plant.id, quantity: 1 }], reason: 'WRONG_ITEM', description: 'Received a different planter; photos of the box label attached.' } })).createReturnCase;
    expect(created.status).toBe('APPROVED');
    caseId = created.id;
  });
  afterEach(() => server.close());

  const history = async (client: ApiClient): Promise<Event[]> => (await client.ok(HISTORY, { id: caseId })).returnCase.timeline;

  /** The rest of the case's life: staff work on it, it is shipped, received, restocked, and the refund is declined. */
  async function workTheCase(): Promise<void> {
    const [{ id: opsId }] = await server.orm.em.getConnection().execute<any[]>("select id from users where username = 'ops.demo'");
    await ops.ok(PRIORITY, { id: caseId });
    await ops.ok(ASSIGN, { id: caseId, to: opsId });
    await ops.ok(NOTE, { id: caseId, b: 'Internal: check the seller stock.', v: 'INTERNAL' });
    await ops.ok(NOTE, { id: caseId, b: 'We are looking after your return.', v: 'MESSAGE' });
    await shipOk(customer, { id: caseId, c: 'UPS', t: '1Z 999 AA1 0123' });
    await merchant.ok(RECEIVE, { id: caseId });
    await simulatedProvider(server).setBehaviour(SimulatedBehaviour.DECLINE, { times: 1 });
    const items = (await merchant.ok('query I($id: ID!) { returnCase(id: $id) { items { id } } }', { id: caseId })).returnCase.items;
    await merchant.ok(INSPECT, { id: caseId, input: { passed: true, items: items.map((i: { id: string }) => ({ returnItemId: i.id, condition: 'LIKE_NEW', restockable: true })) } });
  }

  it('shows staff everything, as recorded', async () => {
    await workTheCase();
    const events = await history(ops);
    const types = events.map((e) => e.type);
    for (const type of ['risk_scored', 'priority_changed', 'assigned', 'internal_note_added', 'items_restocked']) expect(types).toContain(type);
    const approval = events.find((e) => e.toStatus === 'APPROVED')!;
    expect(approval).toMatchObject({ actorLabel: 'system', payload: { automatic: true, riskLabel: 'low', limitMinor: 2500 } });
    expect(events.find((e) => e.toStatus === 'REFUND_FAILED')!.payload.error).toBe('refund_declined');
    expect(events.find((e) => e.type === 'assigned')).toMatchObject({ actorLabel: 'ops.demo', payload: { assignee: 'ops.demo' } });
    // Every type in the database — the demo data's and this case's — is one the table rules on.
    const stored = await server.orm.em.getConnection().execute<Array<{ type: string }>>('select distinct type from case_events');
    expect(CASE_EVENT_TYPES).toEqual(expect.arrayContaining(stored.map((r) => r.type)));
  });

  it("gives the customer and the merchant none of the staff's events, fields or usernames", async () => {
    await workTheCase();
    for (const [who, client] of [['customer', customer], ['merchant', merchant]] as const) {
      const events = await history(client);
      const text = JSON.stringify(events);
      for (const secret of STAFF_SECRETS) expect(text, `${who} sees ${secret}`).not.toContain(secret);
      for (const type of STAFF_ONLY_TYPES) expect(events.map((e) => e.type), `${who} sees ${type}`).not.toContain(type);
      expect(text, `${who} sees the auto-approve limit`).not.toMatch(who === 'customer' ? /limitMinor/ : /riskLabel/);

      const approval = events.find((e) => e.toStatus === 'APPROVED')!;
      expect(approval.actorLabel).toBe('Automatic');
      expect(approval.payload).toMatchObject({ automatic: true, note: "Approved automatically under the merchant's return policy." });
      const failed = events.find((e) => e.toStatus === 'REFUND_FAILED')!;
      expect(Object.keys(failed.payload).sort()).toEqual(['action', 'amountMinor']);
      // Ops and admins are the team; merchant staff are the shop; the customer is "You" to themselves.
      expect(events.find((e) => e.type === 'message_added')!.actorLabel).toBe('ReturnHub support');
      expect(events.find((e) => e.toStatus === 'RECEIVED')!.actorLabel).toBe('Bazaar Marketplace');
      expect(events.find((e) => e.type === 'case_created')!.actorLabel).toBe(who === 'customer' ? 'You' : 'first.timer');
    }
    // Restocking is the merchant's stock: the merchant sees it, the customer does not.
    expect((await history(merchant)).find((e) => e.type === 'items_restocked')).toMatchObject({ actorLabel: 'Automatic', payload: { units: 1 } });
    expect((await history(customer)).map((e) => e.type)).not.toContain('items_restocked');
    // The merchant sees its own auto-approve limit, never the risk label.
    expect((await history(merchant)).find((e) => e.toStatus === 'APPROVED')!.payload).toEqual({
      action: 'Approve',
      automatic: true,
      limitMinor: 2500,
      note: "Approved automatically under the merchant's return policy.",
    });
  });

  it('keeps the audit export for ops and admins, complete', async () => {
    await workTheCase();
    for (const client of [customer, merchant]) expect(errorCode(await client.gql(EXPORT, { id: caseId, f: 'JSON' }))).toBe('FORBIDDEN');
    const admin = await server.as('admin.demo');
    const exported = JSON.parse((await admin.ok(EXPORT, { id: caseId, f: 'JSON' })).caseAuditExport.content);
    expect(exported.events.map((e: Event) => e.type)).toEqual(expect.arrayContaining(STAFF_ONLY_TYPES.slice(0, 4)));
    expect(JSON.stringify(exported)).toContain('ops.demo');
  });

  it("sends the customer's and the merchant's e-mails and the merchant's webhooks under the same rule", async () => {
    const bodies: string[] = [];
    const partner = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    const worker = await startTestWorker(server);
    try {
      const url = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/hooks`;
      await merchant.ok(CREATE_ENDPOINT, { url, events: ['CASE_CREATED', 'CASE_STATUS_CHANGED', 'CASE_MESSAGE_ADDED'] });
      await workTheCase();
      await worker.drain();

      const admin = await server.as('admin.demo');
      const mails: Array<{ to: string; subject: string; text: string; html: string }> = (await admin.ok(MAILBOX, { id: caseId })).devMailbox.edges.map((e: any) => e.node);
      expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining(['first.timer@returnhub.test']));
      for (const mail of mails) {
        for (const secret of STAFF_SECRETS) expect(`${mail.subject}\n${mail.text}\n${mail.html}`, `mail "${mail.subject}" has ${secret}`).not.toContain(secret);
      }

      const changes = bodies.map((b) => JSON.parse(b).data.change);
      expect(changes.length).toBeGreaterThanOrEqual(6);
      for (const secret of STAFF_SECRETS) expect(JSON.stringify(bodies), `webhook has ${secret}`).not.toContain(secret);
      expect(changes.find((c) => c.toStatus === 'approved')).toEqual({
        actor: 'Automatic', fromStatus: 'submitted', toStatus: 'approved', note: "Approved automatically under the merchant's return policy.",
      });
      expect(changes.find((c) => c.messageId)).toMatchObject({ actor: 'ReturnHub support' });
      expect(changes.find((c) => c.toStatus === 'received')).toMatchObject({ actor: 'Bazaar Marketplace' });
    } finally {
      await worker.stop();
      await new Promise((resolve) => partner.close(resolve));
    }
  });

  it('pushes the customer no staff-only change over the subscription, and names the actors the same way', async () => {
    const client = wsClient(server.url, { cookie: customer.sessionCookie });
    try {
      const updates = subscribe(client, CASE_UPDATED, { id: caseId });
      await waitForSubscribers(server.http.caseFeed, 1);
      await ops.ok(PRIORITY, { id: caseId }); // staff-only: no push to the customer
      await ops.ok(NOTE, { id: caseId, b: 'We are looking after your return.', v: 'MESSAGE' });
      const first = await updates.next();
      expect(first.errors).toBeUndefined();
      const events: Event[] = first.data!.caseUpdated.timeline;
      expect(events.at(-1)).toMatchObject({ type: 'message_added', actorLabel: 'ReturnHub support' });
      const text = JSON.stringify(events);
      for (const secret of STAFF_SECRETS) expect(text).not.toContain(secret);
      expect(events.map((e) => e.type)).not.toContain('priority_changed');
    } finally {
      await client.dispose();
    }
  });
});
