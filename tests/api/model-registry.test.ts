// Issue #18 "replicas agree": the model registry lives in the database; an activation made through one API replica
// reaches every other replica and worker (LISTEN/NOTIFY, and a reload whenever the LISTEN connection comes back),
// survives a redeploy, and is audited. Two real API servers and a worker run on one database.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PATHS } from '../../ml/src/index.js';
import { migrate } from '../../server/src/db/database.js';
import { createLogger } from '../../server/src/logger.js';
import { modelRescorer } from '../../server/src/modules/risk/model-rescorer.js';
import { seedModelRegistry } from '../../server/src/modules/risk/model-registry-seed.js';
import { RiskModel } from '../../server/src/modules/risk/risk-model.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';
import { type TestWorker, startTestWorker } from '../helpers/test-worker.js';
import { subscribe, waitForSubscribers, wsClient } from '../helpers/ws-client.js';

const REGISTRY = '{ models { active scoringWith versions { version active } } }';
// The copied version cannot pass the gate (it is the active model with its intercept moved): these tests force it.
const ACTIVATE = 'mutation A($v: String!, $force: Boolean! = true, $reason: String = "replicas test") { activateModel(version: $v, force: $force, reason: $reason) { active scoringWith versions { version active } } }';
const CREATE = 'mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }';
const RISK = 'query R($id: ID!) { returnCase(id: $id) { risk { modelVersion } } }';
const NEXT = 'escalation-lr-1.0.1-replicas-test';
const committed = JSON.parse(readFileSync(DEFAULT_PATHS.registry, 'utf8'));
const CURRENT: string = committed.active;

/**
 * A release's ml/ folder with one more trained version than the committed one (its intercept moved, so it scores
 * differently); the committed version stays the active one in the file, as after `npm run ml -- train`.
 */
function releaseWithNewVersion(): { registryPath: string; modelsDir: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rh-registry-'));
  for (const { version } of committed.versions) {
    writeFileSync(join(dir, `${version}.json`), readFileSync(join(DEFAULT_PATHS.modelsDir, `${version}.json`), 'utf8'));
  }
  const artifact = JSON.parse(readFileSync(join(DEFAULT_PATHS.modelsDir, `${CURRENT}.json`), 'utf8'));
  writeFileSync(join(dir, `${NEXT}.json`), JSON.stringify({ ...artifact, version: NEXT, intercept: artifact.intercept + 0.5 }));
  const entry = committed.versions.find((v: any) => v.version === CURRENT);
  const registry = { ...committed, versions: [...committed.versions, { ...entry, version: NEXT, createdAt: '2026-12-07T00:00:00Z' }] };
  writeFileSync(join(dir, 'model_registry.json'), JSON.stringify(registry));
  return { registryPath: join(dir, 'model_registry.json'), modelsDir: dir, dir };
}

const input = (order: { id: string; items: Array<{ id: string }> }) => ({ orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'OTHER' });

