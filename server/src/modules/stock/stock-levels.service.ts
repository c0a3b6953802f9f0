import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors/domain-error.js';
import { type ConnectionShape, decodeCursor, encodeCursor, pageSize } from '../../shared/connection.js';
import { merchantReadScope } from '../access/access.js';
import type { Viewer } from '../auth/viewer.js';
import { Product } from '../orders/product.entity.js';

/** At or below this many units a SKU is shown as low on stock. */
export const LOW_STOCK_THRESHOLD = 5;

/**
 * Stock per SKU (SPEC §2), read-only. Merchants (and their partner tokens) see their own products; ops and admins
 * any merchant's, or all with no `merchantId`. Another merchant's id answers NOT_FOUND, as for a missing one.
 */
export class StockLevels {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
  ) {}

  async list(args: { merchantId?: string | null; search?: string | null; first?: number | null; after?: string | null }): Promise<ConnectionShape<Product>> {
    const limit = pageSize(args.first);
    const scope = merchantReadScope(this.viewer, args.merchantId ?? null);
    const search = args.search?.trim();
    if (search && search.length > 200) throw badInput('The search is too long (at most 200 characters).', { field: 'search' });
    const filter: FilterQuery<Product>[] = [scope];
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      filter.push({ $or: [{ sku: { $ilike: like } }, { name: { $ilike: like } }] });
    }
    const counted: FilterQuery<Product> = { $and: [...filter] };
    if (args.after) {
      const [sku] = decodeCursor(args.after, 1);
      if (typeof sku !== 'string') throw badInput('The cursor is not valid. Use a cursor from a previous page.', { field: 'after' });
      filter.push({ sku: { $gt: sku } });
    }
    const [rows, totalCount] = await Promise.all([
      this.em.find(Product, { $and: filter }, { orderBy: { sku: 'asc' }, limit: limit + 1 }),
      this.em.count(Product, counted),
    ]);
    const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor([node.sku]) }));
    return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
