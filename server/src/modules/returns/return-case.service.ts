import { type FilterQuery, LoadStrategy } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import type { Viewer } from '../auth/viewer.js';
import { caseScope, findVisibleCase } from './case-access.js';
import type { ReturnCaseFilter } from './dto/return-case-filter.input.js';
import { ReturnCase } from './return-case.entity.js';

/** Reading cases: one case, or the viewer's cases newest first as a keyset connection. */
export class ReturnCaseReader {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
  ) {}

  /**
   * One case with what its page shows beside it — order, customer, merchant, assignee, items and their order
   * lines — in one statement (joined), so the field resolvers find them loaded.
   */
  get(id: string): Promise<ReturnCase> {
    return findVisibleCase(this.em, this.viewer, id, { populate: ['order', 'customer', 'merchant', 'assignee', 'items.orderItem'], strategy: LoadStrategy.JOINED });
  }

  async list(filter: ReturnCaseFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<ReturnCase>> {
    const limit = pageSize(first);
    const conditions: FilterQuery<ReturnCase>[] = [caseScope(this.viewer)];
    if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.orderId) conditions.push({ order: filter.orderId });
    const where: FilterQuery<ReturnCase> = { $and: conditions };

    const page: FilterQuery<ReturnCase>[] = [...conditions];
    if (after) {
      const [createdAt, id] = decodeCursor(after, 2) as [string, string];
      const at = new Date(createdAt);
      page.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] });
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(ReturnCase, { $and: page }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 }),
      this.em.count(ReturnCase, where),
    ]);
    const hasNextPage = rows.length > limit;
    const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.createdAt.toISOString(), node.id]) }));
    return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