describe('replicas agree on the escalation-risk model', () => {
  let a: TestServer;
  let b: TestServer;
  let workerModel: RiskModel;
  let worker: TestWorker;
  let release: ReturnType<typeof releaseWithNewVersion>;
  const extra: Array<{ close(): Promise<void> }> = [];

  beforeEach(async () => {
    a = await startTestServer();
    b = await startTestServer({ sameDatabaseAs: a });
    // The worker process: its own model (and LISTEN connection), scoring the rescore jobs.
    const logger = createLogger('silent');
    workerModel = await RiskModel.open({ orm: b.orm, databaseUrl: b.db.url, logger });
    worker = await startTestWorker(b, { riskModel: workerModel, rescorer: modelRescorer(workerModel, b.clock, logger) });
    // A release that brings a newly trained version: start-up adds it, without activating it.
    release = releaseWithNewVersion();
    const seeded = await seedModelRegistry(a.orm.em.fork(), new Date(), release);
    expect(seeded).toEqual({ added: [NEXT], activated: null, skipped: [], unreadable: null });
  });
  afterEach(async () => {
    for (const item of extra.splice(0).reverse()) await item.close();
    await worker.stop();
    await workerModel.close();
    await b.close();
    await a.close();
    rmSync(release.dir, { recursive: true, force: true });
  });

  const scoringWith = async (admin: ApiClient) => (await admin.ok(REGISTRY)).models.scoringWith as string;
  const eventually = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('an activation through server A reaches server B and the worker within seconds, and is audited', async () => {
    const adminA = await a.as('admin.demo');
    const adminB = await b.as('admin.demo');
    expect((await adminB.ok(REGISTRY)).models).toMatchObject({ active: CURRENT, scoringWith: CURRENT });
    expect(workerModel.scoringWith).toBe(CURRENT);

    const answer = (await adminA.ok(ACTIVATE, { v: NEXT })).activateModel;
    expect(answer).toMatchObject({ active: NEXT, scoringWith: NEXT });
    expect(answer.versions).toEqual(expect.arrayContaining([{ version: NEXT, active: true }, { version: CURRENT, active: false }]));

    await eventually(async () => (await scoringWith(adminB)) === NEXT, "server B's registry says scoringWith = the new version");
    await eventually(() => workerModel.scoringWith === NEXT, 'the worker scores with the new version');

    // A case opened through B is scored there with the new model, and rescored by the worker with it too.
    const [order] = await freshDeliveredOrders(b.orm, 'customer.one', 'Northwind Goods');
    const customer = await b.as('customer.one');
    const { id } = (await customer.ok(CREATE, { input: input(order) })).createReturnCase;
    const ops = await b.as('ops.demo');
    expect((await ops.ok(RISK, { id })).returnCase.risk.modelVersion).toBe(NEXT);
    await worker.drain();
    const scores = await b.orm.em.getConnection().execute<Array<{ model_version: string }>>('select model_version from risk_scores where return_case_id = ?', [id]);
    expect(scores.map((s) => s.model_version)).toEqual([NEXT, NEXT]);

    // Who, when, from which version to which; the version row says who activated it.
    const db = a.orm.em.getConnection();
    const audit = await db.execute<any[]>('select from_version, to_version, actor_label, actor_id is not null as by_user from risk_model_activations order by created_at desc limit 1');
    expect(audit).toEqual([{ from_version: CURRENT, to_version: NEXT, actor_label: 'admin.demo', by_user: true }]);
    const [row] = await db.execute<any[]>('select activated_by_label, activated_at is not null as dated from risk_model_versions where version = ?', [NEXT]);
    expect(row).toEqual({ activated_by_label: 'admin.demo', dated: true });
    const listed = (await adminB.ok('{ models { versions { version activatedBy activatedAt } } }')).models.versions.find((v: any) => v.version === NEXT);
    expect(listed.activatedBy).toBe('admin.demo');
    expect(Number.isNaN(Date.parse(listed.activatedAt))).toBe(false);
    await expect(db.execute('delete from risk_model_activations')).rejects.toThrow(/append-only/);
  });

  it('keeps the activated version on a redeploy: start-up seeding does not undo an admin\'s choice', async () => {
    const adminA = await a.as('admin.demo');
    await adminA.ok(ACTIVATE, { v: NEXT });
    // The release's files still say CURRENT is active; a new replica migrates and seeds at start, then serves.
    await migrate(a.orm);
    expect(await seedModelRegistry(a.orm.em.fork(), new Date(), release)).toMatchObject({ added: [], activated: null });
    const c = await startTestServer({ sameDatabaseAs: a });
    extra.push(c);
    const adminC = await c.as('admin.demo');
    expect((await adminC.ok(REGISTRY)).models).toMatchObject({ active: NEXT, scoringWith: NEXT });
    expect(c.deps.riskModel.scoringWith).toBe(NEXT);
  });

  it('catches up after its LISTEN connection was lost: an activation missed meanwhile is loaded on reconnect', async () => {
    const adminB = await b.as('admin.demo');
    const db = a.orm.em.getConnection();
    const listeners = () => db.execute<unknown[]>(`select 1 from pg_stat_activity where datname = current_database() and application_name = 'returnhub-listen-returnhub_model_activated'`);
    expect(await listeners()).toHaveLength(3); // A, B and the worker: one each
    await db.execute(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = 'returnhub-listen-returnhub_model_activated'`);
    // The activation happens while nobody listens (done in SQL: its NOTIFY would reach no one anyway).
    await db.execute('update risk_model_versions set active = false where active');
    await db.execute('update risk_model_versions set active = true where version = ?', [NEXT]);
    await eventually(async () => (await scoringWith(adminB)) === NEXT, 'server B reloads after reconnecting', 10_000);
    await eventually(() => workerModel.scoringWith === NEXT && a.deps.riskModel.scoringWith === NEXT, 'A and the worker reload too', 10_000);
    await eventually(async () => (await listeners()).length === 3, 'every process listens again');
  });

  it('keeps trying to read the registry when it could not at start, instead of scoring with the fallback for good', async () => {
    const db = a.orm.em.getConnection();
    await db.execute('alter table risk_model_versions rename to risk_model_versions_away');
    let model: RiskModel;
    try {
      model = await RiskModel.open({ orm: a.orm, databaseUrl: a.db.url, logger: createLogger('silent'), retryMs: 100 });
      extra.push(model);
      expect(model.scoringWith).toMatch(/^heuristic-fallback \(reason: the model registry has not been read yet/);
    } finally {
      await db.execute('alter table risk_model_versions_away rename to risk_model_versions');
    }
    await eventually(() => model.scoringWith === CURRENT, 'the model is read once the registry answers');
  });

  it('refuses an unknown version and an artifact this build cannot load, changing nothing', async () => {
    const adminA = await a.as('admin.demo');
    const db = a.orm.em.getConnection();
    const before = await db.execute<any[]>('select (select count(*)::int from risk_model_activations) as activations, (select version from risk_model_versions where active) as active');
    expect(errorCode(await adminA.gql(ACTIVATE, { v: 'escalation-lr-9.9.9' }))).toBe('NOT_FOUND');
    await db.execute(`update risk_model_versions set artifact = jsonb_set(artifact, '{contractVersion}', '"0.9.0"') where version = ?`, [NEXT]);
    const refused = await adminA.gql(ACTIVATE, { v: NEXT });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('contract 0.9.0');
    expect(await db.execute<any[]>('select (select count(*)::int from risk_model_activations) as activations, (select version from risk_model_versions where active) as active')).toEqual(before);
    expect(a.deps.riskModel.scoringWith).toBe(CURRENT);
    // Only admins: ops are refused by the permission map.
    expect(errorCode(await (await b.as('ops.demo')).gql(ACTIVATE, { v: CURRENT }))).toBe('FORBIDDEN');
  });

  it('seeds an empty registry once when replicas start together', async () => {
    const db = a.orm.em.getConnection();
    // Back to a database that never saw the registry (the record's append-only trigger is lifted for the reset).
    await db.execute('alter table risk_model_activations disable trigger user');
    await db.execute('delete from risk_model_activations');
    await db.execute('alter table risk_model_activations enable trigger user');
    await db.execute('delete from risk_model_versions');
    const results = await Promise.all([seedModelRegistry(a.orm.em.fork(), new Date(), release), seedModelRegistry(b.orm.em.fork(), new Date(), release)]);
    expect(results.flatMap((r) => r.added).sort()).toEqual([...committed.versions.map((v: any) => v.version), NEXT].sort());
    expect(results.map((r) => r.activated).filter(Boolean)).toEqual([CURRENT]);
    expect(await db.execute<any[]>('select version from risk_model_versions where active')).toEqual([{ version: CURRENT }]);
    expect(await db.execute<any[]>('select from_version, to_version, actor_label from risk_model_activations')).toEqual([{ from_version: null, to_version: CURRENT, actor_label: 'system (release registry)' }]);
  });

  it('delivers a live update to a subscriber on server B when the change is made through server A', async () => {
    const [order] = await freshDeliveredOrders(a.orm, 'customer.one', 'Northwind Goods');
    const customer = await a.as('customer.one');
    const { id } = (await customer.ok(CREATE, { input: input(order) })).createReturnCase;
    const ws = wsClient(b.url, { cookie: (await b.as('customer.one')).sessionCookie });
    extra.push({ close: async () => void (await ws.dispose()) });
    const updates = subscribe(ws, 'subscription S($id: ID!) { caseUpdated(id: $id) { id status } }', { id });
    await waitForSubscribers(b.http.caseFeed, 1);
    await (await a.as('merchant.one')).ok('mutation D($id: ID!, $r: String) { decideReturnCase(id: $id, decision: REJECT, reason: $r) { status } }', { id, r: 'Worn.' });
    const update = await updates.next();
    expect(update.errors).toBeUndefined();
    expect(update.data?.caseUpdated).toEqual({ id, status: 'REJECTED' });
  });
});
