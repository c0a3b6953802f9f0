import type { FilterQuery, FindOneOptions } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, unauthenticated } from '../../errors/domain-error.js';
import { isUuid } from '../../shared/ids.js';
import { type Viewer, isStaff } from '../auth/viewer.js';
import { Order } from '../orders/order.entity.js';
import { ReturnCase } from '../returns/return-case.entity.js';
import { Role } from '../users/user.enums.js';

/**
 * THE ownership rules (SPEC §1): who may see and touch a case, an order and a merchant's things. Every read and
 * write asks here. A thing the viewer may not see answers NOT_FOUND, exactly like a missing id, so nothing leaks
 * that it exists. The role rules (which operations a role may call at all) are the shield map's, not this file's.
 */

/** Matches no merchant: a merchant user without a profile sees nothing rather than everything. */
const NO_MERCHANT = '00000000-0000-0000-0000-000000000000';

/** The filter a merchant (or its partner token) is held to: its own merchant's rows. */
const ownMerchant = (viewer: Viewer) => ({ merchant: viewer.merchantId ?? NO_MERCHANT });

/**
 * The parties of an order and of its cases: customers see their own, merchants (and their partner tokens) those
 * of their shop, ops and admins all of them. Cases and orders share the rule, and both carry `customer` and `merchant`.
 */
function partyScope(viewer: Viewer | null): { customer?: string; merchant?: string } {
  if (!viewer) throw unauthenticated();
  switch (viewer.role) {
    case Role.ADMIN:
    case Role.OPS:
      return {};
    case Role.CUSTOMER:
      return { customer: viewer.userId };
    case Role.MERCHANT:
      return ownMerchant(viewer);
  }
}

/** The cases the viewer may see, as a filter to combine with others. */
export function caseScope(viewer: Viewer | null): FilterQuery<ReturnCase> {
  return partyScope(viewer);
}

/** The orders the viewer may see, as a filter to combine with others. */
export function orderScope(viewer: Viewer | null): FilterQuery<Order> {
  return partyScope(viewer);
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

/** The order if the viewer may see it; otherwise NOT_FOUND, exactly as for a missing id. */
export async function findVisibleOrder(em: EntityManager, viewer: Viewer | null, id: string, options: { lock?: boolean } = {}): Promise<Order> {
  const scope = orderScope(viewer);
  const found = isUuid(id)
    ? await em.findOne(Order, { $and: [{ id }, scope] }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {})
    : null;
  if (!found) throw notFound('Order', id);
  return found;
}

/** May the viewer open a return on an order of this customer? The customer themself, or an admin acting for them. */
export function mayActForCustomer(viewer: Viewer | null, customerId: string): boolean {
  return viewer !== null && (viewer.role === Role.ADMIN || (viewer.role === Role.CUSTOMER && viewer.userId === customerId));
}

/** Is this the viewer's own shop? True for a merchant user or partner token acting for it. */
function ownsMerchant(viewer: Viewer | null, merchantId: string): boolean {
  return viewer?.role === Role.MERCHANT && viewer.merchantId === merchantId;
}

/**
 * The merchant-or-admin check, for the things a merchant manages (webhook endpoints, API tokens): admins any
 * merchant's, a merchant (or its partner token) its own.
 */
export function managesMerchant(viewer: Viewer | null, merchantId: string): boolean {
  return viewer?.role === Role.ADMIN || ownsMerchant(viewer, merchantId);
}

/** The managed things the viewer may list (with `managesMerchant`'s rule), as a filter. */
export function managedMerchantScope(viewer: Viewer): { merchant?: string } {
  return viewer.role === Role.ADMIN ? {} : ownMerchant(viewer);
}

/** The merchant a new managed thing belongs to: an admin names it; a merchant's is always its own. */
export function merchantToActFor(viewer: Viewer, requested: string | null | undefined): string | null {
  return viewer.role === Role.ADMIN ? (requested ?? null) : viewer.merchantId;
}

/** May the viewer read this merchant's things (stock, return policy)? Staff any merchant's, a merchant its own. */
export function mayReadMerchant(viewer: Viewer | null, merchantId: string): boolean {
  return isStaff(viewer) || ownsMerchant(viewer, merchantId);
}

/**
 * The merchants' things the viewer may read (stock), as a filter: one merchant's when `merchantId` is given (NOT_FOUND
 * when the viewer may not read it, as for a missing id), otherwise every merchant's for staff and its own for a merchant.
 */
export function merchantReadScope(viewer: Viewer | null, merchantId: string | null): { merchant?: string } {
  if (!viewer) throw unauthenticated();
  if (merchantId !== null) {
    if (!isUuid(merchantId) || !mayReadMerchant(viewer, merchantId)) throw notFound('Merchant', merchantId);
    return { merchant: merchantId };
  }
  return isStaff(viewer) ? {} : ownMerchant(viewer);
}
