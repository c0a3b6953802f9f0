// The ops queue as ONE statement (SPEC §7): the summary cards and one window of rows in the five-key order, with each
// row's order, customer, merchant, assignee and latest risk score — whatever the page size or depth.
//
// How it avoids sorting the table: the order "SLA-breached first, then priority, deadline, creation, id" is eight
// ranges read one after another — breached cases of priority urgent, high, medium, low (a range of the index over
// active cases), then everything else by priority (the index over all cases, skipping the few breached ones) — each
// range already sorted by (sla_due_at, created_at, id) in its index. The summary counts come from counters kept by
// triggers (migration queue_at_scale) and from the small active-case index; they also say where a page starts, so a
// numbered page skips whole ranges without reading them and, within the range it starts in, skips by offset (an
// index-only scan of the ids before it). A deep numbered page costs that offset; deep reads use the cursor connection.
import { HOUR_MS } from '../../shared/clock.js';
import { TERMINAL_STATUSES } from '../returns/return-case.enums.js';
import type { caseJoinsSql } from '../returns/case-row.js';
import type { QueueFilter } from './queue.types.js';

/** Highest priority first: the queue's second key. */
export const PRIORITIES_DESC = ['urgent', 'high', 'medium', 'low'] as const;
/** Ranges in queue order: 0-3 breached by priority, 4-7 the rest by priority. */
export const SEGMENTS = PRIORITIES_DESC.length * 2;

const TERMINAL_SQL = `(${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(', ')})`;
/** Exactly the partial index's predicate, so the planner can use it. */
const ACTIVE = `rc.status not in ${TERMINAL_SQL}`;

export interface QueueRowsSql {
  sql: string;
  params: unknown[];
}

interface Filter {
  /** On return_cases `rc` alone. */
  sql: string;
  params: unknown[];
  /** Whether the counters can answer the counts (no assignee or search filter). */
  countable: boolean;
  /** A CTE the clauses read (`search_hits`, the ids a search matches: found once, read by every count and range). */
  cte: string;
  cteParams: unknown[];
}

function filterSql(filter: QueueFilter | null | undefined): Filter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  let countable = true;
  if (filter?.open) clauses.push(ACTIVE);
  if (filter?.status) {
    clauses.push('rc.status = ?');
    params.push(filter.status);
  }
  if (filter?.priority) {
    clauses.push('rc.priority = ?');
    params.push(filter.priority);
  }
  if (filter?.riskLabel) {
    clauses.push('rc.risk_label = ?');
    params.push(filter.riskLabel);
  }
  if (filter?.assigneeId) {
    clauses.push('rc.assignee_id = ?');
    params.push(filter.assigneeId);
    countable = false;
  }
  const search = filter?.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The matching cases, found once as a union of three index-backed lookups (trigram indexes, then order_id /
    // customer_id), so a search never scans the case table (migration queue_search_trigram).
    clauses.push('rc.id in (select id from search_hits)');
    countable = false;
    return {
      sql: clauses.map((c) => ` and ${c}`).join(''), params, countable,
      cte: `search_hits as materialized (select s.id from return_cases s where s.number ilike ?
        union select s.id from orders o join return_cases s on s.order_id = o.id where o.number ilike ?
        union select s.id from users cu join return_cases s on s.customer_id = cu.id where cu.display_name ilike ? or cu.email ilike ?),`,
      cteParams: [like, like, like, like],
    };
  }
  return { sql: clauses.map((c) => ` and ${c}`).join(''), params, countable, cte: '', cteParams: [] };
}

/** Counts per (status, priority, risk label) of the filtered cases. */
function talliesSql(filter: QueueFilter | null | undefined, f: Filter): QueueRowsSql {
  if (f.countable) {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter?.open) clauses.push(`t.status not in ${TERMINAL_SQL}`);
    if (filter?.status) {
      clauses.push('t.status = ?');
      params.push(filter.status);
    }
    if (filter?.priority) {
      clauses.push('t.priority = ?');
      params.push(filter.priority);
    }
    if (filter?.riskLabel) {
      clauses.push('t.risk_label = ?');
      params.push(filter.riskLabel);
    }
    return {
      sql: `select t.status, t.priority, t.risk_label, sum(t.n)::bigint as n
              from (select status, priority, risk_label, n from queue_counts
                    union all select status, priority, risk_label, delta from queue_count_deltas) t
             ${clauses.length ? `where ${clauses.join(' and ')}` : ''}
             group by 1, 2, 3`,
      params,
    };
  }
  return { sql: `select rc.status, rc.priority, rc.risk_label, count(*)::bigint as n from return_cases rc where true${f.sql} group by 1, 2, 3`, params: [...f.params] };
}

/** Where segment `k` starts and what it holds (the index's range), on `rc`. */
function segmentWhere(k: number): string {
  const priority = `'${PRIORITIES_DESC[k % PRIORITIES_DESC.length]}'`;
  return k < PRIORITIES_DESC.length
    ? `${ACTIVE} and rc.priority = ${priority} and rc.sla_due_at < (select now from clock)`
    : `rc.priority = ${priority} and (rc.status in ${TERMINAL_SQL} or rc.sla_due_at >= (select now from clock))`;
}

/** What the queue joins to each row (returns/case-row.ts: order, customer, merchant, assignee, latest risk score). */
export type CaseJoins = ReturnType<typeof caseJoinsSql>;

/**
 * The page's rows joined to what the queue shows with them, and the summary as JSON on every row. The window
 * holds at most a page of rows, which the planner cannot know from the segment arithmetic: the joins are LATERAL
 * lookups by key so it does not merge-join whole tables.
 */
