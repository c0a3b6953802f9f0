// Partner webhooks (issue 6 §6): endpoints registered by a merchant or its partner token, signed deliveries,
// retries with back-off until a failing receiver recovers, and the last status visible on the endpoint.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPrivateAddress, validateWebhookUrl } from '../../server/src/modules/webhooks/webhook-url.js';
import { verifyWebhookSignature } from '../../server/src/modules/webhooks/webhook-signature.js';
import { httpWebhookClient } from '../../server/src/modules/webhooks/webhook-http.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';
import { receiver } from '../helpers/webhook-receiver.js';

const CREATE_ENDPOINT = `mutation W($url: String!, $events: [WebhookEventType!]!) {
  createWebhookEndpoint(url: $url, events: $events) { secret endpoint { id url events } } }`;
const ENDPOINTS = '{ webhookEndpoints { id url events merchant { name } lastDelivery { status eventType httpStatus attempts at error } } }';
const DECIDE = 'mutation D($id: ID!, $r: String) { decideReturnCase(id: $id, decision: REJECT, reason: $r) { status } }';

describe('partner webhooks', () => {
  let server: TestServer;
  let worker: TestWorker;
  let merchant: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    worker = await startTestWorker(server);
    merchant = await server.as('merchant.one');
  });
  afterEach(async () => {
    await worker.stop();
    await server.close();
  });

  it('signs each delivery and retries after a failing receiver until it recovers', async () => {
    const partner = await receiver([500, 503, 200]);
    try {
      const created = (await merchant.ok(CREATE_ENDPOINT, { url: partner.url, events: ['CASE_STATUS_CHANGED'] })).createWebhookEndpoint;
      expect(created.secret).toMatch(/^whsec_/);
      expect(created.endpoint).toMatchObject({ url: partner.url, events: ['CASE_STATUS_CHANGED'] });

      const rc = await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods');
      await merchant.ok(DECIDE, { id: rc.id, r: 'Not eligible.' });
      await worker.drain(); // first attempt fails; the retry waits for its back-off
      expect(partner.received).toHaveLength(1);
      const pending = (await merchant.ok(ENDPOINTS)).webhookEndpoints[0].lastDelivery;
      expect(pending).toMatchObject({ status: 'PENDING', eventType: 'case.status_changed', httpStatus: 500, attempts: 1, error: 'The receiver answered HTTP 500.' });

      await worker.drain({ skipBackoff: true });
      expect(partner.received).toHaveLength(3);
      // The same body each time, each signed afresh: HMAC-SHA256 over "<t>.<body>" with the endpoint's secret.
      const nowSeconds = Math.floor(server.clock.now().getTime() / 1000);
      for (const delivery of partner.received) {
        expect(delivery.body).toBe(partner.received[0].body);
        expect(delivery.headers['returnhub-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(verifyWebhookSignature(created.secret, delivery.body, delivery.headers['returnhub-signature'] as string, nowSeconds)).toBe(true);
        expect(verifyWebhookSignature('whsec_wrong', delivery.body, delivery.headers['returnhub-signature'] as string, nowSeconds)).toBe(false);
        expect(verifyWebhookSignature(created.secret, `${delivery.body} `, delivery.headers['returnhub-signature'] as string, nowSeconds)).toBe(false);
        expect(delivery.headers['returnhub-event']).toBe('case.status_changed');
      }
      const body = JSON.parse(partner.received[0].body);
      expect(body).toMatchObject({
        type: 'case.status_changed',
        data: { case: { id: rc.id, number: rc.number, status: 'rejected' }, change: { actor: 'Northwind Goods', fromStatus: 'in_review', toStatus: 'rejected', note: 'Not eligible.' } },
      });
      expect(JSON.stringify(body)).not.toMatch(/risk|internal/i);

      const done = (await merchant.ok(ENDPOINTS)).webhookEndpoints[0].lastDelivery;
      expect(done).toMatchObject({ status: 'SUCCEEDED', httpStatus: 200, attempts: 3, error: null });
      expect(await worker.jobs(TaskName.DELIVER_WEBHOOK)).toEqual([]);
    } finally {
      await partner.close();
    }
  });

  it('gives up after the last attempt and shows the failed job to admins', async () => {
    const partner = await receiver([500]);
    try {
      await merchant.ok(CREATE_ENDPOINT, { url: partner.url, events: ['CASE_STATUS_CHANGED'] });
      const rc = await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods');
      await merchant.ok(DECIDE, { id: rc.id, r: 'No.' });
      await worker.drain({ skipBackoff: true });
      expect(partner.received).toHaveLength(12);
      const last = (await merchant.ok(ENDPOINTS)).webhookEndpoints[0].lastDelivery;
      expect(last).toMatchObject({ status: 'FAILED', httpStatus: 500, attempts: 12 });

      const admin = await server.as('admin.demo');
      const failed = (await admin.ok('{ failedJobs { task key attempts maxAttempts lastError } }')).failedJobs;
      expect(failed).toEqual([expect.objectContaining({ task: 'deliver_webhook', attempts: 12, maxAttempts: 12, lastError: expect.stringContaining('The receiver answered HTTP 500.') })]);
    } finally {
      await partner.close();
    }
  });

  it('stops a failing rescore after its attempts without holding up other jobs', async () => {
    await worker.stop();
    const calls: string[] = [];
    worker = await startTestWorker(server, {
      rescorer: {
        async rescore({ caseId }) {
          calls.push(caseId);
          throw new Error('model artifact unreadable');
        },
      },
    });
    const rc = await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods');
    await merchant.ok(DECIDE, { id: rc.id, r: 'No.' });
    await worker.drain({ skipBackoff: true });
    expect(calls).toEqual([rc.id, rc.id, rc.id]);
    const jobs = await worker.jobs();
    expect(jobs.map((j) => [j.task_identifier, j.attempts, j.max_attempts])).toEqual([['rescore_case', 3, 3]]);
    expect(jobs[0].last_error).toContain('model artifact unreadable');
    // The rejection e-mail went out regardless.
    const [{ n }] = await server.orm.em.getConnection().execute<any[]>('select count(*) as n from dev_mailbox_messages where case_id = ?', [rc.id]);
    expect(Number(n)).toBe(1);
  });

  it('lets a partner token register endpoints and keeps merchants to their own', async () => {
    const token = (await merchant.ok('mutation { createApiToken(name: "hooks") { secret } }')).createApiToken.secret;
    const partner = server.withToken(token);
    const created = (await partner.ok(CREATE_ENDPOINT, { url: 'https://partner.example.com/hooks', events: ['CASE_CREATED', 'CASE_MESSAGE_ADDED'] })).createWebhookEndpoint;
    expect((await merchant.ok(ENDPOINTS)).webhookEndpoints.map((e: any) => [e.id, e.merchant.name])).toEqual([[created.endpoint.id, 'Northwind Goods']]);
    expect(JSON.stringify(await merchant.ok(ENDPOINTS))).not.toContain(created.secret);

    const other = await server.as('merchant.two');
    expect((await other.ok(ENDPOINTS)).webhookEndpoints).toEqual([]);
    const steal = await other.gql('mutation X($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', { id: created.endpoint.id });
    expect(errorCode(steal)).toBe('NOT_FOUND');
    await partner.ok('mutation X($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', { id: created.endpoint.id });
    expect((await merchant.ok(ENDPOINTS)).webhookEndpoints).toEqual([]);

    // An admin registers one for a merchant it names, and sees every merchant's.
    const [{ id: bazaarId }] = await server.orm.em.getConnection().execute<any[]>("select id from merchant_profiles where name = 'Bazaar Marketplace'");
    const admin = await server.as('admin.demo');
    const forBazaar = 'mutation W($m: ID) { createWebhookEndpoint(url: "https://bazaar.example.com/h", events: [CASE_ESCALATED], merchantId: $m) { endpoint { id } } }';
    expect(errorCode(await admin.gql(forBazaar, {}))).toBe('BAD_USER_INPUT');
    const adminMade = (await admin.ok(forBazaar, { m: bazaarId })).createWebhookEndpoint.endpoint.id;
    expect((await other.ok(ENDPOINTS)).webhookEndpoints.map((e: any) => e.id)).toEqual([adminMade]);
    expect((await admin.ok(ENDPOINTS)).webhookEndpoints.map((e: any) => e.merchant.name)).toEqual(['Bazaar Marketplace']);
  });

  it('refuses URLs that are not https, carry credentials, or (in production) point inside the network', async () => {
    for (const url of ['http://partner.example.com/hooks', 'ftp://partner.example.com/', 'https://user:pw@partner.example.com/', 'not a url']) {
      const result = await merchant.gql(CREATE_ENDPOINT, { url, events: ['CASE_CREATED'] });
      expect(errorCode(result), url).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await merchant.gql(CREATE_ENDPOINT, { url: 'https://partner.example.com/', events: [] }))).toBe('BAD_USER_INPUT');
    expect((await merchant.ok('{ webhookEndpoints { id } }')).webhookEndpoints).toEqual([]);

    // Outside production a local receiver on 127.0.0.1 is fine; in production it is not, nor any private address.
    expect(validateWebhookUrl('http://127.0.0.1:9999/x', false).toString()).toBe('http://127.0.0.1:9999/x');
    for (const url of ['http://127.0.0.1:9999/x', 'https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://192.168.0.5/x', 'https://[::1]/x', 'https://localhost/x', 'https://169.254.169.254/latest', 'https://db.internal/x']) {
      expect(() => validateWebhookUrl(url, true), url).toThrow();
    }
    expect(validateWebhookUrl('https://hooks.partner.example.com/returnhub', true).hostname).toBe('hooks.partner.example.com');
    expect(['10.0.0.1', '172.20.1.1', '100.64.0.1', '::ffff:127.0.0.1', 'fd00::1', 'fe80::1'].every(isPrivateAddress)).toBe(true);
    expect(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'].some(isPrivateAddress)).toBe(false);
  });

  it('does not connect to a name that resolves to a private address when private networks are off (production)', async () => {
    const local = await receiver([200]);
    try {
      const url = new URL(local.url.replace('127.0.0.1', 'localhost'));
      const refused = await httpWebhookClient({ url, headers: {}, body: '{}', timeoutMs: 2_000, deadlineMs: 5_000, allowPrivateNetwork: false });
      expect(refused).toEqual({ error: 'localhost resolves to a private address' });
      expect(local.received).toHaveLength(0);
      expect(await httpWebhookClient({ url, headers: {}, body: '{}', timeoutMs: 2_000, deadlineMs: 5_000, allowPrivateNetwork: true })).toEqual({ status: 200 });
      expect(local.received).toHaveLength(1);
    } finally {
      await local.close();
    }
  });
});
