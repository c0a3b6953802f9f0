// Issue #21 points 2, 3 and 4 on the server: the registry query survives a bad row, activateModel goes through the
// gate (or force with a recorded reason), and an artifact that could score NaN is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerModelCopy } from '../helpers/model-registry.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const REGISTRY = '{ models { active versions { version active activationReason gate { against passed failures } } unreadable { version problem } } }';
const ACTIVATE = 'mutation A($v: String!, $force: Boolean! = false, $reason: String) { activateModel(version: $v, force: $force, reason: $reason) { active } }';

describe('model activation through the gate', () => {
  let server: TestServer;
  let admin: ApiClient;
  let current: string;
  const sql = <T = any>(text: string, params: unknown[] = []) => server.orm.em.getConnection().execute<T[]>(text, params);
  const state = () => sql('select (select count(*)::int from risk_model_activations) as activations, (select version from risk_model_versions where active) as active');
  /** A passing gate record against `against`, as `npm run ml -- train` writes it. */
  const gate = (against: string | null, passed = true) => JSON.stringify({
    against, rows: 4000, candidate: { auc: 0.8, brier: 0.15 }, active: { auc: 0.75, brier: 0.17 }, heuristic: { auc: 0.68, brier: 0.19 },
    margin: { auc: 0.005, brier: 0.001 }, passed, failures: passed ? [] : ['AUC 0.8 is not 0.005 above x'],
  });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.as('admin.demo');
    current = (await admin.ok(REGISTRY)).models.active;
  });
  afterAll(() => server.close());

  it('lists a version with incomplete metrics under unreadable instead of failing the whole query, and never activates it', async () => {
    const bad = await registerModelCopy(server.db.url, 'gate-test-nan');
    await sql(`update risk_model_versions set metrics = jsonb_set(metrics, '{model,auc}', 'null') where version = ?`, [bad]);
    const registry = (await admin.ok(REGISTRY)).models;
    expect(registry.unreadable).toEqual([{ version: bad, problem: expect.stringContaining('incomplete') }]);
    expect(registry.versions.map((v: any) => v.version)).toContain(current);
    expect(registry.versions.map((v: any) => v.version)).not.toContain(bad);
    // The committed version carries its 95 % bootstrap intervals around its held-out figures.
    const { models } = await admin.ok('{ models { versions { version active metrics { auc brier } aucInterval { low high } brierInterval { low high } calibration { count meanPredicted observedRate } topFeatures { name coefficient } } } }');
    const active = models.versions.find((v: any) => v.active);
    expect(active.aucInterval.low).toBeLessThan(active.metrics.auc);
    expect(active.aucInterval.high).toBeGreaterThan(active.metrics.auc);
    expect(active.brierInterval.low).toBeLessThan(active.metrics.brier);
    expect(active.brierInterval.high).toBeGreaterThan(active.metrics.brier);
    // And its reliability chart's bins, covering the whole held-out split.
    expect(active.calibration).toHaveLength(10);
    expect(active.topFeatures).toHaveLength(5);
    const sizes = active.topFeatures.map((f: any) => Math.abs(f.coefficient));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(active.calibration.reduce((sum: number, b: any) => sum + b.count, 0)).toBe(4000);
    const before = await state();
    expect(errorCode(await admin.gql(ACTIVATE, { v: bad, force: true, reason: 'try anyway' }))).toBe('NOT_ELIGIBLE');
    expect(await state()).toEqual(before);
  });

  it('refuses a candidate without a passing gate against the active version, changing nothing', async () => {
    const copy = await registerModelCopy(server.db.url, 'gate-test-copy');
    await sql(`update risk_model_versions set metrics = metrics - 'gate' where version = ?`, [copy]); // as if trained before the gate
    const before = await state();
    const refused = await admin.gql(ACTIVATE, { v: copy });
    expect(errorCode(refused)).toBe('NOT_ELIGIBLE');
    expect(refused.errors?.[0]?.message).toContain('no gate record');
    await sql(`update risk_model_versions set metrics = jsonb_set(metrics, '{gate}', ?::jsonb) where version = ?`, [gate('some-other-version'), copy]);
    expect((await admin.gql(ACTIVATE, { v: copy })).errors?.[0]?.message).toContain(`compared with some-other-version, but ${current} is active`);
    await sql(`update risk_model_versions set metrics = jsonb_set(metrics, '{gate}', ?::jsonb) where version = ?`, [gate(current, false), copy]);
    expect((await admin.gql(ACTIVATE, { v: copy })).errors?.[0]?.message).toContain('did not pass the gate');
    expect(errorCode(await admin.gql(ACTIVATE, { v: copy, force: true }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await admin.gql(ACTIVATE, { v: copy, force: true, reason: '  ' }))).toBe('BAD_USER_INPUT');
    expect(await state()).toEqual(before);
  });

  it('activates with force and records the reason with the version and in the activation record', async () => {
    const forced = await registerModelCopy(server.db.url, 'gate-test-forced');
    expect((await admin.ok(ACTIVATE, { v: forced, force: true, reason: 'rollback drill' })).activateModel.active).toBe(forced);
    const listed = (await admin.ok(REGISTRY)).models.versions.find((v: any) => v.version === forced);
    expect(listed.activationReason).toBe('forced: rollback drill');
    expect(await sql('select to_version, reason from risk_model_activations order by created_at desc, id desc limit 1')).toEqual([{ to_version: forced, reason: 'forced: rollback drill' }]);
    current = forced;
  });

  it('activates a candidate whose gate passed against the active version, recording the verdict', async () => {
    const better = await registerModelCopy(server.db.url, 'gate-test-better');
    await sql(`update risk_model_versions set metrics = jsonb_set(metrics, '{gate}', ?::jsonb) where version = ?`, [gate(current), better]);
    expect((await admin.ok(ACTIVATE, { v: better })).activateModel.active).toBe(better);
    const [row] = await sql('select activation_reason from risk_model_versions where version = ?', [better]);
    expect(row.activation_reason).toMatch(/^passed the gate on 4000 held-out rows/);
    current = better;
  });

  it('refuses an artifact whose scale would make scores NaN (std 5e-324)', async () => {
    // std is the linear family's (the active scorecard has edges and points, checked in ml/test/scorecard.test.ts).
    const tiny = await registerModelCopy(server.db.url, 'gate-test-tiny-std', 'escalation-lr-1.0.2');
    await sql(`update risk_model_versions set artifact = jsonb_set(artifact, '{features,0,std}', '5e-324'::jsonb) where version = ?`, [tiny]);
    const before = await state();
    const refused = await admin.gql(ACTIVATE, { v: tiny, force: true, reason: 'try anyway' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('below the floor');
    expect(await state()).toEqual(before);
  });
});
