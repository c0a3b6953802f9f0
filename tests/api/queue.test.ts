import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../server/src/shared/clock.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR_MS);

interface CaseSpec {
  key: string;
  status?: string;
  priority?: string;
  dueInHours: number;
  createdHoursAgo?: number;
  id?: string;
  risk?: string;
  assigned?: boolean;
  customer?: 'alice' | 'bob';
}

/** Builds the queue's world directly: one merchant, two customers, an order per case. */
async function buildWorld(orm: MikroORM, specs: CaseSpec[]): Promise<Map<string, { id: string; number: string; orderNumber: string }>> {
  const conn = orm.em.getConnection();
  const users: Record<string, string> = {};
  for (const [name, role] of [['alice', 'customer'], ['bob', 'customer'], ['mona', 'merchant'], ['otto', 'ops']] as const) {
    const [u] = await conn.execute<any[]>(
      `insert into users (id, username, email, display_name, role, password_hash, active, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, 'x', true, now(), now()) returning id`,
      [name, `${name}@example.test`, `${name[0].toUpperCase()}${name.slice(1)} Example`, role],
    );
    users[name] = u.id;
  }
  const [merchant] = await conn.execute<any[]>(`insert into merchant_profiles (id, user_id, name, marketplace_seller, return_window_days, response_sla_hours, sla_timeout_action, auto_approve_limit_minor, restocking_fee_percent, warehouse_address, refund_shipping, created_at)
    values (gen_random_uuid(), ?, 'Mona Market', false, 30, 48, 'escalate', 0, 0, '', false, now()) returning id`, [users.mona]);
  const out = new Map<string, { id: string; number: string; orderNumber: string }>();
  let n = 0;
  for (const spec of specs) {
    n++;
    const orderNumber = `ORD-Q-${String(n).padStart(4, '0')}`;
    const [order] = await conn.execute<any[]>(`insert into orders (id, number, customer_id, merchant_id, status, currency, subtotal_minor, shipping_fee_minor, tax_minor, total_minor, placed_at, delivered_at, version, created_at, updated_at)
      values (gen_random_uuid(), ?, ?, ?, 'delivered', 'USD', 1000, 0, 0, 1000, now(), now(), 1, now(), now()) returning id`, [orderNumber, users[spec.customer ?? 'alice'], merchant.id]);
    const id = spec.id ?? randomUUID();
    const number = `RET-2606-${String(n).padStart(6, '0')}`;
    const created = at(-(spec.createdHoursAgo ?? 10));
    await conn.execute(`insert into return_cases (id, number, order_id, customer_id, merchant_id, type, reason, description, status, priority, assignee_id,
        sla_clock_started_at, sla_due_at, refund_amount_minor, restocking_fee_minor, currency, risk_label, version, created_at, updated_at)
      values (?, ?, ?, ?, ?, 'refund', 'other', '', ?, ?, ?, ?, ?, 1000, 0, 'USD', ?, 1, ?, ?)`,
      [id, number, order.id, users[spec.customer ?? 'alice'], merchant.id, spec.status ?? 'submitted', spec.priority ?? 'medium', spec.assigned ? users.otto : null,
        created, at(spec.dueInHours), spec.risk ?? null, created, created]);
    out.set(spec.key, { id, number, orderNumber });
  }
  return out;
}

const QUEUE = `query Q($filter: QueueFilter, $page: Int) { queue(filter: $filter, page: $page) {
  page pageSize totalCount totalPages items { id number }
  summary { total breached dueWithin24h highRisk byStatus { status count } } } }`;
