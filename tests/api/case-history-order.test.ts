// A case's history is shown in the order its events were written (issue #19): events of one save share their
// timestamp (a case opened with a photo writes case_created and document_uploaded at the same instant), and a random
// id must not decide which comes first — not on the case page, not in the audit export, not in a live update.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migration20261207042926_case_event_sequence as CaseEventSequence } from '../../server/src/db/migrations/Migration20261207042926_case_event_sequence.js';
import { demoCase, freshDeliveredOrders } from '../helpers/fixtures.js';
import { type ApiClient, type GraphQLResponse, type TestServer, startTestServer } from '../helpers/test-server.js';
import { file, jpeg, multipartForm } from '../helpers/uploads.js';

const CREATE = `mutation Create($input: CreateReturnCaseInput!, $evidence: [Upload!]) {
  createReturnCase(input: $input, evidence: $evidence) { id timeline { type } }
}`;
const TIMELINE = 'query T($id: ID!) { returnCase(id: $id) { timeline { id type } } }';
const EXPORT = 'query A($id: ID!) { caseAuditExport(caseId: $id, format: JSON) { content } }';

let server: TestServer;
let customer: ApiClient;
let customerTwo: ApiClient;
let ops: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  [customer, customerTwo, ops] = await Promise.all([server.as('customer.one'), server.as('customer.two'), server.as('ops.demo')]);
});
afterAll(() => server?.close());

const timelineOf = async (client: ApiClient, id: string) =>
  (await client.ok<{ returnCase: { timeline: Array<{ id: string; type: string }> } }>(TIMELINE, { id })).returnCase.timeline;
const exportedOf = async (id: string) =>
  (JSON.parse((await ops.ok<{ caseAuditExport: { content: string } }>(EXPORT, { id })).caseAuditExport.content) as { events: Array<{ id: string; type: string }> }).events;

describe('case history order', () => {
  it('lists "Return requested" before "Document uploaded" for every case opened with a photo in one request', async () => {
    const orders = [
      ...(await freshDeliveredOrders(server.orm, 'customer.one')).map((order) => ({ order, client: customer })),
      ...(await freshDeliveredOrders(server.orm, 'customer.two')).map((order) => ({ order, client: customerTwo })),
    ];
    let opened = 0;
    for (const { order, client } of orders) {
      const input = { orderId: order.id, items: [{ orderItemId: order.items.find((i) => !i.finalSale)!.id, quantity: 1 }], reason: 'DEFECTIVE_DAMAGED', description: 'Cracked' };
      const res = await client.multipart(multipartForm(CREATE, { input }, [file('crack.jpg', 'image/jpeg', await jpeg())], 'evidence'));
      const created = (await res.json()) as GraphQLResponse<any>;
      if (created.errors?.[0]?.extensions?.code === 'NOT_ELIGIBLE') continue; // delivered outside the return window
      expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
      opened += 1;
      const id = created.data.createReturnCase.id as string;
      const types = (await timelineOf(ops, id)).map((e) => e.type);
      expect(types.slice(0, 2)).toEqual(['case_created', 'document_uploaded']);
      expect((await timelineOf(client, id)).map((e) => e.type).slice(0, 2)).toEqual(['case_created', 'document_uploaded']);
      expect((await exportedOf(id)).map((e) => e.type)).toEqual(types);
    }
    expect(opened).toBeGreaterThanOrEqual(4); // each case had a coin-flip chance of the wrong order before the fix
  });

  it('orders events of the same instant by when they were written, whatever their ids', async () => {
    const rc = await demoCase(server.orm, 'in_review');
    const at = new Date(Date.now() + 60_000);
    // Written first with the largest possible id, then with the smallest: an (created_at, id) order would swap them.
    const first = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    const second = '00000000-0000-4000-8000-000000000000';
    for (const [id, note] of [[first, 'first'], [second, 'second']]) {
      await server.orm.em.getConnection().execute(
        `insert into case_events (id, return_case_id, type, actor_label, payload, created_at) values (?, ?, 'note_added', 'system', ?::jsonb, ?)`,
        [id, rc.id, JSON.stringify({ note }), at],
      );
    }
    const tail = (events: Array<{ id: string }>) => events.map((e) => e.id).filter((id) => id === first || id === second);
    expect(tail(await timelineOf(ops, rc.id))).toEqual([first, second]);
    expect(tail(await exportedOf(rc.id))).toEqual([first, second]);
  });

  it('numbers events in a sequence the writer cannot choose', async () => {
    const rc = await demoCase(server.orm, 'in_review');
    await expect(server.orm.em.getConnection().execute(
      `insert into case_events (id, return_case_id, type, actor_label, payload, created_at, seq) values (?, ?, 'note_added', 'system', '{}'::jsonb, now(), 1)`,
      [randomUUID(), rc.id],
    )).rejects.toThrow(/non-DEFAULT value into column "seq"/);
  });

  it('numbers the events already stored by (created_at, id) when the migration runs, and keeps the trail append-only', async () => {
    const own = await startTestServer();
    try {
      const conn = own.orm.em.getConnection();
      // Back to the table as it was before the migration, with the demo data's events in it; then the migration.
      await conn.execute('alter table case_events drop column seq');
      const migration = new CaseEventSequence(own.orm.em.getDriver(), own.orm.config);
      await migration.up();
      for (const sql of migration.getQueries()) await conn.execute(String(sql));
      const [numbered] = await conn.execute<Array<{ n: string; misplaced: string; last: string }>>(
        'select count(*) as n, count(*) filter (where seq <> rn) as misplaced, max(seq) as last from (select seq, row_number() over (order by created_at, id) as rn from case_events) x',
      );
      expect(Number(numbered.n)).toBeGreaterThan(50);
      expect(Number(numbered.misplaced)).toBe(0);
      const rc = await demoCase(own.orm, 'in_review');
      await conn.execute(`insert into case_events (id, return_case_id, type, actor_label, payload, created_at) values (?, ?, 'note_added', 'system', '{}'::jsonb, now())`, [randomUUID(), rc.id]);
      const [next] = await conn.execute<Array<{ last: string }>>('select max(seq) as last from case_events');
      expect(Number(next.last)).toBe(Number(numbered.last) + 1);
      await expect(conn.execute(`update case_events set type = 'edited' where return_case_id = ?`, [rc.id])).rejects.toThrow(/append-only/);
    } finally {
      await own.close();
    }
  });
});
