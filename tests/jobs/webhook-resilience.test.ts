// Partner webhooks that misbehave (issue #18): a receiver that trickles its answer cannot hold a job slot (each
// attempt has an overall deadline), deliveries to one endpoint run one at a time (a named queue per endpoint),
// and an endpoint whose every delivery fails for a day is disabled, its merchant e-mailed, and re-enabled by hand.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, type Socket, createServer as createTcpServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpWebhookClient } from '../../server/src/modules/webhooks/webhook-http.js';
import { TaskName } from '../../server/src/shared/job-queue.js';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';

const DEADLINE_MS = 1_500;
const CREATE_ENDPOINT = 'mutation W($url: String!) { createWebhookEndpoint(url: $url, events: [CASE_STATUS_CHANGED]) { endpoint { id } } }';
const ENDPOINTS = '{ webhookEndpoints { id url disabledAt disabledReason lastDelivery { status httpStatus attempts error } } }';
const ENABLE = 'mutation E($id: ID!) { enableWebhookEndpoint(id: $id) { id disabledAt disabledReason } }';
const DECIDE = 'mutation D($id: ID!) { decideReturnCase(id: $id, decision: REJECT, reason: "No.") { status } }';

/** A receiver that accepts the connection and drips its answer a byte at a time, every 200 ms, forever. */
async function drippingReceiver(mode: 'before-status' | 'after-status'): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    const answer = mode === 'before-status' ? 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n' : null;
    if (mode === 'after-status') socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n');
    let i = 0;
    const timer = setInterval(() => socket.write(answer ? answer[i++ % answer.length] : '.'), 200);
    socket.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A receiver answering with the given statuses in turn (the last one repeats). */
async function receiver(statuses: number[]): Promise<{ url: string; count(): number; close(): Promise<void> }> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = statuses[Math.min(received++, statuses.length - 1)];
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    count: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const request = (url: string) => ({ url: new URL(url), headers: {}, body: '{}', timeoutMs: 10_000, deadlineMs: DEADLINE_MS, allowPrivateNetwork: true });

describe('webhook attempts have an overall deadline', () => {
  it('ends an attempt whose receiver drips its status line (the timeout on silence never fires)', async () => {
    const slow = await drippingReceiver('before-status');
    try {
      const started = Date.now();
      const result = await httpWebhookClient(request(slow.url));
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 1_000);
      expect(result).toEqual({ error: `no answer within the ${DEADLINE_MS} ms deadline` });
    } finally {
      await slow.close();
    }
  });

  it('ends an attempt whose receiver answers and then drips the body, keeping the status it answered', async () => {
    const slow = await drippingReceiver('after-status');
    try {
      const started = Date.now();
      expect(await httpWebhookClient(request(slow.url))).toEqual({ status: 200 });
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 1_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    } finally {
      await slow.close();
    }
  });
});