const CONNECTION = `query C($filter: QueueFilter, $first: Int, $after: String) { queueConnection(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;

describe('the ops queue order (SPEC §7), key by key', () => {
  let server: TestServer;
  let ops: ApiClient;
  let world: Map<string, { id: string; number: string; orderNumber: string }>;

  // Each neighbouring pair differs in exactly one sort key, so each key is exercised.
  const expected: CaseSpec[] = [
    { key: 'breached-urgent', priority: 'urgent', dueInHours: -5 },
    { key: 'breached-low', priority: 'low', dueInHours: -50 }, // key 1 beats key 2: breached first, even at low priority
    { key: 'urgent-due-soon', priority: 'urgent', dueInHours: 2 },
    { key: 'urgent-due-later', priority: 'urgent', dueInHours: 20 }, // key 3: earlier deadline first
    { key: 'high-older', priority: 'high', dueInHours: 30, createdHoursAgo: 40 },
    { key: 'high-newer', priority: 'high', dueInHours: 30, createdHoursAgo: 5 }, // key 4: earlier creation first
    { key: 'tie-a', priority: 'medium', dueInHours: 40, createdHoursAgo: 7, id: '00000000-0000-4000-8000-00000000000a' },
    { key: 'tie-b', priority: 'medium', dueInHours: 40, createdHoursAgo: 7, id: '00000000-0000-4000-8000-00000000000b' }, // key 5: id
    // Past its deadline but terminal: not breached, so it sorts by priority and deadline only.
    { key: 'refunded-past-due', status: 'refunded', priority: 'low', dueInHours: -100 },
  ];

  beforeAll(async () => {
    server = await startTestServer({ empty: true, now: NOW });
    // Insert in an order unrelated to the expected one.
    world = await buildWorld(server.orm, [...expected].reverse());
    const conn = server.orm.em.getConnection();
    const { hashPassword } = await import('../../server/src/modules/auth/passwords.js');
    await conn.execute(`update users set password_hash = ? where username = 'otto'`, [await hashPassword('ChangeMe123!')]);
    ops = await server.as('otto');
  });
  afterAll(() => server.close());

  it('orders breached first, then priority, deadline, creation, id', async () => {
    const page = (await ops.ok(QUEUE)).queue;
    expect(page.items.map((c: any) => c.id)).toEqual(expected.map((s) => world.get(s.key)!.id));
  });

  it('serves the same order as a keyset connection, page after page', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const result: any = (await ops.ok(CONNECTION, { first: 2, after })).queueConnection;
      ids.push(...result.edges.map((e: any) => e.node.id));
      expect(result.totalCount).toBe(expected.length);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected.map((s) => world.get(s.key)!.id));
    expect(errorCode(await ops.gql(CONNECTION, { first: 2, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await ops.gql(CONNECTION, { first: 0 }))).toBe('BAD_USER_INPUT');
  });

  it('summarises the filtered cases', async () => {
    const { summary } = (await ops.ok(QUEUE)).queue;
    expect(summary).toMatchObject({ total: 9, breached: 2, dueWithin24h: 2, highRisk: 0 });
    expect(summary.byStatus).toEqual([{ status: 'SUBMITTED', count: 8 }, { status: 'REFUNDED', count: 1 }]);
  });
});

describe('queue pages and filters', () => {
  let server: TestServer;
  let ops: ApiClient;
  let world: Map<string, { id: string; number: string; orderNumber: string }>;
  const specs: CaseSpec[] = Array.from({ length: 40 }, (_, i) => ({
    key: `c${i}`,
    priority: ['low', 'medium', 'high', 'urgent'][i % 4],
    status: i % 10 === 9 ? 'in_review' : 'submitted',
    dueInHours: 10 + i,
    risk: i % 5 === 0 ? 'high' : 'low',
    assigned: i % 8 === 0,
    customer: i < 30 ? 'alice' : 'bob',
  }));

  beforeAll(async () => {
    server = await startTestServer({ empty: true, now: NOW });
    world = await buildWorld(server.orm, specs);
    const { hashPassword } = await import('../../server/src/modules/auth/passwords.js');
    await server.orm.em.getConnection().execute(`update users set password_hash = ? where username = 'otto'`, [await hashPassword('ChangeMe123!')]);
    ops = await server.as('otto');
  });
  afterAll(() => server.close());

  it('pages by 15, and turns a missing, zero, negative or out-of-range page into page 1', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => ops.ok(QUEUE, { page })));
    expect(pages.map((p) => p.queue.items.length)).toEqual([15, 15, 10]);
    expect(pages[0].queue).toMatchObject({ page: 1, pageSize: 15, totalCount: 40, totalPages: 3 });
    const all = pages.flatMap((p) => p.queue.items.map((c: any) => c.id));
    expect(new Set(all).size).toBe(40);
    for (const page of [null, 0, -3, 4, 9999]) {
      const result = (await ops.ok(QUEUE, { page })).queue;
      expect(result.page, `page ${page}`).toBe(1);
      expect(result.items.map((c: any) => c.id)).toEqual(pages[0].queue.items.map((c: any) => c.id));
    }
  });

  it('filters by status, priority, risk label, assignee and search', async () => {
    const count = async (filter: Record<string, unknown>) => (await ops.ok(QUEUE, { filter })).queue.totalCount;
    expect(await count({ status: 'IN_REVIEW' })).toBe(4);
    expect(await count({ priority: 'URGENT' })).toBe(10);
    expect(await count({ riskLabel: 'HIGH' })).toBe(8);
    expect((await ops.ok(QUEUE, { filter: { riskLabel: 'HIGH' } })).queue.summary.highRisk).toBe(8);
    const [{ id: ottoId }] = await server.orm.em.getConnection().execute<any[]>(`select id from users where username = 'otto'`);
    expect(await count({ assigneeId: ottoId })).toBe(5);
    expect(await count({ search: world.get('c7')!.number })).toBe(1);
    expect(await count({ search: world.get('c12')!.orderNumber })).toBe(1);
    expect(await count({ search: 'bob example' })).toBe(10);
    expect(await count({ search: 'bob@example.test' })).toBe(10);
    expect(await count({ search: '100%_' })).toBe(0);
    // The cursor connection reads the same search (its matches are found once, in a CTE both forms share).
    const connection = async (filter: Record<string, unknown>) => (await ops.ok(CONNECTION, { filter, first: 50 })).queueConnection;
    const bob = await connection({ search: 'bob example' });
    expect(bob.totalCount).toBe(10);
    expect(bob.edges).toHaveLength(10);
    const pageIds = (await ops.ok(QUEUE, { filter: { search: 'bob example' } })).queue.items.map((c: any) => c.id);
    expect(bob.edges.map((e: any) => e.node.id)).toEqual(pageIds);
    expect(await count({ priority: 'URGENT', riskLabel: 'HIGH' })).toBe(0 + specs.filter((s) => s.priority === 'urgent' && s.risk === 'high').length);
  });
});

describe('open cases only (the web app\'s default view)', () => {
  let server: TestServer;
  let ops: ApiClient;
  let world: Map<string, { id: string; number: string; orderNumber: string }>;
  const TERMINAL = ['exchanged', 'cancelled', 'refunded', 'closed'];
  // 24 active and 12 closed cases across priorities and deadlines (past days included), so closed urgent cases
  // outrank active low ones in the whole queue, and the open view spans three pages.
  const specs: CaseSpec[] = Array.from({ length: 36 }, (_, i) => ({
    key: `c${i}`,
    priority: ['urgent', 'high', 'medium', 'low'][i % 4],
    status: i % 3 === 2 ? TERMINAL[i % 4] : i % 5 === 0 ? 'in_review' : 'submitted',
    dueInHours: (i % 6) * 30 - 70,
    createdHoursAgo: 100 + i,
  }));
  const isOpen = (s: CaseSpec) => !TERMINAL.includes(s.status!);

  beforeAll(async () => {
    server = await startTestServer({ empty: true, now: NOW });
    world = await buildWorld(server.orm, specs);
    const { hashPassword } = await import('../../server/src/modules/auth/passwords.js');
    await server.orm.em.getConnection().execute(`update users set password_hash = ? where username = 'otto'`, [await hashPassword('ChangeMe123!')]);
    ops = await server.as('otto');
  });
  afterAll(() => server.close());

  const pagesOf = async (filter: Record<string, unknown> | null) => {
    const first = (await ops.ok(QUEUE, { filter, page: 1 })).queue;
    const rest = await Promise.all(Array.from({ length: first.totalPages - 1 }, (_, i) => ops.ok(QUEUE, { filter, page: i + 2 })));
    return { first, ids: [first, ...rest.map((r) => r.queue)].flatMap((q: any) => q.items.map((c: any) => c.id as string)) };
  };

  it('keeps every case without the filter (SPEC §7), where closed cases can rank above active ones', async () => {
    for (const filter of [null, { open: false }, { open: null }]) {
      const { first, ids } = await pagesOf(filter);
      expect(first.totalCount).toBe(36);
      expect(ids).toHaveLength(36);
    }
    const { ids } = await pagesOf(null);
    const firstClosed = ids.findIndex((id) => !isOpen(specs.find((s) => world.get(s.key)!.id === id)!));
    const lastOpen = ids.findLastIndex((id) => isOpen(specs.find((s) => world.get(s.key)!.id === id)!));
    expect(firstClosed).toBeLessThan(lastOpen);
  });

  it('with open: true, holds only non-terminal cases, in the queue order, on every page and in the connection', async () => {
    const all = (await pagesOf(null)).ids;
    const openIds = new Set(specs.filter(isOpen).map((s) => world.get(s.key)!.id));
    const { first, ids } = await pagesOf({ open: true });
    expect(first).toMatchObject({ totalCount: 24, totalPages: 2 });
    expect(first.summary.total).toBe(24);
    expect(first.summary.byStatus.map((s: any) => s.status).sort()).toEqual(['IN_REVIEW', 'SUBMITTED']);
    expect(ids).toEqual(all.filter((id) => openIds.has(id)));
    const connection = (await ops.ok(CONNECTION, { filter: { open: true }, first: 50 })).queueConnection;
    expect(connection.totalCount).toBe(24);
    expect(connection.edges.map((e: any) => e.node.id)).toEqual(ids);
    expect((await ops.ok(QUEUE, { filter: { open: true, status: 'CANCELLED' } })).queue.totalCount).toBe(0);
    expect((await ops.ok(QUEUE, { filter: { open: true, priority: 'URGENT' } })).queue.totalCount).toBe(specs.filter((s) => isOpen(s) && s.priority === 'urgent').length);
  });
});
