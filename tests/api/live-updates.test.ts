// GraphQL subscriptions over WebSocket (issue 6 §5): access decided when subscribing, with the same case scope
// as every read; changes made through any API instance reach subscribers of every instance (LISTEN/NOTIFY).
import type { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { createHttpApp, type HttpApp } from '../../server/src/http/app.js';
import { createLogger } from '../../server/src/logger.js';
import { buildAppSchema } from '../../server/src/schema.js';
import { demoCase, freshDeliveredOrders } from '../helpers/fixtures.js';
import { ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';
import { subscribe, waitForSubscribers, waitUntil, wsClient } from '../helpers/ws-client.js';
import { DEMO_PASSWORD } from '../../server/src/modules/auth/passwords.js';

const CASE_UPDATED = 'subscription S($id: ID!) { caseUpdated(id: $id) { id status version messages { body } } }';
const QUEUE_CHANGED = 'subscription { queueChanged { caseId eventType returnCase { id status priority } } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }';

describe('live updates', () => {
  let server: TestServer;
  const clients: Array<{ dispose(): void | Promise<void> }> = [];
  const connect = (auth: { cookie?: string; bearer?: string } = {}, url = server.url) => {
    const client = wsClient(url, auth);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.dispose();
    await server.close();
  });

  it("refuses a customer's subscription to another customer's case when subscribing, as NOT_FOUND", async () => {
    const others = await demoCase(server.orm, 'submitted', 'customer.one');
    const intruder = await server.as('customer.two');
    const refused = subscribe(connect({ cookie: intruder.sessionCookie }), CASE_UPDATED, { id: others.id });
    const result = await refused.next();
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toBe('Return case not found.');
    // No stream was opened: the feed has no subscriber for it.
    expect(server.http.caseFeed.subscriberCount).toBe(0);

    const anonymous = await subscribe(connect(), CASE_UPDATED, { id: others.id }).next();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const customerQueue = await subscribe(connect({ cookie: intruder.sessionCookie }), QUEUE_CHANGED).next();
    expect(customerQueue.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(server.http.caseFeed.subscriberCount).toBe(0);
  });

  it('delivers a change made through another API instance (LISTEN/NOTIFY fan-out)', async () => {
    // A second API replica: its own ORM, HTTP server and feed, over the same database.
    const orm = await MikroORM.init(ormConfig(server.db.url, { debug: false }));
    let replica: HttpApp | undefined;
    try {
      replica = await createHttpApp({ ...server.deps, logger: createLogger('silent') }, orm, await buildAppSchema());
      await new Promise<void>((resolve) => replica!.server.listen(0, '127.0.0.1', resolve));
      const replicaUrl = `http://127.0.0.1:${(replica.server.address() as AddressInfo).port}`;

      const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
      const customer = await server.as('customer.one');
      const caseId = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'OTHER' } })).createReturnCase.id;

      const caseSub = subscribe(connect({ cookie: customer.sessionCookie }), CASE_UPDATED, { id: caseId });
      const ops = await server.as('ops.demo');
      const queueSub = subscribe(connect({ cookie: ops.sessionCookie }), QUEUE_CHANGED);
      await waitForSubscribers(server.http.caseFeed, 2);

      // The merchant decides through the other instance.
      const merchant = new ApiClient(replicaUrl);
      await merchant.ok('mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', { u: 'merchant.one', p: DEMO_PASSWORD });
      await merchant.ok('mutation D($id: ID!, $r: String) { decideReturnCase(id: $id, decision: REJECT, reason: $r) { status } }', { id: caseId, r: 'Worn.' });

      const update = await caseSub.next();
      expect(update.errors).toBeUndefined();
      expect(update.data?.caseUpdated).toMatchObject({ id: caseId, status: 'REJECTED', version: 2 });
      const queued = await queueSub.next();
      expect(queued.data?.queueChanged).toEqual({ caseId, eventType: 'status_changed', returnCase: { id: caseId, status: 'REJECTED', priority: 'MEDIUM' } });
    } finally {
      await replica?.stop();
      await orm.close(true);
    }
  });

  it("keeps internal events from the customer's stream and lets a partner token follow its merchant's case", async () => {
    const rc = await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods');
    const [{ username }] = await server.orm.em.getConnection().execute<any[]>('select u.username from return_cases rc join users u on u.id = rc.customer_id where rc.id = ?', [rc.id]);
    const customer = await server.as(username);
    const merchant = await server.as('merchant.one');
    const token = (await merchant.ok('mutation { createApiToken(name: "live") { secret } }')).createApiToken.secret;
    const customerSub = subscribe(connect({ cookie: customer.sessionCookie }), CASE_UPDATED, { id: rc.id });
    const partnerSub = subscribe(connect({ bearer: token }), CASE_UPDATED, { id: rc.id });
    await waitForSubscribers(server.http.caseFeed, 2);

    const ops = await server.as('ops.demo');
    const note = 'mutation N($id: ID!, $b: String!, $v: NoteVisibility!) { addCaseNote(caseId: $id, body: $b, visibility: $v) { id } }';
    await ops.ok(note, { id: rc.id, b: 'Looks like wardrobing.', v: 'INTERNAL' });
    await ops.ok(note, { id: rc.id, b: 'We are looking into it.', v: 'MESSAGE' });

    // The first thing the customer hears about is the message, not the internal note before it.
    const seen = await customerSub.next();
    expect(seen.data?.caseUpdated.messages.map((m: any) => m.body)).toContain('We are looking into it.');
    expect(JSON.stringify(seen)).not.toContain('wardrobing');
    // The partner acts as its merchant: it sees the same (no internal note either).
    const partner = await partnerSub.next();
    expect(partner.errors).toBeUndefined();
    expect(partner.data?.caseUpdated.messages.map((m: any) => m.body)).toContain('We are looking into it.');
  });

  it('serves only subscriptions over WebSocket, and ends streams when the client leaves', async () => {
    const ops = await server.as('ops.demo');
    const client = connect({ cookie: ops.sessionCookie });
    const query = await subscribe(client, '{ me { username } }').next();
    expect(query.errors?.[0]?.message).toMatch(/Only subscriptions are served over WebSocket/);

    const sub = subscribe(client, QUEUE_CHANGED);
    await waitForSubscribers(server.http.caseFeed, 1);
    sub.dispose();
    await waitUntil(() => server.http.caseFeed.subscriberCount === 0, 'the stream to end');
  });

  it('refuses a cookie connection from another site (cross-site WebSocket hijacking)', async () => {
    const customer = await server.as('customer.one');
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { cookie: customer.sessionCookie!, origin: 'https://evil.example' },
    });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    expect(await closed).toBe(4403);
  });
});
