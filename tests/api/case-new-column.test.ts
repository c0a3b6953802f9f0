// Issue #20 point 2: a case's columns are written and read from the entity's metadata. This file adds a column to
// `ReturnCase` — the property (with its GraphQL field) as a decorator would declare it, and the column in its own
// databases as a migration would — and shows that opening a case, reading it (the written answer, the case page, the
// queue) and the volume generator need no other change.
import { Property } from '@mikro-orm/core';
import { Field } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReturnCase } from '../../server/src/modules/returns/return-case.entity.js';
import { loadVolume } from '../../seeds/volume.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/test-db.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

// The new property: the entity sets it on a new case; rows from before (and bulk loads) get the column's default.
// Declared before the ORM and the schema are built (in beforeAll), as a decorator in the entity's file would be.
Field(() => String)(ReturnCase.prototype, 'intakeChannel');
Property({ type: 'string', length: 20, onCreate: () => 'web' })(ReturnCase.prototype, 'intakeChannel');
const ADD_COLUMN = "alter table return_cases add column intake_channel varchar(20) not null default 'legacy'";

describe('a column added to ReturnCase', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.orm.em.getConnection().execute(ADD_COLUMN);
  });
  afterAll(() => server.close());

  it('is written when a case is opened, and read back by the answer, the case page and the queue', async () => {
    const customer = await server.as('customer.two');
    const ops = await server.as('ops.demo');
    const [order] = await freshDeliveredOrders(server.orm, 'customer.two', 'Northwind Goods');
    const created = (await customer.ok(`mutation C($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id intakeChannel } }`, {
      input: { orderId: order.id, items: [{ orderItemId: order.items.find((i) => !i.finalSale)!.id, quantity: 1 }], reason: 'OTHER' },
    })).createReturnCase;
    expect(created.intakeChannel).toBe('web');
    const [stored] = await server.orm.em.getConnection().execute<Array<{ intake_channel: string }>>('select intake_channel from return_cases where id = ?', [created.id]);
    expect(stored.intake_channel).toBe('web');

    const page = (await ops.ok(`query P($id: ID!) { returnCase(id: $id) { intakeChannel } }`, { id: created.id })).returnCase;
    expect(page.intakeChannel).toBe('web');
    const queue = (await ops.ok(`{ queue(page: 1) { items { id intakeChannel } } }`)).queue.items as Array<{ id: string; intakeChannel: string }>;
    expect(queue.length).toBeGreaterThan(0);
    // The demo cases were there before the column: the migration's default.
    expect(queue.filter((row) => row.id !== created.id).every((row) => row.intakeChannel === 'legacy')).toBe(true);
  });

  it('leaves the volume generator as it is: its rows take the column default', async () => {
    const db = await createTestDatabase({ empty: true });
    try {
      await db.orm.em.getConnection().execute(ADD_COLUMN);
      const summary = await loadVolume(db.url, { cases: 50, seed: 3, anchor: new Date('2026-06-01T12:00:00Z'), freshOrders: 5 });
      expect(summary.cases).toBe(50);
      const rows = await db.orm.em.getConnection().execute<Array<{ intake_channel: string; n: number }>>('select intake_channel, count(*)::int as n from return_cases group by 1');
      expect(rows).toEqual([{ intake_channel: 'legacy', n: 50 }]);
    } finally {
      await db.drop();
    }
  });
});
