import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import { HOUR_MS } from '../../shared/clock.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { CaseStatus, TERMINAL_STATUSES } from '../returns/return-case.enums.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import type { QueueFilter, QueuePage, QueueSummary } from './queue.types.js';

export const QUEUE_PAGE_SIZE = 15;

const TERMINAL_SQL = `(${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(', ')})`;
/** 1 when the case is active and past its resolution deadline (SPEC §5); the first sort key. */
const BREACHED = `(rc.status not in ${TERMINAL_SQL} and rc.sla_due_at < ?)`;
/**
 * SPEC §7's order: breached first, higher priority, earlier deadline, earlier creation, id.
 * (case_priority is an enum declared low → urgent, so it sorts by rank.)
 */
const ORDER_BY = `${BREACHED} desc, rc.priority desc, rc.sla_due_at asc, rc.created_at asc, rc.id asc`;

interface Where {
  sql: string;
  params: unknown[];
}

function filterSql(filter: QueueFilter | null | undefined): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
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
  }
  const search = filter?.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`(rc.number ilike ? or o.number ilike ? or cu.display_name ilike ? or cu.email ilike ?)`);
    params.push(like, like, like, like);
  }
  return { sql: clauses.length ? `where ${clauses.join(' and ')}` : '', params };
}

const FROM = 'from return_cases rc join orders o on o.id = rc.order_id join users cu on cu.id = rc.customer_id';

/** The ops queue: one contract, as numbered pages for the web app and as a keyset connection for API clients. */
export class QueueService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** A missing, invalid or out-of-range page becomes page 1. */
  async page(filter: QueueFilter | null | undefined, requestedPage: number | null | undefined): Promise<QueuePage> {
    const now = this.clock.now();
    const summary = await this.summary(filter, now);
    const totalPages = Math.max(1, Math.ceil(summary.total / QUEUE_PAGE_SIZE));
    const page = Number.isInteger(requestedPage) && requestedPage! >= 1 && requestedPage! <= totalPages ? requestedPage! : 1;
    const where = filterSql(filter);
    const rows = await this.execute<{ id: string }>(
      `select rc.id ${FROM} ${where.sql} order by ${ORDER_BY} limit ? offset ?`,
      [...where.params, now, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE],
    );
    return { items: await this.load(rows.map((r) => r.id)), page, pageSize: QUEUE_PAGE_SIZE, totalCount: summary.total, totalPages, summary };
  }

  async summary(filter: QueueFilter | null | undefined, now: Date): Promise<QueueSummary> {
    const where = filterSql(filter);
    const rows = await this.execute<{ status: CaseStatus; total: string; breached: string; due_soon: string; high_risk: string }>(
      `select rc.status,
              count(*) as total,
              count(*) filter (where ${BREACHED}) as breached,
              count(*) filter (where rc.status not in ${TERMINAL_SQL} and rc.sla_due_at >= ? and rc.sla_due_at < ?) as due_soon,
              count(*) filter (where rc.risk_label = 'high') as high_risk
         ${FROM} ${where.sql} group by rc.status`,
      [now, now, new Date(now.getTime() + 24 * HOUR_MS), ...where.params],
    );
    const sum = (key: 'total' | 'breached' | 'due_soon' | 'high_risk') => rows.reduce((acc, r) => acc + Number(r[key]), 0);
    const order = Object.values(CaseStatus);
    return {
      total: sum('total'),
      breached: sum('breached'),
      dueWithin24h: sum('due_soon'),
      highRisk: sum('high_risk'),
      byStatus: rows.map((r) => ({ status: r.status, count: Number(r.total) })).sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status)),
    };
  }

  /** The same order as a keyset connection: no OFFSET, so a deep cursor costs what the first page costs. */
  async connection(filter: QueueFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<ReturnCase>> {
    const limit = pageSize(first, QUEUE_PAGE_SIZE);
    const now = this.clock.now();
    const where = filterSql(filter);
    const clauses = where.sql ? [where.sql.replace(/^where /, '')] : [];
    const params = [...where.params];
    if (after) {
      const [breached, priority, due, created, id] = decodeCursor(after, 5) as [number, string, string, string, string];
      // Lexicographic "comes after" for (breached desc, priority desc, due asc, created asc, id asc).
      clauses.push(`(
        ${BREACHED}::int < ? or (${BREACHED}::int = ? and (
          rc.priority < ?::case_priority or (rc.priority = ?::case_priority and (
            rc.sla_due_at > ? or (rc.sla_due_at = ? and (
              rc.created_at > ? or (rc.created_at = ? and rc.id > ?))))))))`);
      params.push(now, breached, now, breached, priority, priority, new Date(due), new Date(due), new Date(created), new Date(created), id);
    }
    const whereSql = clauses.length ? `where ${clauses.join(' and ')}` : '';
    const [rows, [{ count }]] = await Promise.all([
      this.execute<{ id: string; breached: boolean; priority: string; sla_due_at: Date; created_at: Date }>(
        `select rc.id, ${BREACHED} as breached, rc.priority, rc.sla_due_at, rc.created_at ${FROM} ${whereSql} order by ${ORDER_BY} limit ?`,
        [now, ...params, now, limit + 1],
      ),
      this.execute<{ count: string }>(`select count(*) ${FROM} ${where.sql}`, where.params),
    ]);
    const pageRows = rows.slice(0, limit);
    const nodes = await this.load(pageRows.map((r) => r.id));
    const edges = nodes.map((node, i) => {
      const r = pageRows[i];
      return { node, cursor: encodeCursor([r.breached ? 1 : 0, r.priority, new Date(r.sla_due_at).toISOString(), new Date(r.created_at).toISOString(), r.id]) };
    });
    return { edges, totalCount: Number(count), pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Loads the cases of a page in one query, in the page's order. */
  private async load(ids: string[]): Promise<ReturnCase[]> {
    if (ids.length === 0) return [];
    const found = await this.em.find(ReturnCase, { id: { $in: ids } });
    const byId = new Map(found.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  private execute<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params);
  }
}
