import type { EntityManager } from '@mikro-orm/postgresql';
import { Order } from '../server/src/modules/orders/order.entity.js';
import { OrderStatus } from '../server/src/modules/orders/order.enums.js';
import { OrderItem } from '../server/src/modules/orders/order-item.entity.js';
import type { User } from '../server/src/modules/users/user.entity.js';
import { DAY_MS, HOUR_MS } from '../server/src/shared/clock.js';
import type { DemoCatalogue, MerchantKey } from './demo-catalogue.js';
import { stableId } from './stable-id.js';

export type MakeDemoOrder = (customer: User, merchantKey: MerchantKey, status: OrderStatus, placedAgoMs: number, lines: Array<[string, number]>) => Order;

/**
 * The demo's order factory: numbered ORD-100001 upwards in the order they are made, with their items, totals and the
 * timestamps of every state reached. `count()` is how many were made.
 */
export function demoOrderMaker(tx: EntityManager, at: (msBefore: number) => Date, { merchants, products }: DemoCatalogue): { makeOrder: MakeDemoOrder; count: () => number } {
  let orderSeq = 0;
  const makeOrder: MakeDemoOrder = (customer, merchantKey, status, placedAgoMs, lines) => {
    orderSeq++;
    const number = `ORD-${String(100_000 + orderSeq)}`;
    const placedAt = at(placedAgoMs);
    const subtotal = lines.reduce((sum, [sku, qty]) => sum + products.get(sku)!.priceMinor * qty, 0);
    const shipping = 599;
    const tax = Math.round(subtotal * 0.08);
    const reached = (s: OrderStatus) => [OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED].indexOf(s);
    const level = reached(status);
    const order = tx.create(Order, {
      id: stableId(`order:${number}`),
      number,
      customer,
      merchant: merchants[merchantKey],
      status,
      currency: 'USD',
      subtotalMinor: subtotal,
      shippingFeeMinor: shipping,
      taxMinor: tax,
      totalMinor: subtotal + shipping + tax,
      paymentReference: status === OrderStatus.PENDING ? null : `pi_demo_${orderSeq}`,
      placedAt,
      confirmedAt: level >= 0 || status === OrderStatus.CANCELLED ? new Date(placedAt.getTime() + HOUR_MS) : null,
      shippedAt: level >= 2 ? new Date(placedAt.getTime() + DAY_MS) : null,
      deliveredAt: level >= 3 ? new Date(placedAt.getTime() + 3 * DAY_MS) : null,
      cancelledAt: status === OrderStatus.CANCELLED ? new Date(placedAt.getTime() + 2 * HOUR_MS) : null,
      createdAt: placedAt,
      updatedAt: placedAt,
    });
    lines.forEach(([sku, quantity], position) => {
      const product = products.get(sku)!;
      order.items.add(tx.create(OrderItem, {
        id: stableId(`order-item:${number}:${position}`),
        order,
        product,
        position,
        sku,
        name: product.name,
        quantity,
        unitPriceMinor: product.priceMinor,
        finalSale: sku === 'NW-CLEAR-07',
      }));
    });
    return order;
  };
  return { makeOrder, count: () => orderSeq };
}

/** Orders in every state, and delivered orders each customer can still open a return on. */
export function seedDemoOrders(customers: User[], makeOrder: MakeDemoOrder): void {
  customers.forEach((customer, c) => {
    makeOrder(customer, 'one', OrderStatus.PENDING, 2 * HOUR_MS, [['NW-MUG-06', 1]]);
    makeOrder(customer, 'one', OrderStatus.CONFIRMED, 10 * HOUR_MS, [['NW-LAMP-03', 1]]);
    makeOrder(customer, 'two', OrderStatus.PROCESSING, 30 * HOUR_MS, [['BZ-SCARF-02', 2]]);
    makeOrder(customer, 'one', OrderStatus.SHIPPED, 2 * DAY_MS, [['NW-JACK-05', 1]]);
    makeOrder(customer, 'two', OrderStatus.CANCELLED, 9 * DAY_MS, [['BZ-PLANT-04', 1]]);
    makeOrder(customer, 'one', OrderStatus.DELIVERED, (6 + c) * DAY_MS, [['NW-HEAD-01', 1], ['NW-MUG-06', 2], ['NW-CLEAR-07', 1]]);
    makeOrder(customer, 'two', OrderStatus.DELIVERED, (4 + c) * DAY_MS, [['BZ-SPKR-03', 1], ['BZ-SCARF-02', 1]]);
    // Delivered long ago: outside both merchants' windows.
    makeOrder(customer, 'one', OrderStatus.DELIVERED, 70 * DAY_MS, [['NW-KETL-02', 1]]);
  });
}
