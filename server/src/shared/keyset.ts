import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import { badInput } from '../errors/domain-error.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from './connection.js';
import { isUuid } from './ids.js';

/**
 * One page of a list in creation order, oldest first, keyed by (createdAt, id): rows added later land at the end,
 * so a partner system paging through (and coming back for more later) never skips or repeats a row.
 */
export async function creationOrderPage<T extends { id: string; createdAt: Date }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ConnectionShape<T>> {
  const limit = pageSize(first);
  const page: FilterQuery<T>[] = [where];
  if (after) {
    const [at, id] = decodeCursor(after, 2).map(String) as [string, string];
    const instant = new Date(at);
    if (Number.isNaN(instant.getTime()) || !isUuid(id)) throw badInput('The cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
    page.push({ $or: [{ createdAt: { $gt: instant } }, { createdAt: instant, id: { $gt: id } }] } as FilterQuery<T>);
  }
  const [rows, totalCount] = await Promise.all([
    em.find(entity, { $and: page } as FilterQuery<T>, { orderBy: { createdAt: 'asc', id: 'asc' } as never, limit: limit + 1 }),
    em.count(entity, where),
  ]);
  const edges = rows.slice(0, limit).map((node) => ({ node: node as T, cursor: encodeCursor([(node as T).createdAt.toISOString(), (node as T).id]) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
