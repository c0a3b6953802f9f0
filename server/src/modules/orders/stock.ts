import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors/domain-error.js';

/*
 * Stock changes, each guarded by a timestamp set in the same statement, so that running one twice — a retried job,
 * a replayed webhook, two racing requests — changes stock once. Plain SQL on purpose: the guard and the increment
 * must be one atomic statement, not a read followed by a write.
 */

/** A cancelled order's items go back into stock, once (orders.stock_restored_at). Returns whether it happened now. */
export async function restoreOrderStock(tx: EntityManager, orderId: string, at: Date): Promise<boolean> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(
    `with marked as (
       update orders set stock_restored_at = ? where id = ? and stock_restored_at is null returning id
     ), restored as (
       update products p set stock = p.stock + s.quantity
         from (select oi.product_id, sum(oi.quantity) as quantity
                 from order_items oi join marked m on m.id = oi.order_id
                where oi.product_id is not null group by oi.product_id) s
        where p.id = s.product_id
        returning p.id
     )
     select id from marked`,
    [at, orderId],
    'all',
    tx.getTransactionContext(),
  );
  return rows.length > 0;
}

/**
 * Restockable items of an inspected case go back into stock, once per item (return_items.restocked_at).
 * Call after the inspection's item flags are flushed. Returns the number of units restocked now.
 */
export async function restockReturnedItems(tx: EntityManager, caseId: string, at: Date): Promise<number> {
  const [row] = await tx.getConnection().execute<{ units: string | null }[]>(
    `with marked as (
       update return_items set restocked_at = ? where return_case_id = ? and restockable and restocked_at is null
       returning order_item_id, quantity
     ), restocked as (
       update products p set stock = p.stock + s.quantity
         from (select oi.product_id, sum(m.quantity) as quantity
                 from marked m join order_items oi on oi.id = m.order_item_id
                where oi.product_id is not null group by oi.product_id) s
        where p.id = s.product_id
        returning p.id
     )
     select sum(quantity) as units from marked`,
    [at, caseId],
    'all',
    tx.getTransactionContext(),
  );
  return Number(row?.units ?? 0);
}

/** Takes `quantity` units of a product out of stock for an outgoing order; refuses when there are not enough. */
export async function takeFromStock(tx: EntityManager, productId: string, quantity: number, what: string): Promise<void> {
  const rows = await tx.getConnection().execute<{ stock: number }[]>(
    'update products set stock = stock - ? where id = ? and stock >= ? returning stock',
    [quantity, productId, quantity],
    'all',
    tx.getTransactionContext(),
  );
  if (rows.length === 0) throw conflict(`Not enough stock to send ${quantity} × ${what}.`, { productId });
}

/** What has already gone (or is going) back to the customer on an order: pending and succeeded refunds. */
export async function refundedOnOrder(tx: EntityManager, orderId: string): Promise<number> {
  const [row] = await tx.getConnection().execute<{ refunded: string | null }[]>(
    `select coalesce(sum(amount_minor), 0) as refunded from refunds where order_id = ? and state in ('pending', 'succeeded')`,
    [orderId],
    'all',
    tx.getTransactionContext(),
  );
  return Number(row?.refunded ?? 0);
}
