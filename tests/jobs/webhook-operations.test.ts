// Webhooks an integrator can operate (issue 19 §11): the delivery log (every attempt), re-sending a delivery,
// a test ping, rotating the secret with an overlap of two signatures, changing URL and events in place, and a
// sequence number in each payload.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../server/src/modules/webhooks/webhook-signature.js';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';
import { receiver } from '../helpers/webhook-receiver.js';

const CREATE = `mutation W($url: String!, $events: [WebhookEventType!]!) {
  createWebhookEndpoint(url: $url, events: $events) { secret endpoint { id } } }`;
const LOG = `query { webhookEndpoints { id url events deliveries(first: 3) { totalCount edges { node { id eventType status caseId
  attempts { number at outcome httpStatus durationMs errorKind error } } } } } }`;
const DECIDE = 'mutation D($id: ID!) { decideReturnCase(id: $id, decision: REJECT, reason: "No.") { status } }';
const RESEND = 'mutation R($id: ID!) { resendWebhookDelivery(id: $id) { id status } }';
const PING = 'mutation P($id: ID!) { sendTestWebhook(endpointId: $id) { id eventType status } }';
const ROTATE = 'mutation R($id: ID!) { rotateWebhookSecret(endpointId: $id) { secret endpoint { id previousSecretUntil } } }';
const UPDATE = 'mutation U($id: ID!, $url: String, $events: [WebhookEventType!]) { updateWebhookEndpoint(id: $id, url: $url, events: $events) { id url events } }';

