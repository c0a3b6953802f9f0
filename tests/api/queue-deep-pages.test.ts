// Numbered queue pages at any depth (queue-sql.ts): the page's window is found from the summary counters and each
// range is read from its index with an offset. These tests compare numbered pages, at many depths and page sizes,
// with the order a plain ORDER BY gives over the same rows — cases due over many days, terminal and active, past and
// future, some due exactly now, many sharing a deadline and a creation time (so the id decides) — for all cases and
// for open cases only, before and after writes that move cases between the queue's ranges. The rows come from a
// seeded generator, ids included, so every run checks the same queue.
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedRows } from '../../server/src/db/plain-rows.js';
import { queuePageSql } from '../../server/src/modules/queue/queue-sql.js';
import type { QueueFilter } from '../../server/src/modules/queue/queue.types.js';
import { caseJoinsSql } from '../../server/src/modules/returns/case-row.js';
import { CasePriority, CaseStatus, TERMINAL_STATUSES } from '../../server/src/modules/returns/return-case.enums.js';
import { HOUR_MS } from '../../server/src/shared/clock.js';
import { type ApiClient, type TestServer, startTestServer } from '../helpers/test-server.js';

const DAY_MS = 24 * HOUR_MS;
const NOW = new Date('2026-06-15T09:30:00Z');
const TERMINAL = [...TERMINAL_STATUSES];
const ACTIVE = ['submitted', 'in_review', 'approved', 'in_transit'];
const TERMINAL_SQL = TERMINAL.map((s) => `'${s}'`).join(', ');
/** Page sizes whose every page is compared: 7 makes every row a page's first or last row somewhere. */
const SIZES = [7, 15, 61];

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4 UUID from the generator, so the ids that break ties are the same on every run. */
function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '8';
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

interface Spec {
  id: string;
  status: string;
  priority: string;
  due: Date;
  created: Date;
}

/**
 * Cases due from 60 days ago to 9 days ahead: a tenth share one deadline and creation time (only the id orders them),
 * a twentieth are due exactly now (not breached: breached is due before now), past ones mostly terminal. No case is
 * of priority high at first (an empty range); the writes later move some there.
 */
function specs(n: number, random: () => number): Spec[] {
  const shared = NOW.getTime() - 3 * DAY_MS + 7 * HOUR_MS;
  return Array.from({ length: n }, () => {
    const r = random();
    const dueMs = r < 0.1 ? shared : r < 0.15 ? NOW.getTime() : NOW.getTime() + Math.floor((random() * 69 - 60) * DAY_MS);
    const terminal = random() < (dueMs < NOW.getTime() ? 0.8 : 0.3);
    return {
      id: uuid(random),
      status: terminal ? TERMINAL[Math.floor(random() * TERMINAL.length)] : ACTIVE[Math.floor(random() * ACTIVE.length)],
      priority: ['urgent', 'medium', 'low', 'medium', 'urgent', 'low'][Math.floor(random() * 6)],
      due: new Date(dueMs),
      created: new Date(r < 0.1 ? shared - 50 * HOUR_MS : dueMs - Math.floor(random() * 200) * HOUR_MS),
    };
  });
}

