import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { isUuid } from '../../shared/ids.js';
import { DevMailboxMessage } from './dev-mailbox-message.entity.js';

/** The development mailbox, newest first, as a keyset connection (admins only, per the rule map). */
export class DevMailbox {
  constructor(private readonly em: EntityManager) {}

  async list(first: number | null | undefined, after: string | null | undefined, caseId?: string | null): Promise<ConnectionShape<DevMailboxMessage>> {
    const limit = pageSize(first);
    const conditions: FilterQuery<DevMailboxMessage>[] = [];
    if (caseId) conditions.push({ caseId: isUuid(caseId) ? caseId : '00000000-0000-0000-0000-000000000000' });
    const page = [...conditions];
    if (after) {
      const [createdAt, id] = decodeCursor(after, 2) as [string, string];
      const at = new Date(createdAt);
      page.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: id } }] });
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(DevMailboxMessage, { $and: page }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 }),
      this.em.count(DevMailboxMessage, { $and: conditions }),
    ]);
    const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.createdAt.toISOString(), node.id]) }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
