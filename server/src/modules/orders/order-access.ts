import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { notFound, unauthenticated } from '../../errors/domain-error.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../users/user.enums.js';
import { Order } from './order.entity.js';

/** Who sees which orders — the same rule as for cases (SPEC §1): own orders, own merchant's orders, or all for staff. */
export function orderScope(viewer: Viewer | null): FilterQuery<Order> {
  if (!viewer) throw unauthenticated();
  switch (viewer.role) {
    case Role.ADMIN:
    case Role.OPS:
      return {};
    case Role.CUSTOMER:
      return { customer: viewer.userId };
    case Role.MERCHANT:
      return { merchant: viewer.merchantId ?? '00000000-0000-0000-0000-000000000000' };
  }
}

/** The order if the viewer may see it; otherwise NOT_FOUND, exactly as for a missing id. */
export async function findVisibleOrder(em: EntityManager, viewer: Viewer | null, id: string, options: { lock?: boolean } = {}): Promise<Order> {
  const scope = orderScope(viewer);
  const found = isUuid(id)
    ? await em.findOne(Order, { $and: [{ id }, scope] }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {})
    : null;
  if (!found) throw notFound('Order', id);
  return found;
}
