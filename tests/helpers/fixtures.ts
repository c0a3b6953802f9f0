import type { MikroORM } from '@mikro-orm/postgresql';

export interface DemoOrder {
  id: string;
  number: string;
  status: string;
  merchant: string;
  items: Array<{ id: string; sku: string; quantity: number; unitPriceMinor: number; finalSale: boolean }>;
}

async function ordersWhere(orm: MikroORM, username: string, condition: string, params: unknown[] = []): Promise<DemoOrder[]> {
  const rows = await orm.em.getConnection().execute<any[]>(
    `select o.id, o.number, o.status, m.name as merchant,
            json_agg(json_build_object('id', oi.id, 'sku', oi.sku, 'quantity', oi.quantity, 'unitPriceMinor', oi.unit_price_minor, 'finalSale', oi.final_sale) order by oi.position) as items
       from orders o join users u on u.id = o.customer_id join merchant_profiles m on m.id = o.merchant_id
       join order_items oi on oi.order_id = o.id
      where u.username = ? and ${condition}
      group by o.id, m.name order by o.placed_at desc`,
    [username, ...params],
  );
  return rows;
}

/** Delivered demo orders of a customer that no case touches yet, newest first, optionally for one merchant. */
export async function freshDeliveredOrders(orm: MikroORM, username: string, merchantName?: string): Promise<DemoOrder[]> {
  const orders = await ordersWhere(orm, username, `o.status = 'delivered' and not exists (select 1 from return_cases rc where rc.order_id = o.id)`);
  return orders.filter((o) => !merchantName || o.merchant === merchantName);
}

export async function ordersInStatus(orm: MikroORM, username: string, status: string): Promise<DemoOrder[]> {
  return ordersWhere(orm, username, 'o.status = ?', [status]);
}

/** A demo case in a given status (as stored, e.g. 'rejected'), optionally of a given customer. */
export async function demoCase(orm: MikroORM, status: string, username?: string, merchantName?: string): Promise<{ id: string; number: string; version: number }> {
  const [row] = await orm.em.getConnection().execute<any[]>(
    `select rc.id, rc.number, rc.version from return_cases rc join users u on u.id = rc.customer_id join merchant_profiles m on m.id = rc.merchant_id
      where rc.status = ? and (?::text is null or u.username = ?) and (?::text is null or m.name = ?) order by rc.number limit 1`,
    [status, username ?? null, username ?? null, merchantName ?? null, merchantName ?? null],
  );
  if (!row) throw new Error(`no demo case in status ${status}`);
  return row;
}

export async function countRows(orm: MikroORM, table: 'case_events' | 'outbox_messages' | 'return_cases' | 'case_notes', caseId?: string): Promise<number> {
  const column = table === 'outbox_messages' ? 'case_id' : table === 'return_cases' ? 'id' : 'return_case_id';
  const [row] = await orm.em.getConnection().execute<any[]>(
    `select count(*) as n from ${table} ${caseId ? `where ${column} = ?` : ''}`,
    caseId ? [caseId] : [],
  );
  return Number(row.n);
}

/**
 * A new customer with no history and one order delivered `deliveredDaysAgo` days ago, for tests that need a
 * clean record (e.g. a low escalation risk). Signs in with the demo password.
 */
export async function newCustomerWithOrder(
  orm: MikroORM,
  options: { username: string; merchantName: string; skus: Array<[sku: string, quantity: number]>; deliveredDaysAgo?: number; now?: Date },
): Promise<DemoOrder> {
  const { hashPassword, DEMO_PASSWORD } = await import('../../server/src/modules/auth/passwords.js');
  const conn = orm.em.getConnection();
  const now = options.now ?? new Date();
  const delivered = new Date(now.getTime() - (options.deliveredDaysAgo ?? 1) * 86_400_000);
  const [user] = await conn.execute<any[]>(
    `insert into users (id, username, email, display_name, role, active, password_hash, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, 'customer', true, ?, now(), now()) returning id`,
    [options.username, `${options.username}@returnhub.test`, options.username, await hashPassword(DEMO_PASSWORD)],
  );
  const [merchant] = await conn.execute<any[]>('select id from merchant_profiles where name = ?', [options.merchantName]);
  const products = await conn.execute<any[]>('select id, sku, name, price_minor from products where sku in (?)', [options.skus.map(([sku]) => sku)]);
  const subtotal = options.skus.reduce((sum, [sku, qty]) => sum + products.find((p) => p.sku === sku).price_minor * qty, 0);
  const [order] = await conn.execute<any[]>(
    `insert into orders (id, number, customer_id, merchant_id, status, currency, subtotal_minor, shipping_fee_minor, tax_minor, total_minor,
                         payment_reference, placed_at, confirmed_at, shipped_at, delivered_at, version, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, 'delivered', 'USD', ?, 599, 0, ?, ?, ?, ?, ?, ?, 1, ?, ?) returning id, number`,
    [`ORD-T-${options.username}`, user.id, merchant.id, subtotal, subtotal + 599, `pi_test_${options.username}`, delivered, delivered, delivered, delivered, delivered, delivered],
  );
  let position = 0;
  for (const [sku, quantity] of options.skus) {
    const product = products.find((p) => p.sku === sku);
    await conn.execute(
      `insert into order_items (id, order_id, product_id, position, sku, name, quantity, unit_price_minor, final_sale)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, false)`,
      [order.id, product.id, position++, sku, product.name, quantity, product.price_minor],
    );
  }
  return (await ordersWhere(orm, options.username, 'o.id = ?', [order.id]))[0];
}
