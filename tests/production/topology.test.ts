// The production topology of docker-compose.yml, without Docker (issue 18 §11): a standalone PostgreSQL, two API
// replicas in API-only mode and a worker, all with NODE_ENV=production from the built output, behind a reverse
// proxy that appends the client's address to X-Forwarded-For (TRUST_PROXY=1, as nginx in the compose file).
// The tests run in order and share the deployment, as an operator's day would.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/database.js';
import { ormConfig } from '../../server/src/db/orm-config.js';
import { seedDemoData } from '../../seeds/demo-data.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { ProductProcess, StandalonePostgres, freePort, postFrom, runCommand, waitForOk } from '../helpers/production-processes.js';
import { type ReverseProxy, startReverseProxy } from '../helpers/reverse-proxy.js';
import { subscribe, wsClient } from '../helpers/ws-client.js';
import { registerModelCopy } from '../helpers/model-registry.js';

const ADMIN_PASSWORD = 'first-admin-passphrase-2026';
const CUSTOMER_PASSWORD = 'customer-one-passphrase-2026';
const MERCHANT_PASSWORD = 'merchant-one-passphrase-2026';
const LOGIN = 'mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { id role } }';
const NOTE = 'mutation N($id: ID!, $b: String!) { addCaseNote(caseId: $id, body: $b, visibility: MESSAGE) { id } }';
const QUEUE = 'query Q { returnCases(first: 15) { edges { node { id status } } } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }';

/** What one step of the test measured, printed at the end for the note. */
const figures: Record<string, unknown> = {};

