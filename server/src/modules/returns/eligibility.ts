import type { EntityManager } from '@mikro-orm/postgresql';
import { aliasedColumns, columnsOf, preparedRows, splitByAlias, toRow } from '../../db/plain-rows.js';
import { DAY_MS } from '../../shared/clock.js';
import { Order } from '../orders/order.entity.js';
import { OrderItem } from '../orders/order-item.entity.js';
import { OrderStatus } from '../orders/order.enums.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import type { MerchantRow, OrderItemRow, OrderRow, UserRow } from './case-row.js';
import { CaseStatus, ReturnOutcome, type ReturnReason } from './return-case.enums.js';

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
  /** The product's category (issue 21), null when it has none: a fact the return rules read. */
  category: string | null;
  finalSale: boolean;
  hasActiveCase: boolean;
  /** Why this item cannot be returned, or null. */
  reason: string | null;
  /** The message of the merchant's rule refusing this item, or null (then also in `reason`). */
  ruleMessage: string | null;
  /** Photos the merchant's rules ask for with a return of this item (0: none). */
  requiredPhotos: number;
  /** What the customer may get for this item; empty when it cannot be returned. */
  outcomes: ReturnOutcome[];
  /** The store-credit bonus offered, in percent, when store credit is on offer. */
  storeCreditBonusPercent: number | null;
  /** What the merchant's rules set for each reason the customer may give (empty when it cannot be returned). */
  byReason: ReasonTerms[];
}

/**
 * What a merchant's rules set on a return of one item for one reason: the outcomes on offer (as the item's own, empty
 * when a rule refuses the reason, with its message), the store-credit bonus, the fees (null: the policy's restocking
 * fee, no return shipping fee) and the photos asked for (0: none).
 */
export interface ReasonTerms {
  reason: ReturnReason;
  outcomes: ReturnOutcome[];
  storeCreditBonusPercent: number | null;
  /** The message of the merchant's rule refusing a return of this item for this reason, or null. */
  ruleMessage: string | null;
  restockingFeePercent: number | null;
  returnShippingFeeMinor: number | null;
  requiredPhotos: number;
}

/**
 * Everything the return rules and a new case need to know about an order, as plain rows: the order, its merchant
 * (the policy), its customer, its lines, what open or completed returns already claim of each line, and what was
 * refunded on it.
 */
export interface OrderFacts {
  order: OrderRow;
  merchant: MerchantRow;
  customer: UserRow;
  items: OrderItemRow[];
  claims: Map<string, { claimed: number; active: boolean }>;
  /** Each line's product category, by order item id (lines without a category are absent). */
  categories: Map<string, string>;
  refundedMinor: number;
  /** The customer's cases opened in the 90 (365) days before `at` (the return rules' facts). */
  returnsLast90Days: number;
  returnsLast365Days: number;
}

export interface OrderEligibility {
  orderId: string;
  /** Why no item of the order can be returned, or null. */
  orderReason: { rule: string; message: string } | null;
  windowDays: number;
  windowEndsAt: Date | null;
  daysSinceDelivery: number | null;
  items: ItemEligibility[];
  alreadyRefundedMinor: number;
}

let factColumns: { orders: string[]; merchants: string[]; users: string[] } | undefined;

/**
 * An order's facts (see OrderFacts) as of `at` in one prepared statement, inside `em`'s transaction if it has one;
 * null when there is no such order. Who may use the order is the caller's rule.
 */
export async function readOrderFacts(em: EntityManager, orderId: string, at: Date): Promise<OrderFacts | null> {
  factColumns ??= { orders: columnsOf(em, Order), merchants: columnsOf(em, MerchantProfile), users: columnsOf(em, User) };
  const released = RELEASED.map((status) => `'${status}'`).join(', ');
  const [row] = await preparedRows<Record<string, unknown>>(
    em,
    `select ${aliasedColumns('o', factColumns.orders, 'o')}, ${aliasedColumns('m', factColumns.merchants, 'm')}, ${aliasedColumns('cu', factColumns.users, 'cu')},
            (select coalesce(json_agg(to_jsonb(oi) order by oi.position, oi.id), '[]') from order_items oi where oi.order_id = o.id) as "f__items",
            (select coalesce(json_agg(c), '[]') from (
              select ri.order_item_id, sum(ri.quantity) as claimed, bool_or(ri.active) as active
                from return_items ri join return_cases rc on rc.id = ri.return_case_id
               where rc.order_id = o.id and rc.status not in (${released})
               group by ri.order_item_id) c) as "f__claims",
            (select coalesce(json_object_agg(oi.id, p.category), '{}') from order_items oi join products p on p.id = oi.product_id
              where oi.order_id = o.id and p.category is not null) as "f__categories",
            (select coalesce(sum(amount_minor), 0) from refunds where order_id = o.id and state in ('pending', 'succeeded')) as "f__refunded",
            (select count(*) from return_cases p where p.customer_id = o.customer_id and p.created_at < $2
                and p.created_at >= $2::timestamptz - interval '90 days') as "f__returns_90",
            (select count(*) from return_cases p where p.customer_id = o.customer_id and p.created_at < $2
                and p.created_at >= $2::timestamptz - interval '365 days') as "f__returns_365"
       from orders o join merchant_profiles m on m.id = o.merchant_id join users cu on cu.id = o.customer_id
      where o.id = $1`,
    [orderId, at],
  );
  if (!row) return null;
  const parts = splitByAlias(row, ['o', 'm', 'cu', 'f']);
  const facts = parts.f as { items: Record<string, unknown>[]; claims: { order_item_id: string; claimed: number; active: boolean }[]; categories: Record<string, string>; refunded: string; returns_90: string; returns_365: string };
  return {
    order: toRow<OrderRow>(em, Order, parts.o)!,
    merchant: toRow<MerchantRow>(em, MerchantProfile, parts.m)!,
    customer: toRow<UserRow>(em, User, parts.cu)!,
    items: facts.items.map((item) => toRow<OrderItemRow>(em, OrderItem, item)!),
    claims: new Map(facts.claims.map((c) => [c.order_item_id, { claimed: Number(c.claimed), active: c.active }])),
    categories: new Map(Object.entries(facts.categories)),
    refundedMinor: Number(facts.refunded),
    returnsLast90Days: Number(facts.returns_90),
    returnsLast365Days: Number(facts.returns_365),
  };
}

/**
 * The return rules of SPEC §4 for one order, item by item, from its facts. Used both to answer `returnEligibility`
 * and to check `createReturnCase` (which also relies on a database constraint for races).
 */
export function evaluateEligibility({ order, merchant, items: lines, claims, categories, refundedMinor }: OrderFacts, now: Date): OrderEligibility {
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

  const items = lines.map((item): ItemEligibility => {
    const claim = claims.get(item.id) ?? { claimed: 0, active: false };
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
      category: categories.get(item.id) ?? null,
      finalSale: item.finalSale,
      hasActiveCase: claim.active,
      reason,
      // What the rules add (eligibility-rules.ts); without rules, a refund or an exchange.
      ruleMessage: null,
      requiredPhotos: 0,
      outcomes: reason ? [] : [ReturnOutcome.REFUND, ReturnOutcome.EXCHANGE],
      storeCreditBonusPercent: null,
      byReason: [],
    };
  });
  return { orderId: order.id, orderReason, windowDays, windowEndsAt, daysSinceDelivery, items, alreadyRefundedMinor: refundedMinor };
}

