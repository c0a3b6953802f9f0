// Issue #21 "Seeing it": the active version's drift — the last 30 days of its scores against its training data,
// by population stability index per feature and for the score, with a warning above 0.2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';

const DRIFT = '{ models { active drift { version cases score { name psi warning } features { name psi warning } } } }';
const CREATE = `mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }`;

describe('model drift on the admin registry', () => {
  let server: TestServer;
  let admin: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.as('admin.demo');
  });
  afterAll(() => server.close());
  const sql = <T = any>(text: string, params: unknown[] = []) => server.orm.em.getConnection().execute<T[]>(text, params);

  it('is null before the active version scored anything recently, then measures every feature and the score', async () => {
    expect((await admin.ok(DRIFT)).models.drift).toBeNull(); // the demo scores are the seed's, not the model's
    const customer = await server.as('customer.one');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'CHANGED_MIND' } });
    const { models } = await admin.ok(DRIFT);
    expect(models.drift).toMatchObject({ version: models.active, cases: 1, score: { name: 'score' } });
    expect(models.drift.features.length).toBeGreaterThan(10);
    for (const f of [models.drift.score, ...models.drift.features]) expect(Number.isFinite(f.psi)).toBe(true);
    const psis = models.drift.features.map((f: any) => f.psi);
    expect(psis).toEqual([...psis].sort((a, b) => b - a));
  });

  it('warns above 0.2 when recent cases look nothing like the training data, and forgets scores older than 30 days', async () => {
    const { models } = await admin.ok('{ models { active } }');
    const [{ id: caseId }] = await sql('select id from return_cases limit 1');
    const now = server.clock.now();
    // 200 recent scores of breached, high-scoring cases: the score and sla_breached move far from training.
    await sql(
      `insert into risk_scores (id, return_case_id, model_version, score, label, reason_codes, features, created_at)
       select gen_random_uuid(), ?, ?, 0.97, 'high', '[]'::jsonb, '{"sla_breached": 1}'::jsonb, ? from generate_series(1, 200)`,
      [caseId, models.active, now],
    );
    const drift = (await admin.ok(DRIFT)).models.drift;
    expect(drift.score.warning).toBe(true);
    expect(drift.score.psi).toBeGreaterThan(0.2);
    expect(drift.features.find((f: any) => f.name === 'sla_breached').warning).toBe(true);

    await sql(`update risk_scores set created_at = created_at - interval '31 days' where model_version = ?`, [models.active]);
    expect((await admin.ok(DRIFT)).models.drift).toBeNull();
  });
});