describe('operating webhooks', () => {
  let server: TestServer;
  let worker: TestWorker;
  let merchant: ApiClient;
  let partner: Awaited<ReturnType<typeof receiver>>;

  beforeEach(async () => {
    server = await startTestServer();
    worker = await startTestWorker(server);
    merchant = await server.as('merchant.one');
    partner = await receiver([500, 200]);
  });
  afterEach(async () => {
    await partner.close();
    await worker.stop();
    await server.close();
  });

  it('logs every attempt, re-sends a delivery with the same id and body, and numbers events by case_events.seq', async () => {
    const { endpoint } = (await merchant.ok(CREATE, { url: partner.url, events: ['CASE_STATUS_CHANGED'] })).createWebhookEndpoint;
    const rc = await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods');
    await merchant.ok(DECIDE, { id: rc.id });
    await worker.drain();
    await worker.drain({ skipBackoff: true });
    expect(partner.received).toHaveLength(2);

    const [logged] = (await merchant.ok(LOG)).webhookEndpoints;
    expect(logged.deliveries.totalCount).toBe(1);
    const delivery = logged.deliveries.edges[0].node;
    expect(delivery).toMatchObject({ eventType: 'case.status_changed', status: 'SUCCEEDED', caseId: rc.id });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ number: 1, outcome: 'FAILED', httpStatus: 500, errorKind: 'HTTP_STATUS', error: 'The receiver answered HTTP 500.' }),
      expect.objectContaining({ number: 2, outcome: 'SUCCEEDED', httpStatus: 200, errorKind: null, error: null }),
    ]);
    expect(delivery.attempts.every((a: any) => Number.isInteger(a.durationMs) && a.durationMs >= 0 && a.at)).toBe(true);

    // The payload carries the event's database sequence number.
    const body = JSON.parse(partner.received[0].body);
    const [{ seq }] = await server.orm.em.getConnection().execute<any[]>('select seq from case_events where id = ?', [body.id]);
    expect(body.sequence).toBe(Number(seq));

    // Re-sending: one more attempt of the same delivery, same body and ReturnHub-Delivery header.
    expect((await merchant.ok(RESEND, { id: delivery.id })).resendWebhookDelivery).toEqual({ id: delivery.id, status: 'PENDING' });
    await worker.drain();
    expect(partner.received).toHaveLength(3);
    expect(partner.received[2].body).toBe(partner.received[0].body);
    expect(partner.received[2].headers['returnhub-delivery']).toBe(delivery.id);
    const again = (await merchant.ok(LOG)).webhookEndpoints[0].deliveries;
    expect(again.totalCount).toBe(1);
    expect(again.edges[0].node.attempts.map((a: any) => [a.number, a.outcome])).toEqual([[1, 'FAILED'], [2, 'SUCCEEDED'], [3, 'SUCCEEDED']]);

    // Another merchant cannot re-send it or see the log; bad ids are refused and change nothing.
    const other = await server.as('merchant.two');
    expect(errorCode(await other.gql(RESEND, { id: delivery.id }))).toBe('NOT_FOUND');
    expect(errorCode(await merchant.gql(RESEND, { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
    await worker.drain();
    expect(partner.received).toHaveLength(3);
    expect((await other.ok(LOG)).webhookEndpoints).toEqual([]);
    // A partner token reads its merchant's log; an admin reads any.
    const token = (await merchant.ok('mutation { createApiToken(name: "hooks") { secret } }')).createApiToken.secret;
    expect((await server.withToken(token).ok(LOG)).webhookEndpoints[0].deliveries.totalCount).toBe(1);
    const admin = await server.as('admin.demo');
    expect((await admin.ok(LOG)).webhookEndpoints.find((e: any) => e.id === endpoint.id).deliveries.totalCount).toBe(1);
  });

  it('sends a test ping, delivered and logged like any other event, and pages the log newest first', async () => {
    const { endpoint } = (await merchant.ok(CREATE, { url: partner.url, events: ['CASE_CREATED'] })).createWebhookEndpoint;
    const first = (await merchant.ok(PING, { id: endpoint.id })).sendTestWebhook;
    expect(first).toMatchObject({ eventType: 'ping', status: 'PENDING' });
    await worker.drain({ skipBackoff: true });
    const second = (await merchant.ok(PING, { id: endpoint.id })).sendTestWebhook;
    await worker.drain();
    expect(partner.received.map((r) => JSON.parse(r.body).type)).toEqual(['ping', 'ping', 'ping']);
    expect(partner.received[0].headers['returnhub-event']).toBe('ping');
    expect(JSON.parse(partner.received[0].body).data).toEqual({ endpointId: endpoint.id, message: expect.any(String) });

    const page = `query P($after: String) { webhookEndpoints { deliveries(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status caseId attempts { httpStatus } } } } } }`;
    const one = (await merchant.ok(page)).webhookEndpoints[0].deliveries;
    expect(one).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    expect(one.edges[0].node).toMatchObject({ id: second.id, status: 'SUCCEEDED', caseId: null, attempts: [{ httpStatus: 200 }] });
    const two = (await merchant.ok(page, { after: one.pageInfo.endCursor })).webhookEndpoints[0].deliveries;
    expect(two).toMatchObject({ pageInfo: { hasNextPage: false } });
    expect(two.edges[0].node).toMatchObject({ id: first.id, status: 'SUCCEEDED', attempts: [{ httpStatus: 500 }, { httpStatus: 200 }] });
    expect(errorCode(await merchant.gql(page, { after: 'garbage' }))).toBe('BAD_USER_INPUT');

    expect(errorCode(await (await server.as('merchant.two')).gql(PING, { id: endpoint.id }))).toBe('NOT_FOUND');
  });

  it('logs an attempt that reached no receiver with no status and the CONNECTION error kind', async () => {
    const closed = await receiver([200]);
    await closed.close(); // a port nobody listens on now
    const { endpoint } = (await merchant.ok(CREATE, { url: closed.url, events: ['CASE_CREATED'] })).createWebhookEndpoint;
    await merchant.ok(PING, { id: endpoint.id });
    await worker.drain();
    const [attempt] = (await merchant.ok(LOG)).webhookEndpoints[0].deliveries.edges[0].node.attempts;
    expect(attempt).toMatchObject({ number: 1, outcome: 'FAILED', httpStatus: null, errorKind: 'CONNECTION', error: expect.stringContaining('ECONNREFUSED') });
  });

  it('rotates the secret: both signatures during the overlap, then only the new one', async () => {
    const created = (await merchant.ok(CREATE, { url: partner.url, events: ['CASE_CREATED'] })).createWebhookEndpoint;
    const rotated = (await merchant.ok(ROTATE, { id: created.endpoint.id })).rotateWebhookSecret;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(new Date(rotated.endpoint.previousSecretUntil).getTime() - server.clock.now().getTime()).toBeGreaterThan(23 * 3600_000);
    expect(JSON.stringify(await merchant.ok(LOG))).not.toContain(rotated.secret);

    partner.received.length = 0;
    await merchant.ok(PING, { id: created.endpoint.id });
    await worker.drain({ skipBackoff: true });
    const signed = partner.received.at(-1)!;
    const header = signed.headers['returnhub-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    const now = Math.floor(server.clock.now().getTime() / 1000);
    expect(verifyWebhookSignature(rotated.secret, signed.body, header, now)).toBe(true);
    expect(verifyWebhookSignature(created.secret, signed.body, header, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_other', signed.body, header, now)).toBe(false);

    server.clock.advance(25 * 3600_000);
    await merchant.ok(PING, { id: created.endpoint.id });
    await worker.drain({ skipBackoff: true });
    const later = partner.received.at(-1)!;
    const laterHeader = later.headers['returnhub-signature'] as string;
    expect(laterHeader).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const laterNow = Math.floor(server.clock.now().getTime() / 1000);
    expect(verifyWebhookSignature(rotated.secret, later.body, laterHeader, laterNow)).toBe(true);
    expect(verifyWebhookSignature(created.secret, later.body, laterHeader, laterNow)).toBe(false);

    expect(errorCode(await (await server.as('merchant.two')).gql(ROTATE, { id: created.endpoint.id }))).toBe('NOT_FOUND');
  });

  it('changes URL and events in place, with the same URL rules as creation', async () => {
    const { endpoint } = (await merchant.ok(CREATE, { url: 'https://hooks.example.com/a', events: ['CASE_CREATED'] })).createWebhookEndpoint;
    for (const url of ['http://hooks.example.com/b', 'https://user:pw@hooks.example.com/', 'not a url']) {
      expect(errorCode(await merchant.gql(UPDATE, { id: endpoint.id, url })), url).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await merchant.gql(UPDATE, { id: endpoint.id, events: [] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await merchant.gql(UPDATE, { id: endpoint.id }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await (await server.as('merchant.two')).gql(UPDATE, { id: endpoint.id, url: 'https://evil.example.com/' }))).toBe('NOT_FOUND');
    expect((await merchant.ok(LOG)).webhookEndpoints[0]).toMatchObject({ url: 'https://hooks.example.com/a', events: ['CASE_CREATED'] });

    // Outside production a local receiver is accepted, as at creation; events change independently.
    expect((await merchant.ok(UPDATE, { id: endpoint.id, url: partner.url })).updateWebhookEndpoint).toEqual({ id: endpoint.id, url: partner.url, events: ['CASE_CREATED'] });
    expect((await merchant.ok(UPDATE, { id: endpoint.id, events: ['CASE_STATUS_CHANGED', 'CASE_STATUS_CHANGED'] })).updateWebhookEndpoint.events).toEqual(['CASE_STATUS_CHANGED']);
    const rc = await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods');
    await merchant.ok(DECIDE, { id: rc.id });
    await worker.drain({ skipBackoff: true });
    expect(partner.received.map((r) => JSON.parse(r.body).type)).toEqual(['case.status_changed', 'case.status_changed']);
  });
});