function finalSelect(window: string, joins: CaseJoins): string {
  return `select s.summary, s.page_no, w.seg, rc.*, ${joins.select}
            from summary s
            left join (${window}) w on true
            left join lateral (select * from return_cases x where x.id = w.id limit 1) rc on true
            ${joins.joins}
           order by w.seg, w.sla_due_at, w.created_at, w.id`;
}

/** The page's numbered window: `page` (1-based) of `pageSize`, or page 1 when it is missing or out of range. */
export function queuePageSql(filter: QueueFilter | null | undefined, now: Date, requestedPage: number | null | undefined, pageSize: number, joins: CaseJoins): QueueRowsSql {
  const f = filterSql(filter);
  const tallies = talliesSql(filter, f);
  const requested = Number.isInteger(requestedPage) ? requestedPage! : 1;
  const perPriority = PRIORITIES_DESC.map((p, rank) => {
    return `select '${p}'::case_priority as priority, ${rank} as rank,
              (select count(*) from return_cases rc where ${ACTIVE} and rc.priority = '${p}' and rc.sla_due_at < (select now from clock)${f.sql}) as breached,
              (select count(*) from return_cases rc where ${ACTIVE} and rc.priority = '${p}' and rc.sla_due_at >= (select now from clock)
                  and rc.sla_due_at < (select now from clock) + interval '${24 * HOUR_MS / 1000} seconds'${f.sql}) as due_soon`;
  }).join('\n union all ');
  const branches = Array.from({ length: SEGMENTS }, (_, k) => {
    return `(select ${k} as seg, rc.id, rc.sla_due_at, rc.created_at from return_cases rc where ${segmentWhere(k)}${f.sql}
              order by rc.sla_due_at, rc.created_at, rc.id
              offset (select skip from windows where k = ${k}) limit (select take from windows where k = ${k}))`;
  }).join('\n union all ');
  const sql = `with clock as (select ?::timestamptz as now),
  ${f.cte}
  tallies as (${tallies.sql}),
  per_priority as (${perPriority}),
  totals as (
    select coalesce((select sum(n) from tallies), 0)::bigint as total,
           (select sum(breached) from per_priority)::bigint as breached,
           (select sum(due_soon) from per_priority)::bigint as due_soon,
           coalesce((select sum(n) from tallies where risk_label = 'high'), 0)::bigint as high_risk),
  paging as (
    select case when ? between 1 and greatest(1, ceil(total / ?::numeric)) then ? else 1 end as page_no from totals),
  segments as (
    select k, n, sum(n) over (order by k) - n as before from (
      select rank as k, breached as n from per_priority
      union all
      select ${PRIORITIES_DESC.length} + p.rank, coalesce((select sum(t.n) from tallies t where t.priority = p.priority), 0) - p.breached from per_priority p) s),
  windows as (
    select k, greatest(0, o.first_row - before) as skip,
           greatest(0, least(before + n, o.first_row + ?) - greatest(before, o.first_row)) as take
      from segments, (select (page_no - 1) * ${pageSize} as first_row from paging) o),
  summary as (
    select (select page_no from paging) as page_no, json_build_object(
      'total', t.total, 'breached', t.breached, 'dueWithin24h', t.due_soon, 'highRisk', t.high_risk,
      'byStatus', coalesce((select json_agg(json_build_object('status', status, 'count', n) order by status)
                              from (select status, sum(n) as n from tallies group by status having sum(n) > 0) x), '[]'::json)) as summary
      from totals t)
  ${finalSelect(branches, joins)}`;
  // `?` placeholders in order: clock, the search CTE, tallies, per-priority counts, paging (requested twice, page size for the
  // page count, page size for the window), then each branch's filter.
  const params = [now, ...f.cteParams, ...tallies.params, ...PRIORITIES_DESC.flatMap(() => [...f.params, ...f.params]), requested, pageSize, requested, pageSize, ...Array.from({ length: SEGMENTS }, () => f.params).flat()];
  return { sql, params };
}

export interface QueuePosition {
  segment: number;
  slaDueAt: Date;
  createdAt: Date;
  id: string;
}

/** The keyset window: the `limit` rows after `after` (or from the start), and the total count. */
export function queueAfterSql(filter: QueueFilter | null | undefined, now: Date, after: QueuePosition | null, limit: number, joins: CaseJoins): QueueRowsSql {
  const f = filterSql(filter);
  const tallies = talliesSql(filter, f);
  const params: unknown[] = [now, ...f.cteParams, ...tallies.params];
  const branches: string[] = [];
  for (let k = after?.segment ?? 0; k < SEGMENTS; k++) {
    const bound = after && k === after.segment ? ' and (rc.sla_due_at, rc.created_at, rc.id) > (?::timestamptz, ?::timestamptz, ?::uuid)' : '';
    if (bound) params.push(after!.slaDueAt, after!.createdAt, after!.id);
    params.push(...f.params);
    branches.push(`(select ${k} as seg, rc.id, rc.sla_due_at, rc.created_at from return_cases rc where ${segmentWhere(k)}${bound}${f.sql}
              order by rc.sla_due_at, rc.created_at, rc.id limit ${limit})`);
  }
  const window = `select * from (${branches.join('\n union all ')}) b order by seg, sla_due_at, created_at, id limit ${limit}`;
  const sql = `with clock as (select ?::timestamptz as now),
  ${f.cte}
  tallies as (${tallies.sql}),
  summary as (select 1 as page_no, json_build_object('total', coalesce((select sum(n) from tallies), 0)) as summary)
  ${finalSelect(window, joins)}`;
  return { sql, params };
}
