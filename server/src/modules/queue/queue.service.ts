import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { columnsOf, toRow } from '../../db/plain-rows.js';
import type { Clock } from '../../shared/clock.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { isUuid } from '../../shared/ids.js';
import { Order } from '../orders/order.entity.js';
import type { RiskService } from '../risk/risk.service.js';
import { RiskScore } from '../risk/risk-score.entity.js';
import type { CaseRow, MerchantRow, OrderRow, RiskScoreRow, UserRow } from '../returns/case-row.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { PRIORITIES_DESC, type QueuePosition, type RelatedColumns, queueAfterSql, queuePageSql } from './queue-sql.js';
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

let related: RelatedColumns | undefined;

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
    const { sql, params } = queuePageSql(filter, now, requestedPage, QUEUE_PAGE_SIZE, this.relatedColumns());
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
    const { sql, params } = queueAfterSql(filter, this.clock.now(), position, limit + 1, this.relatedColumns());
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

  private relatedColumns(): RelatedColumns {
    related ??= {
      orders: columnsOf(this.em, Order),
      users: columnsOf(this.em, User),
      merchantProfiles: columnsOf(this.em, MerchantProfile),
      riskScores: columnsOf(this.em, RiskScore),
    };
    return related;
  }

  /** Turns the statement's rows into plain case rows with their order, customer, merchant and assignee. */
  private hydrate(rows: QueueRow[]): CaseRow[] {
    const em = this.em;
    const cases: CaseRow[] = [];
    for (const row of rows) {
      if (row.id === null) continue;
      const parts: Record<string, Record<string, unknown>> = { rc: {}, o: {}, cu: {}, m: {}, au: {}, rs: {} };
      for (const key in row) {
        if (NOT_CASE_COLUMNS.has(key)) continue;
        const cut = key.indexOf('__');
        if (cut < 0) parts.rc[key] = row[key];
        else parts[key.slice(0, cut)][key.slice(cut + 2)] = row[key];
      }
      const rc = toRow<CaseRow>(em, ReturnCase, parts.rc)!;
      rc.order = toRow<OrderRow>(em, Order, parts.o)!;
      rc.customer = toRow<UserRow>(em, User, parts.cu)!;
      rc.merchant = toRow<MerchantRow>(em, MerchantProfile, parts.m)!;
      rc.assignee = toRow<UserRow>(em, User, parts.au);
      this.risk?.remember(rc.id, toRow<RiskScoreRow>(em, RiskScore, parts.rs));
      cases.push(rc);
    }
    return cases;
  }

  /**
   * Runs the statement as a named prepared statement on one of the ORM's pooled connections. The ORM inlines
   * parameters into the text, so PostgreSQL would plan this long statement afresh every time (~8 ms at a million
   * cases, more than running it); prepared, each connection plans each filter shape once and reuses the plan.
   */
  private async execute(sql: string, params: unknown[]): Promise<QueueRow[]> {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const name = `rh_queue_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    const client = this.em.getConnection().getKnex().client;
    const connection = (await client.acquireConnection()) as pg.Client;
    try {
      const result = await connection.query<QueueRow>({ name, text, values: params });
      return result.rows;
    } catch (error) {
      throw this.em.getDriver().convertException(error as Error);
    } finally {
      await client.releaseConnection(connection);
    }
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