describe('production topology: two API replicas and a worker behind a proxy, on a standalone PostgreSQL', () => {
  const dirs: string[] = [];
  let postgres: StandalonePostgres;
  let databaseUrl: string;
  let freshOrder: Awaited<ReturnType<typeof freshDeliveredOrders>>[number] | undefined;
  let env: Record<string, string>;
  let apis: ProductProcess[] = [];
  let apiUrls: string[] = [];
  let worker: ProductProcess;
  let proxy: ReverseProxy;
  const processes = () => [...apis, worker];
  const logs = () => processes().map((p) => `--- ${p.name} ---\n${p.output}`).join('\n');

  /** One statement on its own connection (the test's connections must not outlive a database restart). */
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  /**
   * Signs in through the proxy (or a replica) from a loopback source address; answers the session cookie. An account
   * that was just guessed at may ask for a short wait (Retry-After), which is honoured.
   */
  const signIn = async (username: string, password: string, url = `${proxy.url}/graphql`, from = '127.0.0.1') => {
    let answer = await postFrom(from, url, { query: LOGIN, variables: { u: username, p: password } });
    for (let waits = 0; answer.status === 429 && waits < 10; waits++) {
      await new Promise((r) => setTimeout(r, Number(answer.headers['retry-after'] ?? 1) * 1000));
      answer = await postFrom(from, url, { query: LOGIN, variables: { u: username, p: password } });
    }
    expect(answer.body.errors, JSON.stringify(answer.body)).toBeUndefined();
    const cookie = String(answer.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    expect(cookie).toMatch(/=/);
    return cookie;
  };
  const gql = (cookie: string, query: string, variables: Record<string, unknown> = {}, url = `${proxy.url}/graphql`) =>
    postFrom('127.0.0.1', url, { query, variables }, { cookie });

  beforeAll(async () => {
    const pgDir = mkdtempSync(join(tmpdir(), 'returnhub-topology-pg-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'returnhub-topology-data-'));
    dirs.push(pgDir, dataDir);
    postgres = new StandalonePostgres(pgDir, await freePort());
    await postgres.start();
    const admin = new pg.Client({ connectionString: postgres.url('postgres') });
    await admin.connect();
    await admin.query('create database returnhub');
    await admin.end();
    databaseUrl = postgres.url('returnhub');
    // The shop's catalogue and orders (production seeds no demo data; the orders stand in for the shop's own).
    const orm = await MikroORM.init(ormConfig(databaseUrl, { debug: false, pool: { min: 0, max: 2 } }));
    await migrate(orm);
    await seedDemoData(orm.em.fork(), new Date());
    [freshOrder] = await freshDeliveredOrders(orm, 'customer.one');
    await orm.close(true);

    env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: 'https://returns.example.test',
      SECRET_KEY: randomBytes(32).toString('hex'),
      TRUST_PROXY: '1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RELEASE_VERSION: 'topology-test',
    };
    // The operator's first step: the first admin, and real passwords for the people who will sign in.
    const users = 'server/src/modules/users/users.cli.js';
    const created = await runCommand(users, ['create', '--username', 'root.admin', '--role', 'ADMIN', '--display-name', 'Root Admin'], env, `${ADMIN_PASSWORD}\n`);
    expect(created.code, created.output).toBe(0);
    for (const [username, password] of [['customer.one', CUSTOMER_PASSWORD], ['merchant.one', MERCHANT_PASSWORD]]) {
      const set = await runCommand(users, ['set-password', '--username', username!], env, `${password}\n`);
      expect(set.code, set.output).toBe(0);
    }

    const ports = [await freePort(), await freePort()];
    apis = ports.map((port, i) => new ProductProcess(`api-${i + 1}`, ['--api-only'], { ...env, PORT: String(port) }));
    apiUrls = ports.map((port) => `http://127.0.0.1:${port}`);
    worker = new ProductProcess('worker', ['--worker-only'], env);
    for (const url of apiUrls) await waitForOk(`${url}/readyz`, 60_000, logs);
    proxy = await startReverseProxy(ports);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes().map((p) => p.stop()));
    await proxy?.close();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    console.log(`production topology figures: ${JSON.stringify(figures, null, 2)}`);
  });

  it('the first admin, created with the users command, signs in through the proxy; the demo password is refused', async () => {
    const cookie = await signIn('root.admin', ADMIN_PASSWORD);
    const me = await gql(cookie, 'query { me { username role } }');
    expect(me.body.data.me).toEqual({ username: 'root.admin', role: 'ADMIN' });
    const demo = await postFrom('127.0.0.1', `${proxy.url}/graphql`, { query: LOGIN, variables: { u: 'ops.demo', p: 'ChangeMe123!' } });
    expect(demo.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(demo.body.errors?.[0]?.message).toMatch(/demo password is refused in production/);
    // Requests went to both replicas.
    expect(proxy.forwarded.every((n) => n > 0)).toBe(true);
  });

  it('throttles guessing per client across both replicas, and a spoofed X-Forwarded-For does not escape it', async () => {
    const guess = (from: string, headers: Record<string, string> = {}) =>
      postFrom(from, `${proxy.url}/graphql`, { query: LOGIN, variables: { u: 'root.admin', p: 'wrong-guess-123' } }, headers);
    const burst = await Promise.all(Array.from({ length: 40 }, () => guess('127.0.0.2')));
    const refused = burst.filter((a) => a.status === 429);
    const evaluated = burst.filter((a) => a.body?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
    figures.bruteForce = { guesses: burst.length, evaluated: evaluated.length, refused429: refused.length };
    expect(evaluated.length + refused.length).toBe(burst.length);
    expect(evaluated.length).toBeLessThanOrEqual(10);
    expect(refused[0]!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(0);

    const spoofed = await guess('127.0.0.2', { 'x-forwarded-for': '203.0.113.77' });
    expect(spoofed.status).toBe(429);

    // Another client with the right password is not locked out (at most a bounded delay for the account).
    let signedIn = false;
    const deadline = Date.now() + 60_000;
    while (!signedIn && Date.now() < deadline) {
      const answer = await postFrom('127.0.0.3', `${proxy.url}/graphql`, { query: LOGIN, variables: { u: 'root.admin', p: ADMIN_PASSWORD } });
      if (answer.status === 429) await new Promise((r) => setTimeout(r, Number(answer.headers['retry-after'] ?? 1) * 1000));
      else signedIn = answer.body.data?.login?.role === 'ADMIN';
      if (!signedIn && answer.status !== 429) throw new Error(JSON.stringify(answer.body));
    }
    expect(signedIn).toBe(true);
  });

  it('a model activated on one replica is used by the other replica and by the worker', async () => {
    const version = await registerModelCopy(databaseUrl, `escalation-topology-${Date.now()}`);
    const [a, b] = apiUrls.map((url) => `${url}/graphql`);
    const adminA = await signIn('root.admin', ADMIN_PASSWORD, a, '127.0.0.4');
    const activated = await gql(adminA, 'mutation A($v: String!) { activateModel(version: $v, force: true, reason: "topology test") { active scoringWith } }', { v: version }, a);
    expect(activated.body.errors, JSON.stringify(activated.body)).toBeUndefined();
    expect(activated.body.data.activateModel).toEqual({ active: version, scoringWith: version });

    const started = Date.now();
    let seenOnB = '';
    while (seenOnB !== version && Date.now() - started < 10_000) {
      seenOnB = (await gql(adminA, 'query { models { scoringWith } }', {}, b)).body.data?.models?.scoringWith;
      if (seenOnB !== version) await new Promise((r) => setTimeout(r, 100));
    }
    figures.modelActivationReachedOtherReplicaMs = Date.now() - started;
    expect(seenOnB).toBe(version);

    // A new case is scored on replica B, and rescored by the worker after a message: both with the new model.
    const order = freshOrder;
    const customer = await signIn('customer.one', CUSTOMER_PASSWORD, b, '127.0.0.5');
    const created = await gql(customer, CREATE, { input: { orderId: order!.id, items: [{ orderItemId: order!.items[0]!.id, quantity: 1 }], reason: 'OTHER' } }, b);
    expect(created.body.errors, JSON.stringify(created.body)).toBeUndefined();
    const caseId = created.body.data.createReturnCase.id;
    expect((await gql(customer, NOTE, { id: caseId, b: 'Is anyone there?' }, a)).body.errors).toBeUndefined();
    const scores = () => sql<{ model_version: string }>('select model_version from risk_scores where return_case_id = $1 order by created_at', [caseId]);
    const until = Date.now() + 20_000;
    while ((await scores()).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const versions = (await scores()).map((s) => s.model_version);
    expect(versions.length, logs()).toBeGreaterThanOrEqual(2);
    expect(new Set(versions)).toEqual(new Set([version]));
  });

  it('a live update made through one replica reaches a subscriber on the other', async () => {
    const customer = await signIn('customer.one', CUSTOMER_PASSWORD);
    const [caseRow] = await sql<{ id: string }>(
      `select rc.id from return_cases rc join users u on u.id = rc.customer_id join merchant_profiles m on m.id = rc.merchant_id
        where u.username = 'customer.one' and m.name = 'Northwind Goods' and rc.status in ('submitted', 'in_review', 'waiting_customer') order by rc.number limit 1`,
    );
    const client = wsClient(apiUrls[1]!, { cookie: customer });
    try {
      const updates = subscribe(client, 'subscription S($id: ID!) { caseUpdated(id: $id) { id messages { body } } }', { id: caseRow!.id });
      await new Promise((r) => setTimeout(r, 500)); // the subscription is registered on replica 2 before the change
      const merchant = await signIn('merchant.one', MERCHANT_PASSWORD, `${apiUrls[0]}/graphql`);
      const body = `Seen on replica 1 at ${Date.now()}`;
      const sent = Date.now();
      expect((await gql(merchant, NOTE, { id: caseRow!.id, b: body }, `${apiUrls[0]}/graphql`)).body.errors).toBeUndefined();
      const update = await updates.next(10_000);
      figures.liveUpdateAcrossReplicasMs = Date.now() - sent;
      expect(update.data?.caseUpdated.messages.map((m: { body: string }) => m.body)).toContain(body);
    } finally {
      await client.dispose();
    }
  });

  it('PostgreSQL restarts under load: 503 SERVICE_UNAVAILABLE meanwhile, no process lost, no acknowledged write lost', async () => {
    const customer = await signIn('customer.one', CUSTOMER_PASSWORD);
    const ops = await signIn('root.admin', ADMIN_PASSWORD, undefined, '127.0.0.6');
    const [caseRow] = await sql<{ id: string }>(
      `select rc.id from return_cases rc join users u on u.id = rc.customer_id where u.username = 'customer.one' and rc.status = 'waiting_customer' limit 1`,
    );
    const acknowledged: string[] = [];
    const outcomes = { ok: 0, unavailable: 0, other: [] as string[] };
    let lastFailureAt = 0;
    let running = true;
    const record = (answer: Awaited<ReturnType<typeof postFrom>>) => {
      const code = answer.body?.errors?.[0]?.extensions?.code;
      if (answer.status === 200 && !answer.body.errors) outcomes.ok++;
      else if (answer.status === 503 && code === 'SERVICE_UNAVAILABLE') {
        outcomes.unavailable++;
        lastFailureAt = Date.now();
      } else outcomes.other.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      return answer.status === 200 && !answer.body.errors;
    };
    const writer = async () => {
      while (running) {
        const body = `load-${randomUUID()}`;
        if (record(await gql(customer, NOTE, { id: caseRow!.id, b: body }))) acknowledged.push(body);
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    const reader = async () => {
      while (running) {
        record(await gql(ops, QUEUE));
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const load = [writer(), reader(), reader(), reader()];

    await new Promise((r) => setTimeout(r, 2_000));
    await postgres.stop();
    const down = Date.now();
    await new Promise((r) => setTimeout(r, 1_500));
    const readyDuringOutage = await fetch(`${apiUrls[0]}/readyz`).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 1_500));
    await postgres.start();
    const back = Date.now();
    // Load goes on until 3 s pass without a refusal (at most 30 s).
    while (Date.now() - back < 30_000 && (lastFailureAt === 0 || Date.now() - Math.max(lastFailureAt, back) < 3_000)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    running = false;
    await Promise.all(load);

    figures.databaseRestart = {
      outageMs: back - down,
      recoveredMsAfterDatabaseReturned: Math.max(0, lastFailureAt - back),
      refused503: outcomes.unavailable,
      succeeded: outcomes.ok,
      acknowledgedWrites: acknowledged.length,
    };
    expect(outcomes.other, logs()).toEqual([]);
    expect(readyDuringOutage).toBe(503);
    expect(outcomes.unavailable).toBeGreaterThan(0);
    expect(lastFailureAt - back).toBeLessThan(15_000);
    for (const p of processes()) expect(p.alive, `${p.name} exited: ${JSON.stringify(p.exited)}\n${p.output}`).toBe(true);
    const stored = await sql<{ body: string }>('select body from case_notes where body = any($1)', [acknowledged]);
    expect(stored.map((s) => s.body).sort()).toEqual([...acknowledged].sort());
    // After the outage, every process works again: both replicas answer, and the worker still runs jobs (a message
    // is followed by the worker's rescore).
    for (const url of apiUrls) expect((await gql(ops, QUEUE, {}, `${url}/graphql`)).body.errors).toBeUndefined();
    const scoresBefore = (await sql('select 1 from risk_scores where return_case_id = $1', [caseRow!.id])).length;
    expect((await gql(customer, NOTE, { id: caseRow!.id, b: 'After the restart' })).body.errors).toBeUndefined();
    const until = Date.now() + 20_000;
    while ((await sql('select 1 from risk_scores where return_case_id = $1', [caseRow!.id])).length <= scoresBefore && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await sql('select 1 from risk_scores where return_case_id = $1', [caseRow!.id])).length, logs()).toBeGreaterThan(scoresBefore);
  });

  // The issue asks for 10 s; an idle process needs far less, and a step cut by its deadline (main.ts: 7 s) is a bug
  // to find, not a stop (a replica used to wait 7 s on Apollo's own SIGTERM handler: see http/app.ts).
  it('SIGTERM stops every process within 3 s, no shutdown step cut by its deadline', async () => {
    const took = await Promise.all(processes().map(async (p) => [p.name, await p.stop()] as const));
    figures.stopMs = Object.fromEntries(took);
    for (const p of processes()) if (took.find(([name]) => name === p.name)![1] > 1_000) figures[`slowStop:${p.name}`] = p.output.slice(-2_000);
    for (const [name, ms] of took) expect(ms, `${name} took ${ms} ms`).toBeLessThan(3_000);
    for (const p of processes()) {
      expect(p.exited?.signal ?? null, p.name).toBeNull();
      expect(p.output, p.name).not.toContain('did not finish in time');
    }
  });
});
