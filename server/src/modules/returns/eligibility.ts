import type { EntityManager } from '@mikro-orm/postgresql';
import { DAY_MS } from '../../shared/clock.js';
import { Order } from '../orders/order.entity.js';
import { OrderStatus } from '../orders/order.enums.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { CaseStatus } from './return-case.enums.js';

/** Statuses whose items no longer count against what can be returned (the goods stayed with the customer). */
const RELEASED = [CaseStatus.CANCELLED, CaseStatus.EXPIRED, CaseStatus.CLOSED, CaseStatus.RETURNED_TO_CUSTOMER];

export interface ItemEligibility {
  orderItemId: string;
  sku: string;
  name: string;
  orderedQuantity: number;
  claimedQuantity: number;
  returnableQuantity: number;
  unitPriceMinor: number;
  finalSale: boolean;
  hasActiveCase: boolean;
  /** Why this item cannot be returned, or null. */
  reason: string | null;
}

export interface OrderEligibility {
  order: Order;
  /** Why no item of the order can be returned, or null. */
  orderReason: { rule: string; message: string } | null;
  windowDays: number;
  windowEndsAt: Date | null;
  daysSinceDelivery: number | null;
  items: ItemEligibility[];
  alreadyRefundedMinor: number;
}

/**
 * The return rules of SPEC §4 for one order, item by item, without changing anything. Used both to answer
 * `returnEligibility` and to check `createReturnCase` (which also relies on a database constraint for races).
 */
export async function evaluateEligibility(em: EntityManager, order: Order, now: Date): Promise<OrderEligibility> {
  // Both are in the identity map when the order was loaded with them (OpenCaseService): no statement then.
  const merchant = await em.findOneOrFail(MerchantProfile, order.merchant.id);
  await em.populate(order, ['items']);
  // What open or completed returns already claim, item by item, and what was refunded on the order: one statement.
  const [{ claims, refunded }] = await em.getConnection().execute<{ claims: { order_item_id: string; claimed: number; active: boolean }[]; refunded: string | null }[]>(
    `select coalesce((select json_agg(c) from (
              select ri.order_item_id, sum(ri.quantity) as claimed, bool_or(ri.active) as active
                from return_items ri join return_cases rc on rc.id = ri.return_case_id
               where rc.order_id = ? and rc.status not in (${RELEASED.map(() => '?').join(', ')})
               group by ri.order_item_id) c), '[]') as claims,
            (select coalesce(sum(amount_minor), 0) from refunds where order_id = ? and state in ('pending', 'succeeded')) as refunded`,
    [order.id, ...RELEASED, order.id],
    'all',
    em.getTransactionContext(),
  );
  const claimedBy = new Map(claims.map((c) => [c.order_item_id, { claimed: Number(c.claimed), active: c.active }]));

  const windowDays = merchant.returnWindowDays;
  let orderReason: OrderEligibility['orderReason'] = null;
  let windowEndsAt: Date | null = null;
  let daysSinceDelivery: number | null = null;
  if (order.status !== OrderStatus.DELIVERED) {
    orderReason = { rule: 'ORDER_NOT_DELIVERED', message: `Only delivered orders can be returned. This order is ${order.status}.` };
  } else if (!order.deliveredAt) {
    // Fail safe: without a delivery date the window cannot be checked, so no return.
    orderReason = { rule: 'DELIVERY_DATE_UNKNOWN', message: 'This order has no delivery date, so a return cannot be opened. Contact support.' };
  } else {
    windowEndsAt = new Date(order.deliveredAt.getTime() + windowDays * DAY_MS);
    daysSinceDelivery = Math.floor((now.getTime() - order.deliveredAt.getTime()) / DAY_MS);
    if (now > windowEndsAt) {
      orderReason = {
        rule: 'RETURN_WINDOW_EXPIRED',
        message: `Return window expired. You can only return orders within ${windowDays} days of delivery. This order was delivered ${daysSinceDelivery} days ago.`,
      };
    }
  }

  const items = order.items.getItems().map((item): ItemEligibility => {
    const claim = claimedBy.get(item.id) ?? { claimed: 0, active: false };
    const returnable = Math.max(0, item.quantity - claim.claimed);
    let reason: string | null = orderReason?.message ?? null;
    if (!reason && item.finalSale) reason = 'Final-sale items cannot be returned.';
    if (!reason && claim.active) reason = 'This item already has an open return.';
    if (!reason && returnable === 0) reason = 'Every unit of this item has already been returned.';
    return {
      orderItemId: item.id,
      sku: item.sku,
      name: item.name,
      orderedQuantity: item.quantity,
      claimedQuantity: claim.claimed,
      returnableQuantity: reason ? 0 : returnable,
      unitPriceMinor: item.unitPriceMinor,
      finalSale: item.finalSale,
      hasActiveCase: claim.active,
      reason,
    };
  });
  return { order, orderReason, windowDays, windowEndsAt, daysSinceDelivery, items, alreadyRefundedMinor: Number(refunded ?? 0) };
}

