import type { FilterQuery, FindOneOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, unauthenticated } from '../../errors/domain-error.js';
import { isUuid } from '../../shared/ids.js';
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../users/user.enums.js';
import { ReturnCase } from './return-case.entity.js';

/**
 * THE ownership rule (SPEC §1), used by every read and write of a case: customers see their own cases,
 * merchants (and their partner tokens) the cases on their orders, ops and admins all of them.
 */
export function caseScope(viewer: Viewer | null): FilterQuery<ReturnCase> {
  if (!viewer) throw unauthenticated();
  switch (viewer.role) {
    case Role.ADMIN:
    case Role.OPS:
      return {};
    case Role.CUSTOMER:
      return { customer: viewer.userId };
    case Role.MERCHANT:
      // A merchant user without a profile sees nothing rather than everything.
      return { merchant: viewer.merchantId ?? '00000000-0000-0000-0000-000000000000' };
  }
}

/** The case, if the viewer may see it; otherwise the same NOT_FOUND as for an id that does not exist. */
export async function findVisibleCase<P extends string = never>(
  em: EntityManager,
  viewer: Viewer | null,
  id: string,
  options?: FindOneOptions<ReturnCase, P>,
): Promise<ReturnCase> {
  const scope = caseScope(viewer);
  const found = isUuid(id) ? await em.findOne(ReturnCase, { $and: [{ id }, scope] }, options) : null;
  if (!found) throw notFound('Return case', id);
  return found;
}
