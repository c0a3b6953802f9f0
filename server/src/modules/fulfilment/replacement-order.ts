import type { EntityManager } from '@mikro-orm/postgresql';
import { OrderItem } from '../orders/order-item.entity.js';
import { Order } from '../orders/order.entity.js';
import { OrderStatus } from '../orders/order.enums.js';
import { takeFromStock } from '../orders/stock.js';
import type { ReturnCase } from '../returns/return-case.entity.js';

/**
 * The replacement of an exchange: the same items and quantities at the prices originally paid, confirmed at once
 * (it was paid with the original order), taken from stock. No new charge, no shipping fee.
 */
export async function createReplacementOrder(tx: EntityManager, rc: ReturnCase, at: Date): Promise<Order> {
  const original = await tx.findOneOrFail(Order, rc.order.id);
  const lines = rc.items.getItems().map((item) => ({ source: item.orderItem, quantity: item.quantity }));
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.source.unitPriceMinor, 0);
  const replacement = tx.create(Order, {
    number: `EXC-${rc.number}`,
    customer: original.customer,
    merchant: original.merchant,
    status: OrderStatus.CONFIRMED,
    currency: original.currency,
    subtotalMinor: subtotal,
    shippingFeeMinor: 0,
    taxMinor: 0,
    totalMinor: subtotal,
    paymentReference: null,
    replacesCaseId: rc.id,
    placedAt: at,
    confirmedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  for (const [position, line] of lines.entries()) {
    if (line.source.product) await takeFromStock(tx, line.source.product.id, line.quantity, line.source.name);
    replacement.items.add(tx.create(OrderItem, {
      order: replacement,
      product: line.source.product,
      position,
      sku: line.source.sku,
      name: line.source.name,
      quantity: line.quantity,
      unitPriceMinor: line.source.unitPriceMinor,
      finalSale: line.source.finalSale,
    }));
  }
  rc.exchangeOrder = replacement;
  return replacement;
}
