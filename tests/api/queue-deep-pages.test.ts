// Deep numbered pages of the ops queue (issue 9): a page that starts deep in a "not breached" range starts reading at
// a UTC day boundary found from the month and day counts (migrations queue_day_counts, queue_month_counts; queue-sql.ts). These tests compare
// numbered pages, at many depths and page sizes, with the order a plain ORDER BY gives over the same rows — on cases
// due over many days (today included, at exact day boundaries, with ties), terminal and active — before and after
// writes whose deltas are not folded yet, after a fold and after a rebuild.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedRows } from '../../server/src/db/plain-rows.js';
import { queuePageSql } from '../../server/src/modules/queue/queue-sql.js';
import { caseJoinsSql } from '../../server/src/modules/returns/case-row.js';
import { TERMINAL_STATUSES } from '../../server/src/modules/returns/return-case.enums.js';
import { HOUR_MS } from '../../server/src/shared/clock.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';

const DAY_MS = 24 * HOUR_MS;
const NOW = new Date('2026-06-15T09:30:00Z');
const TODAY_START = Date.UTC(2026, 5, 15);
const TERMINAL = [...TERMINAL_STATUSES];
const ACTIVE = ['submitted', 'in_review', 'approved', 'in_transit'];
const TERMINAL_SQL = TERMINAL.map((s) => `'${s}'`).join(', ');

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  id: string;
  status: string;
  priority: string;
  due: Date;
  created: Date;
}

/**
 * Cases due from 100 days ago (three whole months before this one) to 9 days ahead: a tenth exactly at a UTC midnight, some sharing a deadline and a
 * creation time (so the id decides), past ones mostly terminal, today's on both sides of now. No case is of priority
 * high at first (an empty range), the writes later move some there.
 */
function specs(n: number, random: () => number): Spec[] {
  const out: Spec[] = [];
  const shared = new Date(TODAY_START - 3 * DAY_MS + 7 * HOUR_MS);
  for (let i = 0; i < n; i++) {
    const day = Math.floor(random() * 110) - 100;
    const r = random();
    const dueMs = r < 0.1 ? TODAY_START + day * DAY_MS : r < 0.15 ? shared.getTime() : TODAY_START + day * DAY_MS + Math.floor(random() * DAY_MS);
    const due = new Date(dueMs);
    const past = dueMs < NOW.getTime();
    const terminal = past ? random() < 0.8 : random() < 0.3;
    const status = terminal ? TERMINAL[Math.floor(random() * TERMINAL.length)] : ACTIVE[Math.floor(random() * ACTIVE.length)];
    const priority = ['urgent', 'medium', 'low', 'medium', 'urgent', 'low'][Math.floor(random() * 6)];
    const created = r < 0.15 ? new Date(shared.getTime() - 50 * HOUR_MS) : new Date(dueMs - Math.floor(random() * 200) * HOUR_MS);
    out.push({ id: randomUUID(), status, priority, due, created });
  }
  return out;
}

