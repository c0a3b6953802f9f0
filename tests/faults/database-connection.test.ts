// Fault injection at the database (issue #10): the server's connection is terminated while a mutation's
// transaction is open and has already written. PostgreSQL rolls the transaction back; the client must get a
// coded, retryable error, nothing of the change may remain (no status change, no audit event, no outbox row),
// and the connection pool must recover so the next request succeeds.
//
// Deterministic: a trigger installed in this test's own database makes the transaction wait on an advisory lock the
// test holds right after it has updated the case (an AFTER trigger: the row is written, uncommitted; the unit of work
// may write the audit event and outbox rows before or after it); the test finds the waiting backend in pg_locks and
// terminates exactly that one.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { DEMO_PASSWORD } from '../../server/src/modules/auth/passwords.js';
import { SIMULATED_SIGNATURE_HEADER, signSimulatedPayload } from '../../server/src/modules/payments/simulated/simulated-signature.js';

const LOCK = 4_210_010;
const TRANSITION = 'mutation T($id: ID!, $to: CaseStatus!) { transitionReturnCase(id: $id, to: $to) { status version } }';

describe('faults: database connection dropped mid-transaction', () => {
  let server: TestServer;
  let admin: pg.Client;
  let ops: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    admin = new pg.Client({ connectionString: server.db.url });
    await admin.connect();
    ops = await server.as('ops.demo');
    await admin.query(`
      create function hold_case_update() returns trigger language plpgsql as $$
      begin perform pg_advisory_xact_lock(${LOCK}); return new; end $$;
      create trigger hold_case_update after update on return_cases for each row execute function hold_case_update();`);
  });
  afterEach(async () => {
    await admin.end();
    await server.close();
  });

  const snapshot = async (caseId: string) => {
    const { rows } = await admin.query<{ status: string; version: number; events: string; outbox: string }>(
      `select rc.status, rc.version,
              (select count(*) from case_events e where e.return_case_id = rc.id) as events,
              (select count(*) from outbox_messages o where o.case_id = rc.id) as outbox
         from return_cases rc where rc.id = $1`,
      [caseId],
    );
    return rows[0];
  };

  /** Waits for a backend blocked on our advisory lock and returns its pid and whether its transaction has written. */
  async function blockedBackend(): Promise<{ pid: number; wrote: boolean }> {
    for (let i = 0; i < 200; i++) {
      const { rows } = await admin.query<{ pid: number; xid: string | null }>(
        `select l.pid, a.backend_xid::text as xid from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and not l.granted and l.objid = $1`,
        [LOCK],
      );
      if (rows[0]) return { pid: rows[0].pid, wrote: rows[0].xid !== null };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the mutation never reached the held case update');
  }

  it('answers SERVICE_UNAVAILABLE, leaves no trace of the change, and the next request succeeds', async () => {
    const rc = await demoCase(server.orm, 'submitted');
    const before = await snapshot(rc.id);

    await admin.query('select pg_advisory_lock($1)', [LOCK]);
    const pending = ops.gql(TRANSITION, { id: rc.id, to: 'IN_REVIEW' });
    const { pid, wrote } = await blockedBackend();
    expect(wrote).toBe(true); // the status update and the audit event are written, uncommitted
    const { rows } = await admin.query<{ terminated: boolean }>('select pg_terminate_backend($1) as terminated', [pid]);
    expect(rows[0].terminated).toBe(true);
    await admin.query('select pg_advisory_unlock($1)', [LOCK]);

    const result = await pending;
    expect(errorCode(result)).toBe('SERVICE_UNAVAILABLE');
    expect(result.errors![0].extensions).toMatchObject({ retryable: true });
    expect(result.errors![0].message).not.toMatch(/terminat|pg_|sql/i);
    expect(await snapshot(rc.id)).toEqual(before);

    // The pool lets go of the dead connection: the same change succeeds now, and reads keep working.
    await admin.query('drop trigger hold_case_update on return_cases');
    const retried = await ops.gql(TRANSITION, { id: rc.id, to: 'IN_REVIEW' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.transitionReturnCase).toEqual({ status: 'IN_REVIEW', version: before.version + 1 });
    const after = await snapshot(rc.id);
    expect(after).toMatchObject({ status: 'in_review', events: String(Number(before.events) + 1) });
    expect(Number(after.outbox)).toBeGreaterThan(Number(before.outbox));
    const reads = await Promise.all(Array.from({ length: 12 }, () => ops.gql('query Q($id: ID!) { returnCase(id: $id) { status } }', { id: rc.id })));
    for (const read of reads) expect(read.errors).toBeUndefined();
  });

  it('recovers when every pooled connection of the server is terminated between requests', async () => {
    const rc = await demoCase(server.orm, 'submitted');
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    // The first request on a dead connection may fail (coded, retryable); from then on requests succeed.
    const first = await ops.gql('query Q($id: ID!) { returnCase(id: $id) { status } }', { id: rc.id });
    if (first.errors) expect(errorCode(first)).toBe('SERVICE_UNAVAILABLE');
    for (let i = 0; i < 5; i++) {
      const read = await ops.gql('query Q($id: ID!) { returnCase(id: $id) { status } }', { id: rc.id });
      expect(read.errors).toBeUndefined();
    }
  });
});

