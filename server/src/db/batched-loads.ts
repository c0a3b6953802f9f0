import type { EntityClass, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader } from '../shared/batch-loader.js';

/**
 * Loaders for field resolvers whose parent is a plain row (db/plain-rows.ts) or an entity: both hold a relation's id,
 * so each loads by id, the rows of one list in one query per tick (shared/batch-loader.ts). One loader per request.
 */

/** Entities of one type by id: for a relation the parent holds as an id. */
export function byIdLoader<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>): (id: string) => Promise<T | undefined> {
  return batchLoader(async (ids: string[]) => {
    const found = await em.find(entity, { id: { $in: ids } } as unknown as FilterQuery<T>);
    return new Map(found.map((e) => [e.id, e]));
  });
}

/**
 * The children of parents by the parent's id: the `entity` rows whose many-to-one `parent` points at it, in `orderBy`
 * order (a collection's own order).
 */
export function childrenLoader<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  parent: keyof T & string,
  orderBy: FindOptions<T>['orderBy'],
): (parentId: string) => Promise<T[]> {
  const load = batchLoader(async (ids: string[]) => {
    const children = await em.find(entity, { [parent]: { $in: ids } } as FilterQuery<T>, { orderBy });
    const byParent = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const child of children) byParent.get((child[parent] as { id: string }).id)?.push(child);
    return byParent;
  });
  return async (parentId) => (await load(parentId)) ?? [];
}