describe('deep numbered queue pages from the day counts', () => {
  let server: TestServer;
  let em: EntityManager;
  let ops: ApiClient;
  let order: { orderId: string; customerId: string; merchantId: string };
  let serial = 0;
  const random = rng(20261205);

  async function insert(cases: Spec[]): Promise<void> {
    await em.getConnection().execute(`insert into return_cases (id, number, order_id, customer_id, merchant_id, type, reason, description, status, priority,
        sla_clock_started_at, sla_due_at, refund_amount_minor, restocking_fee_minor, currency, version, created_at, updated_at)
      select c.id, 'RET-D-' || lpad((? + c.ord)::text, 6, '0'), ?, ?, ?, 'refund', 'other', '', c.status::case_status, c.priority::case_priority,
             c.created, c.due, 1000, 0, 'USD', 1, c.created, c.created
        from jsonb_to_recordset(?::jsonb) as c(id uuid, status text, priority text, due timestamptz, created timestamptz, ord int)`,
    [serial, order.orderId, order.customerId, order.merchantId, JSON.stringify(cases.map((c, i) => ({ ...c, ord: i + 1 })))]);
    serial += cases.length;
  }

  /** The queue's order computed independently: breached first, then priority, deadline, creation, id. */
  async function reference(filter: { priority?: string; status?: string } = {}): Promise<Array<{ id: string; due: Date }>> {
    const rows = await em.getConnection().execute<Array<{ id: string; sla_due_at: Date }>>(`select id, sla_due_at from return_cases
       where (?::text is null or priority::text = ?) and (?::text is null or status::text = ?)
       order by (status not in (${TERMINAL_SQL}) and sla_due_at < ?) desc,
                case priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, sla_due_at, created_at, id`,
    [filter.priority ?? null, filter.priority ?? null, filter.status ?? null, filter.status ?? null, NOW]);
    return rows.map((r) => ({ id: r.id, due: new Date(r.sla_due_at) }));
  }

  async function page(pageNo: number, size: number, filter: { priority?: string; status?: string } = {}): Promise<{ page: number; ids: string[]; total: number }> {
    const { sql, params } = queuePageSql(filter as never, NOW, pageNo, size, caseJoinsSql(em));
    let i = 0;
    const rows = await preparedRows<{ page_no: number; id: string | null; summary: { total: number } }>(em, sql.replace(/\?/g, () => `$${++i}`), params);
    return { page: Number(rows[0].page_no), ids: rows.filter((r) => r.id !== null).map((r) => r.id!), total: Number(rows[0].summary.total) };
  }

  /**
   * Pages of each size compared with the reference: every page near a UTC day boundary or a range boundary of the
   * reference order (where a wrong jump would show), the first and last pages, the one past the end and a sample.
   */
  async function expectPagesMatch(sizes: number[], filter: { priority?: string; status?: string } = {}): Promise<number> {
    const ref = await reference(filter);
    const ids = ref.map((r) => r.id);
    const edges: number[] = [];
    for (let i = 1; i < ref.length; i++) {
      if (Math.floor(ref[i].due.getTime() / DAY_MS) !== Math.floor(ref[i - 1].due.getTime() / DAY_MS)) edges.push(i);
    }
    let checked = 0;
    for (const size of sizes) {
      const pages = Math.max(1, Math.ceil(ids.length / size));
      const wanted = new Set<number>([1, 2, pages - 1, pages]);
      for (const e of edges) for (const row of [e - 1, e, e + 1]) wanted.add(Math.floor(row / size) + 1);
      for (let s = 0; s < 8; s++) wanted.add(1 + Math.floor(random() * pages));
      for (const p of [...wanted].filter((x) => x >= 1 && x <= pages).sort((a, b) => a - b)) {
        const got = await page(p, size, filter);
        expect(got.page, `page ${p} of ${size}`).toBe(p);
        expect(got.total).toBe(ids.length);
        expect(got.ids, `page ${p} of ${size}${filter.priority ? ` (${filter.priority})` : ''}`).toEqual(ids.slice((p - 1) * size, p * size));
        checked++;
      }
      // Past the last page: page 1.
      const beyond = await page(pages + 1, size, filter);
      expect(beyond.page).toBe(1);
      expect(beyond.ids).toEqual(ids.slice(0, size));
    }
    return checked;
  }

  const unfoldedDeltas = async () => Number((await em.getConnection().execute<Array<{ n: string }>>(`select count(*) as n from queue_count_deltas`))[0].n);

  /** The day and month counts plus the deltas against a count of the cases themselves. */
  async function expectDayCountsExact(): Promise<void> {
    const conn = em.getConnection();
    const counted = await conn.execute<any[]>(`select priority::text, terminal, sla_day::text, sum(n)::int as n from (
        select priority, terminal, sla_day, n from queue_day_counts
        union all select priority, status in (${TERMINAL_SQL}), sla_day, delta from queue_count_deltas) t
      group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`);
    const actual = await conn.execute<any[]>(`select priority::text, status in (${TERMINAL_SQL}) as terminal, ((sla_due_at at time zone 'UTC')::date)::text as sla_day, count(*)::int as n
      from return_cases group by 1, 2, 3 order by 1, 2, 3`);
    expect(counted).toEqual(actual);
    const months = await conn.execute<any[]>(`select priority::text, terminal, sla_month::text, sum(n)::int as n from (
        select priority, terminal, sla_month, n from queue_month_counts
        union all select priority, status in (${TERMINAL_SQL}), date_trunc('month', sla_day)::date, delta from queue_count_deltas) t
      group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`);
    const actualMonths = await conn.execute<any[]>(`select priority::text, status in (${TERMINAL_SQL}) as terminal,
        date_trunc('month', (sla_due_at at time zone 'UTC')::date)::date::text as sla_month, count(*)::int as n
      from return_cases group by 1, 2, 3 order by 1, 2, 3`);
    expect(months).toEqual(actualMonths);
  }

  beforeAll(async () => {
    server = await startTestServer({ empty: true, now: NOW });
    em = server.orm.em.fork();
    const conn = em.getConnection();
    const { hashPassword } = await import('../../server/src/modules/auth/passwords.js');
    const [customer] = await conn.execute<any[]>(`insert into users (id, username, email, display_name, role, password_hash, active, created_at, updated_at)
      values (gen_random_uuid(), 'dana', 'dana@example.test', 'Dana Example', 'customer', 'x', true, now(), now()) returning id`);
    const [merchantUser] = await conn.execute<any[]>(`insert into users (id, username, email, display_name, role, password_hash, active, created_at, updated_at)
      values (gen_random_uuid(), 'mira', 'mira@example.test', 'Mira Example', 'merchant', 'x', true, now(), now()) returning id`);
    await conn.execute(`insert into users (id, username, email, display_name, role, password_hash, active, created_at, updated_at)
      values (gen_random_uuid(), 'oleg', 'oleg@example.test', 'Oleg Example', 'ops', ?, true, now(), now())`, [await hashPassword('ChangeMe123!')]);
    const [merchant] = await conn.execute<any[]>(`insert into merchant_profiles (id, user_id, name, marketplace_seller, return_window_days, response_sla_hours, sla_timeout_action, auto_approve_limit_minor, restocking_fee_percent, warehouse_address, refund_shipping, created_at)
      values (gen_random_uuid(), ?, 'Mira Market', false, 30, 48, 'escalate', 0, 0, '', false, now()) returning id`, [merchantUser.id]);
    const [o] = await conn.execute<any[]>(`insert into orders (id, number, customer_id, merchant_id, status, currency, subtotal_minor, shipping_fee_minor, tax_minor, total_minor, placed_at, delivered_at, version, created_at, updated_at)
      values (gen_random_uuid(), 'ORD-D-0001', ?, ?, 'delivered', 'USD', 1000, 0, 0, 1000, now(), now(), 1, now(), now()) returning id`, [customer.id, merchant.id]);
    order = { orderId: o.id, customerId: customer.id, merchantId: merchant.id };
    await insert(specs(900, random));
    ops = await server.as('oleg');
  });
  afterAll(() => server?.close());

  it('serves every page like a plain ORDER BY, at every day boundary and page size, with the deltas folded or not', async () => {
    // As inserted: the triggers' deltas, folded only now and then.
    expect(await unfoldedDeltas()).toBeGreaterThan(0);
    await expectDayCountsExact();
    expect(await expectPagesMatch([1, 4, 15, 61])).toBeGreaterThan(100);
    await em.getConnection().execute(`select queue_counts_compact()`);
    expect(await unfoldedDeltas()).toBe(0);
    await expectDayCountsExact();
    await expectPagesMatch([1, 7, 15]);
  });

  it('stays exact after writes that change status, priority and deadline (deltas not folded), a fold and a rebuild', async () => {
    const conn = em.getConnection();
    await conn.execute(`select queue_counts_compact()`);
    // Terminal cases of past days become active again (so breached), active ones close, priorities move (some into the
    // empty high range), deadlines move to other days and onto exact midnights, cases come and go.
    await conn.execute(`update return_cases set status = 'in_review' where id in (select id from return_cases where status in (${TERMINAL_SQL}) and sla_due_at < ? order by id limit 60)`, [NOW]);
    await conn.execute(`update return_cases set status = 'refunded' where id in (select id from return_cases where status not in (${TERMINAL_SQL}) order by id desc limit 60)`);
    await conn.execute(`update return_cases set priority = case priority when 'urgent' then 'high'::case_priority when 'low' then 'urgent'::case_priority else 'high'::case_priority end
      where id in (select id from return_cases order by md5(id::text) limit 120)`);
    await conn.execute(`update return_cases set sla_due_at = date_trunc('day', sla_due_at at time zone 'UTC') at time zone 'UTC' - interval '2 days'
      where id in (select id from return_cases order by md5(id::text || 'a') limit 80)`);
    await conn.execute(`update return_cases set sla_due_at = sla_due_at + interval '30 hours' where id in (select id from return_cases order by md5(id::text || 'b') limit 80)`);
    // Within the day: no delta (the trigger's `when`), the order still moves.
    await conn.execute(`update return_cases set sla_due_at = date_trunc('day', sla_due_at at time zone 'UTC') at time zone 'UTC'
      where id in (select id from return_cases order by md5(id::text || 'c') limit 40)`);
    await conn.execute(`delete from return_cases where id in (select id from return_cases order by md5(id::text || 'd') limit 50)`);
    await insert(specs(150, random));
    expect(await unfoldedDeltas()).toBeGreaterThan(0);
    await expectDayCountsExact();
    await expectPagesMatch([1, 15, 33]);
    await expectPagesMatch([1, 15], { priority: 'high' });
    await expectPagesMatch([15], { priority: 'urgent' });
    // A filter the day counts cannot answer reads by offset, as before.
    await expectPagesMatch([2, 15], { status: 'refunded' });

    await conn.execute(`select queue_counts_compact()`);
    await expectDayCountsExact();
    await expectPagesMatch([1, 15, 33]);

    // A rebuild from scratch (as after a bulk load) gives the same counts.
    await conn.execute(`update queue_day_counts set n = n + 5`); // wrong on purpose: the rebuild must replace them
    await conn.execute(`update queue_month_counts set n = n + 3`);
    await conn.execute(`select queue_counts_rebuild()`);
    expect(await unfoldedDeltas()).toBe(0);
    await expectDayCountsExact();
    await expectPagesMatch([1, 15, 33]);
  });

  it('serves deep pages through the API in the same order as the cursor connection', async () => {
    const QUEUE = `query Q($page: Int) { queue(page: $page) { page totalCount items { id } } }`;
    const CONNECTION = `query C($first: Int, $after: String) { queueConnection(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = (await ops.ok(CONNECTION, { first: 100, after })).queueConnection;
      walked.push(...result.edges.map((e: any) => e.node.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    const total = walked.length;
    const pages = Math.ceil(total / 15);
    for (const p of [1, Math.floor(pages / 3), Math.floor(pages / 2), pages - 2, pages]) {
      const result = (await ops.ok(QUEUE, { page: p })).queue;
      expect(result.page).toBe(p);
      expect(result.totalCount).toBe(total);
      expect(result.items.map((c: any) => c.id), `page ${p}`).toEqual(walked.slice((p - 1) * 15, p * 15));
    }
  });

  it('starts the deep page at a day boundary (reads a day, not the range before it)', async () => {
    const conn = em.getConnection();
    await conn.execute(`select queue_counts_compact()`);
    const ref = await reference();
    const p = Math.floor(ref.length * 0.6 / 15) + 1;
    const { sql, params } = queuePageSql(null, NOW, p, 15, caseJoinsSql(em));
    const [plan] = await conn.execute<Array<{ 'QUERY PLAN': any }>>(`explain (analyze, format json) ${sql}`, params);
    // The most index entries any of the range scans read: a day's worth at most, not the rows before the page.
    const scanned: number[] = [];
    const walk = (node: any) => {
      if (node['Index Name'] === 'return_cases_queue_order_idx' && node['Node Type'] === 'Index Only Scan') scanned.push(node['Actual Rows'] * (node['Actual Loops'] ?? 1));
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(plan['QUERY PLAN'][0].Plan);
    const perDay = ref.length / 110;
    expect(Math.max(...scanned)).toBeLessThan(perDay + 20);
    expect((p - 1) * 15).toBeGreaterThan(4 * perDay);
  });
});