describe('webhook endpoints that misbehave', () => {
  let server: TestServer;
  let worker: TestWorker;
  let merchant: ApiClient;

  beforeEach(async () => {
    server = await startTestServer({ env: { WEBHOOK_ATTEMPT_DEADLINE_MS: String(DEADLINE_MS) } });
    worker = await startTestWorker(server);
    merchant = await server.as('merchant.one');
  });
  afterEach(async () => {
    await worker.stop();
    await server.close();
  });

  const endpointState = async (id: string) => (await merchant.ok(ENDPOINTS)).webhookEndpoints.find((e: { id: string }) => e.id === id);
  /** A status change on a Northwind case (a case event for the endpoints); the same case is put back in review each time. */
  let caseId: string | undefined;
  const decideNewCase = async () => {
    caseId ??= (await demoCase(server.orm, 'in_review', undefined, 'Northwind Goods')).id;
    await server.orm.em.getConnection().execute(`update return_cases set status = 'in_review' where id = ?`, [caseId]);
    await merchant.ok(DECIDE, { id: caseId });
  };

  it('a dripping receiver costs one deadline; the other endpoint is delivered; each endpoint has its own queue', async () => {
    const slow = await drippingReceiver('before-status');
    const good = await receiver([200]);
    try {
      const slowId = (await merchant.ok(CREATE_ENDPOINT, { url: slow.url })).createWebhookEndpoint.endpoint.id;
      const goodId = (await merchant.ok(CREATE_ENDPOINT, { url: good.url })).createWebhookEndpoint.endpoint.id;
      await decideNewCase();
      const started = Date.now();
      await worker.drain(); // fan-out, then one delivery job per endpoint; the slow one's retry waits for its back-off
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 8_000); // without the deadline it would never end
      expect(good.count()).toBe(1);
      // The retry waits in the slow endpoint's own queue (one delivery at a time per endpoint).
      const rows = await server.orm.em.getConnection().execute<Array<{ queue_name: string }>>(
        'select queue_name from graphile_worker.jobs where task_identifier = ?', [TaskName.DELIVER_WEBHOOK]);
      expect(rows).toEqual([{ queue_name: `webhook-endpoint:${slowId}` }]);
      expect((await endpointState(goodId)).lastDelivery).toMatchObject({ status: 'SUCCEEDED', httpStatus: 200 });
      expect((await endpointState(slowId)).lastDelivery).toMatchObject({ status: 'PENDING', attempts: 1, error: `no answer within the ${DEADLINE_MS} ms deadline` });
    } finally {
      await slow.close();
      await good.close();
    }
  });

  it('disables an endpoint after a day of failed deliveries, e-mails the merchant, and delivers again once re-enabled', async () => {
    const partner = await receiver([500, 500, 200]);
    try {
      const id = (await merchant.ok(CREATE_ENDPOINT, { url: partner.url })).createWebhookEndpoint.endpoint.id;
      await decideNewCase();
      await worker.drain(); // the first attempt fails: the clock starts
      expect(await endpointState(id)).toMatchObject({ disabledAt: null, lastDelivery: { status: 'PENDING', attempts: 1 } });

      server.clock.advance(23 * 3600_000);
      await worker.drain({ maxRounds: 1 }); // nothing due by the queue's clock yet
      server.clock.advance(2 * 3600_000);
      await worker.drain({ skipBackoff: true }); // the retry a day later fails too: disabled, no further attempts
      expect(partner.count()).toBe(2);
      const disabled = await endpointState(id);
      expect(disabled.disabledAt).not.toBeNull();
      expect(disabled.disabledReason).toMatch(/Every delivery failed .* Last error: The receiver answered HTTP 500\./);
      expect(disabled.lastDelivery).toMatchObject({ status: 'FAILED', attempts: 2 });
      const mails = await server.orm.em.getConnection().execute<Array<{ to: string; subject: string }>>(
        `select m."to", m.subject from dev_mailbox_messages m where m.subject like 'Webhook endpoint disabled%'`);
      const [owner] = await server.orm.em.getConnection().execute<Array<{ email: string }>>(`select email from users where username = 'merchant.one'`);
      expect(mails).toEqual([{ to: expect.stringContaining(owner.email), subject: `Webhook endpoint disabled: ${partner.url}` }]);

      // While disabled, new events are not delivered to it.
      await decideNewCase();
      await worker.drain({ skipBackoff: true });
      expect(partner.count()).toBe(2);

      // Another merchant cannot re-enable it; its own merchant can.
      const other = await server.as('merchant.two');
      expect(errorCode(await other.gql(ENABLE, { id }))).toBe('NOT_FOUND');
      expect((await merchant.ok(ENABLE, { id })).enableWebhookEndpoint).toEqual({ id, disabledAt: null, disabledReason: null });
      await decideNewCase();
      await worker.drain({ skipBackoff: true });
      expect(partner.count()).toBe(3);
      expect(await endpointState(id)).toMatchObject({ disabledAt: null, lastDelivery: { status: 'SUCCEEDED', httpStatus: 200 } });
      const [{ failing_since }] = await server.orm.em.getConnection().execute<Array<{ failing_since: Date | null }>>('select failing_since from webhook_endpoints where id = ?', [id]);
      expect(failing_since).toBeNull();
    } finally {
      await partner.close();
    }
  });
});
