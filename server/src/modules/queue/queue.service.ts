import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import type { Clock } from '../../shared/clock.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { isUuid } from '../../shared/ids.js';
import type { RiskService } from '../risk/risk.service.js';
import { type CaseRow, caseJoinsSql, caseRowOf } from '../returns/case-row.js';
import { PRIORITIES_DESC, type QueuePosition, queueAfterSql, queuePageSql } from './queue-sql.js';
import type { QueueFilter, QueuePage, QueueSummary } from './queue.types.js';

export const QUEUE_PAGE_SIZE = 15;

interface QueueRow {
  summary: QueueSummary & { byStatus: Array<{ status: string; count: number }> };
  page_no: number;
  seg: number | null;
  id: string | null;
  [column: string]: unknown;
}

const NOT_CASE_COLUMNS = new Set(['summary', 'page_no', 'seg']);

/**
 * The ops queue: one contract, as numbered pages for the web app and as a keyset connection for API clients.
 * Either is one SQL statement (queue-sql.ts) that returns the rows with their order, customer, merchant, assignee
 * and latest risk score, and the summary. The rows go to GraphQL as plain rows (db/plain-rows.ts), not entities: the
 * queue only reads, and a managed entity per row and relation cost a third of the request's CPU.
 */
export class QueueService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly risk?: RiskService,
  ) {}

  /** A missing, invalid or out-of-range page becomes page 1. */
  async page(filter: QueueFilter | null | undefined, requestedPage: number | null | undefined): Promise<QueuePage> {
    const now = this.clock.now();
    const { sql, params } = queuePageSql(filter, now, requestedPage, QUEUE_PAGE_SIZE, caseJoinsSql(this.em));
    const rows = await this.execute(sql, params);
    const summary = this.summaryOf(rows[0]);
    return {
      items: this.hydrate(rows),
      page: Number(rows[0].page_no),
      pageSize: QUEUE_PAGE_SIZE,
      totalCount: summary.total,
      totalPages: Math.max(1, Math.ceil(summary.total / QUEUE_PAGE_SIZE)),
      summary,
    };
  }

  /** The same order as a keyset connection: a deep cursor costs what the first page costs. */
  async connection(filter: QueueFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<CaseRow>> {
    const limit = pageSize(first, QUEUE_PAGE_SIZE);
    const position = after ? decodePosition(after) : null;
    const { sql, params } = queueAfterSql(filter, this.clock.now(), position, limit + 1, caseJoinsSql(this.em));
    const rows = await this.execute(sql, params);
    const total = Number(rows[0].summary.total);
    const windowRows = rows.filter((r) => r.id !== null);
    const nodes = this.hydrate(windowRows.slice(0, limit));
    const edges = nodes.map((node, i) => ({ node, cursor: encodePosition(Number(windowRows[i].seg), node) }));
    return { edges, totalCount: total, pageInfo: { hasNextPage: windowRows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private summaryOf(row: QueueRow): QueueSummary {
    const s = row.summary;
    return {
      total: Number(s.total),
      breached: Number(s.breached),
      dueWithin24h: Number(s.dueWithin24h),
      highRisk: Number(s.highRisk),
      byStatus: s.byStatus.map((b) => ({ status: b.status as QueueSummary['byStatus'][number]['status'], count: Number(b.count) })),
    };
  }

  /** Turns the statement's rows into plain case rows with their order, customer, merchant and assignee. */
  private hydrate(rows: QueueRow[]): CaseRow[] {
    const cases: CaseRow[] = [];
    for (const row of rows) {
      if (row.id === null) continue;
      const { rc, risk } = caseRowOf(this.em, row, NOT_CASE_COLUMNS);
      this.risk?.remember(rc.id, risk);
      cases.push(rc);
    }
    return cases;
  }

  /** The statement with `$n` parameters, prepared (see `preparedRows`). */
  private execute(sql: string, params: unknown[]): Promise<QueueRow[]> {
    let n = 0;
    return preparedRows<QueueRow>(this.em, sql.replace(/\?/g, () => `$${++n}`), params);
  }

}

/** Cursors keep the five sort keys: [breached 1|0, priority, sla_due_at, created_at, id]. */
function encodePosition(segment: number, rc: CaseRow): string {
  const breached = segment < PRIORITIES_DESC.length ? 1 : 0;
  return encodeCursor([breached, rc.priority, rc.slaDueAt.toISOString(), rc.createdAt.toISOString(), rc.id]);
}

function decodePosition(cursor: string): QueuePosition {
  const [breached, priority, due, created, id] = decodeCursor(cursor, 5);
  const rank = PRIORITIES_DESC.indexOf(priority as (typeof PRIORITIES_DESC)[number]);
  const slaDueAt = new Date(String(due));
  const createdAt = new Date(String(created));
  if ((breached !== 0 && breached !== 1) || rank < 0 || Number.isNaN(slaDueAt.getTime()) || Number.isNaN(createdAt.getTime()) || !isUuid(String(id))) {
    // decodeCursor's error, for a cursor that decodes but is not one of ours.
    decodeCursor('', 5);
  }
  return { segment: (breached === 1 ? 0 : PRIORITIES_DESC.length) + rank, slaDueAt, createdAt, id: String(id) };
}
