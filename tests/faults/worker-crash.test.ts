// Fault injection in the job worker (issue #10): the real worker process (`node dist/server/src/main.js
// --worker-only`, what `npm run worker` runs) is SIGKILLed while a job is in flight — a partner webhook whose
// receiver has the request but has not answered. A new worker process must finish the job (the dead worker's lock
// is released once its advisory-lock lease is gone, jobs/worker-liveness.ts), and the effect must happen once:
// one delivery row per event and endpoint, every attempt carrying the same delivery id (so the partner can
// de-duplicate), one e-mail per recipient and event.
// (A worker killed mid-refund is covered by tests/jobs/worker-crash.test.ts, issue #6.)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

const root = join(import.meta.dirname, '..', '..');
const CREATE_ENDPOINT = 'mutation W($url: String!) { createWebhookEndpoint(url: $url, events: [CASE_STATUS_CHANGED]) { endpoint { id } } }';
const DECIDE = 'mutation D($id: ID!) { decideReturnCase(id: $id, decision: REJECT, reason: "Outside the policy.") { status } }';

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('faults: worker killed mid-job', () => {
  let server: TestServer | undefined;
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'returnhub-worker-crash-'));

  beforeAll(() => {
    // The worker runs from the compiled output, as in production (incremental: quick when nothing changed).
    const built = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`tsc failed: ${built.stdout}${built.stderr}`);
  }, 240_000);

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startWorker(url: string): ChildProcess {
    const child = spawn(process.execPath, [join(root, 'dist/server/src/main.js'), '--worker-only'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (code && code !== 0 && code !== 143) console.error(`worker exited with ${code} (${signal}):\n${output}`);
    });
    children.push(child);
    return child;
  }

  it('a webhook delivery interrupted by SIGKILL is completed by the next worker, once in effect', async () => {
    const api = await startTestServer();
    server = api;
    const requests: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const held: ServerResponse[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (requests.length === 1) held.push(res); // the first attempt: received, never answered (the worker dies)
        else res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const merchant = await api.as('merchant.one');
      await merchant.ok(CREATE_ENDPOINT, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks` });
      const rc = await demoCase(api.orm, 'submitted', undefined, 'Northwind Goods');
      expect((await merchant.ok(DECIDE, { id: rc.id })).decideReturnCase.status).toBe('REJECTED');
      const [{ id: eventId }] = await query<{ id: string }>(api.orm, `select id from case_events where return_case_id = ? and to_status = 'rejected'`, [rc.id]);

      const first = startWorker(api.db.url);
      await until('the first delivery attempt to reach the receiver', () => requests.length >= 1);
      first.kill('SIGKILL');
      await until('the first worker to die', () => first.signalCode === 'SIGKILL');
      for (const res of held) res.destroy();
      const [locked] = await query<{ locked: boolean; status: string }>(
        api.orm,
        `select j.locked_at is not null as locked, d.status from webhook_deliveries d
           join graphile_worker._private_jobs j on j.key = 'webhook-delivery:' || d.id where d.event_id = ?`,
        [eventId],
      );
      expect(locked).toEqual({ locked: true, status: 'pending' }); // the dead worker still holds it

      const second = startWorker(api.db.url);
      const delivered = await until('the delivery to succeed', async () => {
        const rows = await query<{ id: string; status: string; attempts: number }>(api.orm, 'select id, status, attempts from webhook_deliveries where event_id = ?', [eventId]);
        return rows.length === 1 && rows[0].status === 'succeeded' ? rows[0] : null;
      });
      // The mails of the rejection (customer), sent by one of the two workers.
      await until('the rejection e-mail', async () => (await query(api.orm, `select 1 from mail_deliveries where dedup_key like ?`, [`case-event:${eventId}:%`])).length > 0);
      second.kill('SIGTERM');
      await until('the second worker to stop', () => second.exitCode !== null || second.signalCode !== null, 15_000);

      // At least once on the wire, once in effect: every attempt is the same delivery (same id, same body).
      expect(requests.length).toBeGreaterThanOrEqual(2);
      expect(new Set(requests.map((r) => r.headers['returnhub-delivery']))).toEqual(new Set([delivered.id]));
      expect(new Set(requests.map((r) => r.body)).size).toBe(1);
      expect(await query(api.orm, 'select id from webhook_deliveries where event_id = ?', [eventId])).toHaveLength(1);
      // One e-mail per recipient and event: the dev mailbox never holds a key twice.
      const [mail] = await query<{ total: string; keys: string }>(api.orm, 'select count(*) as total, count(distinct dedup_key) as keys from dev_mailbox_messages');
      expect(mail.total).toBe(mail.keys);
      const [ofEvent] = await query<{ n: string }>(api.orm, 'select count(*) as n from dev_mailbox_messages where dedup_key like ?', [`case-event:${eventId}:%`]);
      expect(Number(ofEvent.n)).toBeGreaterThanOrEqual(1);
      // Nothing left locked or failed in the queue.
      expect(await query(api.orm, `select id from graphile_worker._private_jobs where locked_at is not null or last_error is not null and attempts >= max_attempts`)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  }, 90_000);
});