describe('numbered queue pages at any depth', () => {
  let server: TestServer;
  let em: EntityManager;
  let ops: ApiClient;
  let order: { orderId: string; customerId: string; merchantId: string };
  let serial = 0;
  const random = rng(20261207);

  async function insert(cases: Spec[]): Promise<void> {
    await em.getConnection().execute(`insert into return_cases (id, number, order_id, customer_id, merchant_id, type, reason, description, status, priority,
        sla_clock_started_at, sla_due_at, refund_amount_minor, restocking_fee_minor, currency, version, created_at, updated_at)
      select c.id, 'RET-D-' || lpad((? + c.ord)::text, 6, '0'), ?, ?, ?, 'refund', 'other', '', c.status::case_status, c.priority::case_priority,
             c.created, c.due, 1000, 0, 'USD', 1, c.created, c.created
        from jsonb_to_recordset(?::jsonb) as c(id uuid, status text, priority text, due timestamptz, created timestamptz, ord int)`,
    [serial, order.orderId, order.customerId, order.merchantId, JSON.stringify(cases.map((c, i) => ({ ...c, ord: i + 1 })))]);
    serial += cases.length;
  }

  /** The queue's order computed independently (SPEC §7): breached first, then priority, deadline, creation, id. */
  async function reference(filter: QueueFilter): Promise<string[]> {
    const rows = await em.getConnection().execute<Array<{ id: string }>>(`select id from return_cases
       where (?::text is null or priority::text = ?) and (?::text is null or status::text = ?) and (not ?::boolean or status not in (${TERMINAL_SQL}))
       order by (status not in (${TERMINAL_SQL}) and sla_due_at < ?) desc,
                case priority when 'urgent' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, sla_due_at, created_at, id`,
    [filter.priority ?? null, filter.priority ?? null, filter.status ?? null, filter.status ?? null, !!filter.open, NOW]);
    return rows.map((r) => r.id);
  }

  async function page(pageNo: number, size: number, filter: QueueFilter): Promise<{ page: number; ids: string[]; total: number }> {
    const { sql, params } = queuePageSql(filter, NOW, pageNo, size, caseJoinsSql(em));
    let i = 0;
    const rows = await preparedRows<{ page_no: number; id: string | null; summary: { total: number } }>(em, sql.replace(/\?/g, () => `$${++i}`), params);
    return { page: Number(rows[0].page_no), ids: rows.filter((r) => r.id !== null).map((r) => r.id!), total: Number(rows[0].summary.total) };
  }

  /** Every page of each size against the reference, and the page after the last one (which answers page 1). */
  async function expectPagesMatch(filter: QueueFilter = {}): Promise<number> {
    const ids = await reference(filter);
    let checked = 0;
    for (const size of SIZES) {
      const pages = Math.max(1, Math.ceil(ids.length / size));
      for (let p = 1; p <= pages; p++) {
        const got = await page(p, size, filter);
        expect(got.page, `page ${p} of ${size}`).toBe(p);
        expect(got.total).toBe(ids.length);
        expect(got.ids, `page ${p} of ${size} ${JSON.stringify(filter)}`).toEqual(ids.slice((p - 1) * size, p * size));
        checked++;
      }
      const beyond = await page(pages + 1, size, filter);
      expect(beyond.page).toBe(1);
      expect(beyond.ids).toEqual(ids.slice(0, size));
    }
    return checked;
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
    await insert(specs(600, random));
    ops = await server.as('oleg');
  });
  afterAll(() => server?.close());

  it('serves every page of all cases and of open cases like a plain ORDER BY, at every page size', async () => {
    // All four kinds of range hold cases, and the shared deadline puts ties inside a page and across page edges.
    const [mix] = await em.getConnection().execute<any[]>(`select
        count(*) filter (where status in (${TERMINAL_SQL}) and sla_due_at < ?)::int as terminal_past,
        count(*) filter (where status not in (${TERMINAL_SQL}) and sla_due_at < ?)::int as breached,
        count(*) filter (where status not in (${TERMINAL_SQL}) and sla_due_at >= ?)::int as active_ahead,
        count(*) filter (where sla_due_at = ?)::int as due_now,
        (select max(n) from (select count(*) as n from return_cases group by priority, sla_due_at, created_at) t)::int as most_ties
      from return_cases`, [NOW, NOW, NOW, NOW]);
    for (const n of [mix.terminal_past, mix.breached, mix.active_ahead, mix.due_now]) expect(n).toBeGreaterThan(10);
    expect(mix.most_ties).toBeGreaterThan(SIZES[0]);

    expect(await expectPagesMatch()).toBe(86 + 40 + 10);
    await expectPagesMatch({ open: true });
    await expectPagesMatch({ priority: CasePriority.URGENT });
    await expectPagesMatch({ status: CaseStatus.REFUNDED });
  });

  it('stays exact after writes that move cases between ranges, with the counters\' deltas folded or not', async () => {
    const conn = em.getConnection();
    // Terminal cases of past days become active again (so breached), active ones close, priorities move (some into the
    // empty high range), deadlines move across now, cases come and go.
    await conn.execute(`update return_cases set status = 'in_review' where id in (select id from return_cases where status in (${TERMINAL_SQL}) and sla_due_at < ? order by id limit 40)`, [NOW]);
    await conn.execute(`update return_cases set status = 'refunded' where id in (select id from return_cases where status not in (${TERMINAL_SQL}) order by id desc limit 40)`);
    await conn.execute(`update return_cases set priority = case priority when 'urgent' then 'high'::case_priority when 'low' then 'urgent'::case_priority else 'high'::case_priority end
      where id in (select id from return_cases order by md5(id::text) limit 80)`);
    await conn.execute(`update return_cases set sla_due_at = sla_due_at + interval '30 hours' where id in (select id from return_cases order by md5(id::text || 'b') limit 60)`);
    await conn.execute(`delete from return_cases where id in (select id from return_cases order by md5(id::text || 'd') limit 30)`);
    await insert(specs(100, random));
    // Whether a write's trigger folded the deltas or not, the pages are the same.
    await expectPagesMatch();
    await expectPagesMatch({ open: true });
    await expectPagesMatch({ priority: CasePriority.HIGH });
    await conn.execute(`select queue_counts_compact()`);
    await expectPagesMatch();
    await expectPagesMatch({ open: true });
  });

  it('serves deep pages through the API in the same order as the cursor connection, for all cases and open cases', async () => {
    const QUEUE = `query Q($filter: QueueFilter, $page: Int) { queue(filter: $filter, page: $page) { page totalCount items { id } } }`;
    const CONNECTION = `query C($filter: QueueFilter, $first: Int, $after: String) { queueConnection(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    for (const filter of [null, { open: true }]) {
      const walked: string[] = [];
      let after: string | null = null;
      for (;;) {
        const result: any = (await ops.ok(CONNECTION, { filter, first: 100, after })).queueConnection;
        walked.push(...result.edges.map((e: any) => e.node.id));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      const total = walked.length;
      const pages = Math.ceil(total / 15);
      for (const p of [1, Math.floor(pages / 3), Math.floor(pages / 2), pages - 2, pages]) {
        const result = (await ops.ok(QUEUE, { filter, page: p })).queue;
        expect(result.page).toBe(p);
        expect(result.totalCount).toBe(total);
        expect(result.items.map((c: any) => c.id), `page ${p} ${JSON.stringify(filter)}`).toEqual(walked.slice((p - 1) * 15, p * 15));
      }
    }
  });
});