// Issue #18: PostgreSQL unreachable for a while (every connection reset, new ones refused), then back. Staged with
// a TCP proxy between the server and its database: PostgreSQL itself keeps serving the other test files.
describe('faults: database unreachable, then back', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let ops: ApiClient;

  beforeEach(async () => {
    server = await startTestServer({
      databaseUrl: async (url) => {
        const forwarded = await TcpProxy.forUrl(url);
        proxy = forwarded.proxy;
        return forwarded.url;
      },
    });
    ops = await server.as('ops.demo');
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
  });

  const QUERY = 'query Q($id: ID!) { returnCase(id: $id) { status } }';
  const LOGIN = 'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { id } }';

  async function expectUnavailable(response: Response, what: string): Promise<void> {
    expect(response.status, what).toBe(503);
    const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; error?: string; retryable?: boolean };
    if (body.errors) {
      expect(body.errors[0].extensions, what).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
      expect(body.errors[0].message, what).not.toMatch(/ECONN|terminat|pg_|sql|knex/i);
    } else {
      expect(body, what).toMatchObject({ error: 'SERVICE_UNAVAILABLE', retryable: true });
    }
  }

  it('answers 503 SERVICE_UNAVAILABLE to everything that needs the database, and works again within 15 s of its return', async () => {
    const rc = await demoCase(server.orm, 'submitted');
    const anonymous = server.anonymous();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    await proxy.cut();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // alive, just not ready
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    // A signed-in query and mutation fail while the viewer is read (the context, before execution).
    await expectUnavailable(await ops.request({ query: QUERY, variables: { id: rc.id } }), 'query');
    await expectUnavailable(await ops.request({ query: TRANSITION, variables: { id: rc.id, to: 'IN_REVIEW' } }), 'mutation');
    // A sign-in fails inside execution.
    await expectUnavailable(await anonymous.request({ query: LOGIN, variables: { u: 'ops.demo', p: DEMO_PASSWORD } }), 'sign-in');
    // The plain routes: a document download, a return label, the payment provider's webhook (503, so it retries).
    await expectUnavailable(await fetch(`${server.url}/files/${rc.id}`, { headers: ops.authHeaders() }), 'file download');
    await expectUnavailable(await fetch(`${server.url}/files/labels/${rc.id}`, { headers: ops.authHeaders() }), 'label download');
    const event = JSON.stringify({ id: 'evt_outage', object: 'event', type: 'refund.updated', data: { object: { id: 're_outage', object: 'refund', amount: 100, currency: 'usd', status: 'succeeded', metadata: {} } } });
    const signature = signSimulatedPayload(server.deps.config.payments.simulatedWebhookSecret, event, Math.floor(server.clock.now().getTime() / 1000));
    await expectUnavailable(
      await fetch(`${server.url}/webhooks/payments`, { method: 'POST', headers: { 'content-type': 'application/json', [SIMULATED_SIGNATURE_HEADER]: signature }, body: event }),
      'payment webhook',
    );
    expect((await server.orm.em.fork().getConnection().execute('select status from return_cases where id = ?', [rc.id]))[0].status).toBe('submitted');

    await proxy.restore();
    const back = Date.now();
    let recovered = false;
    while (!recovered && Date.now() - back < 15_000) {
      const ready = await fetch(`${server.url}/readyz`);
      const read = await ops.gql(QUERY, { id: rc.id });
      recovered = ready.status === 200 && !read.errors;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered, 'recovered within 15 s').toBe(true);
    const moved = await ops.gql(TRANSITION, { id: rc.id, to: 'IN_REVIEW' });
    expect(moved.errors).toBeUndefined();
    expect((await anonymous.request({ query: LOGIN, variables: { u: 'ops.demo', p: DEMO_PASSWORD } })).status).toBe(200);
  });

  it('answers 503 within seconds when the database takes connections and never answers', async () => {
    const rc = await demoCase(server.orm, 'submitted');
    await proxy.hang();
    const started = Date.now();
    await expectUnavailable(await ops.request({ query: QUERY, variables: { id: rc.id } }), 'query');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(12_000);
    await proxy.restore();
    const read = await ops.gql(QUERY, { id: rc.id });
    expect(read.errors).toBeUndefined();
  });
});
