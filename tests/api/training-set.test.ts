// Issue #21 point 1: the training set reads each case's inputs as they were when it was opened (stored with its
// first score), not the case as it is when exported — the timeout policy raises priority and deadline, and the
// merchant's later decisions (this case's own included) move its rejection rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFeatureContract, parseDataset } from '../../ml/src/index.js';
import { trainingSetFromDatabase } from '../../server/src/modules/risk/training-set.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

const CREATE = `mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }`;

describe('the training set from the database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  const sql = <T = any>(text: string, params: unknown[] = []) => server.orm.em.getConnection().execute<T[]>(text, params);

  it('takes the inputs stored when the case was opened, not what changed afterwards', async () => {
    const customer = await server.as('customer.one');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.one', 'Northwind Goods');
    const { id } = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'CHANGED_MIND' } })).createReturnCase;
    const [stored] = await sql('select inputs from risk_scores where return_case_id = ? order by created_at limit 1', [id]);
    expect(Object.keys(stored.inputs).sort()).toEqual(defaultFeatureContract().inputs.map((i) => i.name).sort()); // complete
    expect(stored.inputs.priority).not.toBe('urgent');

    // What happens after opening: escalated to urgent with a deadline already passed, rejected (one more rejection
    // for the merchant), disputed and closed. None of it may reach the case's features.
    await sql(`update return_cases set priority = 'urgent', sla_due_at = created_at - interval '1 day', status = 'closed',
                 decided_at = created_at + interval '1 hour', disputed_at = created_at + interval '2 hours', closed_at = created_at + interval '3 days' where id = ?`, [id]);
    const set = await trainingSetFromDatabase(server.orm.em.fork());
    const rows = parseDataset(set.csv).rows;
    const last = rows[rows.length - 1]; // oldest first: the case just opened is the newest closed one
    expect(last.escalated).toBe(true);
    expect(last.priority).toBe(stored.inputs.priority);
    expect(last.slaHoursLeft).toBeCloseTo(stored.inputs.slaHoursLeft, 6);
    expect(last.merchantRejectionRate).toBeCloseTo(stored.inputs.merchantRejectionRate, 6);
    expect(set.skipped).toBe(0);
  });

  it('leaves out closed cases whose first score has no stored inputs, and counts them', async () => {
    const before = await trainingSetFromDatabase(server.orm.em.fork());
    const [one] = await sql(`select rc.id from return_cases rc where rc.status = 'closed' order by rc.created_at limit 1`);
    await sql('update risk_scores set inputs = null where return_case_id = ?', [one.id]);
    const after = await trainingSetFromDatabase(server.orm.em.fork());
    expect(after.rows).toBe(before.rows - 1);
    expect(after.skipped).toBe(before.skipped + 1);
  });

  it("reads inputs stored under contract 1.0.0 (no productCategory) as 'unknown', leaving the stored snapshot as it was", async () => {
    const customer = await server.as('customer.two');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.two');
    const { id } = (await customer.ok(CREATE, { input: { orderId: order.id, items: [{ orderItemId: order.items[0].id, quantity: 1 }], reason: 'WRONG_ITEM' } })).createReturnCase;
    await sql(`update risk_scores set inputs = inputs - 'productCategory' where return_case_id = ?`, [id]);
    await sql(`update return_cases set status = 'closed', closed_at = created_at + interval '1 day' where id = ?`, [id]);
    const rows = parseDataset((await trainingSetFromDatabase(server.orm.em.fork())).csv).rows;
    expect(rows[rows.length - 1].productCategory).toBe('unknown');
    const [stored] = await sql('select inputs from risk_scores where return_case_id = ?', [id]);
    expect(stored.inputs).not.toHaveProperty('productCategory');
  });
});
