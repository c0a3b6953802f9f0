import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '../../errors/domain-error.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import type { RiskService } from '../risk/risk.service.js';
import { caseScope } from '../access/access.js';
import { preparedRows } from '../../db/plain-rows.js';
import { hiddenEventTypes, visibleNoteKinds } from './case-details.service.js';
import { type CaseRow, caseEventsSql, caseItemsSql, caseJoinsSql, caseNotesSql, caseRowOf, eventRowsOf, itemRowsOf, noteRowsOf } from './case-row.js';
import { type ReturnCaseFilter, ReturnCaseOrder } from './dto/return-case-filter.input.js';
import { ReturnCase } from './return-case.entity.js';

const PAGE_COLUMNS = new Set(['page__items', 'page__notes', 'page__events']);

/**
 * Reading cases: one case, or the viewer's cases newest first as a keyset connection, as plain rows (case-row.ts).
 * Every `ReturnCase` the API answers with is read here (mutations read the case again after their commit), so its
 * field resolvers see one shape.
 */
export class ReturnCaseReader {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly risk: RiskService,
  ) {}

  /**
   * One case the viewer may see, with what its page shows beside it — order, customer, merchant, assignee, latest
   * risk score, items and their order lines, the notes and audit events this viewer may read — in one statement,
   * as a plain row (db/plain-rows.ts): a read needs no unit of work. Who may see it is THE ownership rule (`caseScope`), turned into SQL by the ORM's query builder.
   */
  async get(id: string): Promise<CaseRow> {
    const scope = caseScope(this.viewer);
    if (!isUuid(id)) throw notFound('Return case', id);
    const visible = this.em.createQueryBuilder(ReturnCase, 'v').select('v.id').where({ $and: [{ id }, scope] }).getKnexQuery().toSQL().toNative();
    const { select, joins } = caseJoinsSql(this.em);
    const bindings = visible.bindings as unknown[];
    const [noteKinds, hiddenEvents] = [`$${bindings.length + 1}::text[]`, `$${bindings.length + 2}::text[]`];
    const sql = `select rc.*, ${select}, it.items as "page__items", nt.notes as "page__notes", ev.events as "page__events"
                   from (${visible.sql}) v
                   join return_cases rc on rc.id = v.id
                   ${joins}
                   left join lateral (
                     select coalesce(json_agg(x.item order by x.position), '[]'::json) as items
                       from (${caseItemsSql('ri.return_case_id = rc.id')}) x) it on true
                   left join lateral (
                     select coalesce(json_agg(x.note order by x.created_at, x.id), '[]'::json) as notes
                       from (${caseNotesSql(this.em, 'n.return_case_id = rc.id', noteKinds)}) x) nt on true
                   left join lateral (
                     select coalesce(json_agg(x.event order by x.created_at, x.seq), '[]'::json) as events
                       from (${caseEventsSql('e.return_case_id = rc.id', hiddenEvents)}) x) ev on true`;
    const [row] = await preparedRows<Record<string, unknown>>(this.em, sql, [...bindings, visibleNoteKinds(this.viewer), hiddenEventTypes(this.viewer)]);
    if (!row) throw notFound('Return case', id);
    const { rc, risk } = caseRowOf(this.em, row, PAGE_COLUMNS);
    rc.items = itemRowsOf(this.em, row.page__items as Parameters<typeof itemRowsOf>[1]);
    rc.notes = noteRowsOf(this.em, row.page__notes as Parameters<typeof noteRowsOf>[1]);
    rc.events = eventRowsOf(this.em, row.page__events as Parameters<typeof eventRowsOf>[1]);
    this.risk.remember(rc.id, risk);
    return rc;
  }

  /**
   * The viewer's cases, a keyset page: the page's case ids by the ORM's query builder (THE ownership rule and the
   * filter), each case joined to its order, customer, merchant, assignee and latest risk score as the case page reads
   * them (`caseJoinsSql`), as plain rows; and the total count.
   */
  async list(
    filter: ReturnCaseFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    orderBy: ReturnCaseOrder = ReturnCaseOrder.CREATED_AT_DESC,
  ): Promise<ConnectionShape<CaseRow>> {
    const limit = pageSize(first);
    const conditions: FilterQuery<ReturnCase>[] = [caseScope(this.viewer)];
    if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.orderId) conditions.push({ order: filter.orderId });
    if (filter?.updatedSince) conditions.push({ updatedAt: { $gte: filter.updatedSince } });
    const where: FilterQuery<ReturnCase> = { $and: conditions };
    const byUpdate = orderBy === ReturnCaseOrder.UPDATED_AT;

    const page: FilterQuery<ReturnCase>[] = [...conditions];
    if (after) {
      const [at, id] = cursorKey(after, byUpdate);
      page.push(byUpdate
        ? { $or: [{ updatedAt: { $gt: at } }, { updatedAt: at, id: { $gt: id } }] }
        : { $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] });
    }
    const visible = this.em.createQueryBuilder(ReturnCase, 'v').select('v.id').where({ $and: page })
      .orderBy(byUpdate ? { updatedAt: 'asc', id: 'asc' } : { createdAt: 'desc', id: 'desc' }).limit(limit + 1)
      .getKnexQuery().toSQL().toNative();
    const { select, joins } = caseJoinsSql(this.em);
    const sql = `select rc.*, ${select}
                   from (${visible.sql}) v
                   join return_cases rc on rc.id = v.id
                   ${joins}
                  order by ${byUpdate ? 'rc.updated_at, rc.id' : 'rc.created_at desc, rc.id desc'}`;
    const [rows, totalCount] = await Promise.all([
      preparedRows<Record<string, unknown>>(this.em, sql, visible.bindings as unknown[]),
      this.em.count(ReturnCase, where),
    ]);
    const cases = rows.map((row) => {
      const { rc, risk } = caseRowOf(this.em, row);
      this.risk.remember(rc.id, risk);
      return rc;
    });
    const hasNextPage = cases.length > limit;
    const edges = cases.slice(0, limit).map((node) => ({ node, cursor: encodeCursor(byUpdate ? [UPDATED_TAG, node.updatedAt.toISOString(), node.id] : [node.createdAt.toISOString(), node.id]) }));
    return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}

/** UPDATED_AT cursors carry this tag, so a cursor of one order is refused by the other. */
const UPDATED_TAG = 'updatedAt';

/** A connection cursor's (instant, id) key; anything else is BAD_USER_INPUT. */
function cursorKey(cursor: string, byUpdate: boolean): [Date, string] {
  const values = decodeCursor(cursor, byUpdate ? 3 : 2).map(String);
  if (byUpdate && values.shift() !== UPDATED_TAG) throw badInput('The cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
  const [at, id] = values as [string, string];
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime()) || !isUuid(id)) throw badInput('The cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
  return [instant, id];
}
