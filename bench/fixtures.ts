// Fixtures in the run's database: sessions (inserted directly: argon2 sign-ins are not what is measured), the cases
// to open, and the fresh orders to open returns on.
import pg from 'pg';
import { TERMINAL_STATUSES } from '../server/src/modules/returns/return-case.enums.js';
import type { UploadTarget } from './uploads.js';

export interface Fixtures {
  opsCookie: string;
  caseIds: string[];
  freshOrders: Array<{ orderId: string; cookie: string; items: Array<{ orderItemId: string; quantity: number }> }>;
  /** Customers' active cases without evidence yet: room for 5 evidence images and 1 video each. */
  uploadCases: UploadTarget[];
}

const SESSION_SECRET = (userId: string) => `bench-session-${userId}`;

export async function prepareFixtures(dbUrl: string, anchor: Date): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const expires = new Date(anchor.getTime() + 60 * 86_400_000);
    const session = async (userIds: string[]) => {
      await client.query(
        `insert into sessions (id, token_hash, user_id, created_at, expires_at)
         select gen_random_uuid(), encode(sha256(convert_to('bench-session-' || u, 'UTF8')), 'hex'), u::uuid, $2, $3 from unnest($1::text[]) u
         on conflict (token_hash) do nothing`,
        [userIds, anchor, expires],
      );
    };
    const { rows: [ops] } = await client.query<{ id: string }>(`select id from users where username = 'vops0000000'`);
    await session([ops.id]);
    const { rows: caseRows } = await client.query<{ id: string }>(
      `select id from return_cases tablesample bernoulli (least(100, 200000.0 / greatest(1, (select count(*) from return_cases)))) repeatable (7) limit 500`,
    );
    const { rows: fresh } = await client.query<{ order_id: string; customer_id: string; items: Array<{ orderItemId: string; quantity: number }> }>(
      `select o.id as order_id, o.customer_id, json_agg(json_build_object('orderItemId', oi.id, 'quantity', oi.quantity) order by oi.position) as items
         from orders o join order_items oi on oi.order_id = o.id and not oi.final_sale
        where o.delivered_at > $1::timestamptz - interval '6 days' and not exists (select 1 from return_cases rc where rc.order_id = o.id)
        group by o.id order by o.number`,
      [anchor],
    );
    await session([...new Set(fresh.map((f) => f.customer_id))]);
    const { rows: uploadRows } = await client.query<{ id: string; customer_id: string }>(
      `select rc.id, rc.customer_id from return_cases rc
        where rc.status <> all($1::case_status[]) and not exists (select 1 from evidence_documents d where d.return_case_id = rc.id)
        order by rc.number limit 5000`,
      [[...TERMINAL_STATUSES]],
    );
    await session([...new Set(uploadRows.map((r) => r.customer_id))]);
    return {
      uploadCases: uploadRows.map((r) => ({ caseId: r.id, cookie: `rh_session=${SESSION_SECRET(r.customer_id)}` })),
      opsCookie: `rh_session=${SESSION_SECRET(ops.id)}`,
      caseIds: caseRows.map((r) => r.id),
      freshOrders: fresh.map((f) => ({ orderId: f.order_id, cookie: `rh_session=${SESSION_SECRET(f.customer_id)}`, items: f.items })),
    };
  } finally {
    await client.end();
  }
}
