import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import type { ReturnReason, RiskLabel } from '../returns/return-case.enums.js';
import type { ReturnFacts } from './return-rules.model.js';

/** One past case as the simulator replays it: what it was when opened, item by item, and its money as opened. */
export interface SimulationCase {
  id: string;
  number: string;
  currency: string;
  /** What the case refunds as opened, and the policy's restocking fee taken from it. */
  refundMinor: number;
  restockingFeeMinor: number;
  /** The order's shipping fee: the simulator's price of the return label a kept item does not need. */
  shippingFeeMinor: number;
  items: Array<{ facts: ReturnFacts; valueMinor: number }>;
}

/** Where a batch starts: after this case in (created_at, id) order. The time is the database's own text of it
 * (microseconds: a JavaScript Date would round them away and read the same case again). */
export interface CaseCursor {
  createdAt: string;
  id: string;
}

interface ItemRow {
  id: string;
  number: string;
  cursor_at: string;
  currency: string;
  reason: ReturnReason;
  refund_amount_minor: number;
  restocking_fee_minor: number;
  total_minor: number;
  shipping_fee_minor: number;
  days_since_delivery: number | null;
  /** Null for a case without items (none in practice; it cannot be replayed and is left out). */
  sku: string | null;
  category: string | null;
  unit_price_minor: number;
  quantity: number;
  score: number | null;
  label: RiskLabel | null;
  returns_90: string;
  returns_365: string;
  photos: string;
}

/**
 * The next `$6` cases of merchant `$1` opened in [`$2`, `$3`) after the cursor (`$4`, `$5`), in (created_at, id)
 * order, item by item, with the facts as they were when each was opened: its first risk score, the customer's cases
 * in the 90 and 365 days before, the photos uploaded with it (by its first score). The per-case look-ups run once per
 * case (in `batch`), not once per item. Keyset pagination: every batch is an index range scan, however deep.
 */
const BATCH_SQL = `
with batch as materialized (
  select rc.id, rc.number, rc.created_at, rc.created_at::text as cursor_at, rc.currency, rc.reason, rc.refund_amount_minor, rc.restocking_fee_minor,
         o.total_minor, o.shipping_fee_minor,
         ceil(extract(epoch from rc.created_at - o.delivered_at) / 86400)::int as days_since_delivery,
         rs.score, rs.label, h.returns_90, h.returns_365,
         (select count(*) from evidence_documents d where d.return_case_id = rc.id and d.kind = 'evidence'
             and d.content_type like 'image/%' and d.created_at <= coalesce(rs.created_at, rc.created_at)) as photos
    from (select c.* from return_cases c
           where c.merchant_id = $1 and c.created_at >= $2 and c.created_at < $3
             and (c.created_at, c.id) > ($4::timestamptz, $5::uuid)
           order by c.created_at, c.id limit $6) rc
    join orders o on o.id = rc.order_id
    left join lateral (select s.score, s.label, s.created_at from risk_scores s where s.return_case_id = rc.id
                        order by s.created_at limit 1) rs on true
    left join lateral (select count(*) filter (where p.created_at >= rc.created_at - interval '90 days') as returns_90,
                              count(*) as returns_365
                         from return_cases p where p.customer_id = rc.customer_id and p.created_at < rc.created_at
                          and p.created_at >= rc.created_at - interval '365 days') h on true)
select b.*, oi.sku, oi.unit_price_minor, ri.quantity, pr.category
  from batch b
  left join return_items ri on ri.return_case_id = b.id
  left join order_items oi on oi.id = ri.order_item_id
  left join products pr on pr.id = oi.product_id
 order by b.created_at, b.id, ri.position`;

/** Before every case opened at or after `from`: where the first batch starts. */
export const startOfRange = (from: Date): CaseCursor => ({ createdAt: from.toISOString(), id: '00000000-0000-0000-0000-000000000000' });

/**
 * One batch of at most `limit` cases after `after` (a case without items is left out, as it cannot be replayed).
 * `next` is where the following batch starts; null when this was the last.
 */
export async function readCaseBatch(em: EntityManager, merchantId: string, from: Date, to: Date, after: CaseCursor, limit: number): Promise<{ cases: SimulationCase[]; next: CaseCursor | null }> {
  const rows = await preparedRows<ItemRow>(em, BATCH_SQL, [merchantId, from, to, after.createdAt, after.id, limit]);
  const cases: SimulationCase[] = [];
  let last = after;
  let read = 0;
  for (const row of rows) {
    if (last.id !== row.id) {
      last = { createdAt: row.cursor_at, id: row.id };
      read += 1;
    }
    if (row.sku === null) continue;
    let current = cases.at(-1);
    if (current?.id !== row.id) {
      current = {
        id: row.id,
        number: row.number,
        currency: row.currency,
        refundMinor: row.refund_amount_minor,
        restockingFeeMinor: row.restocking_fee_minor,
        shippingFeeMinor: row.shipping_fee_minor,
        items: [],
      };
      cases.push(current);
    }
    current.items.push({ facts: factsOf(row, row.sku), valueMinor: row.quantity * row.unit_price_minor });
  }
  // Fewer cases than asked for: the range is exhausted. Otherwise the next batch starts after the last case read.
  return { cases, next: read < limit ? null : last };
}

/** How many cases a simulation over [from, to) replays (its progress total). */
export async function countCases(em: EntityManager, merchantId: string, from: Date, to: Date): Promise<number> {
  const [row] = await preparedRows<{ n: string }>(em,
    `select count(*) as n from return_cases rc where rc.merchant_id = $1 and rc.created_at >= $2 and rc.created_at < $3
        and exists (select 1 from return_items ri where ri.return_case_id = rc.id)`, [merchantId, from, to]);
  return Number(row.n);
}

const factsOf = (row: ItemRow, sku: string): ReturnFacts => ({
  reason: row.reason,
  category: row.category,
  sku,
  itemPriceMinor: row.unit_price_minor,
  orderValueMinor: row.total_minor,
  returnValueMinor: row.refund_amount_minor,
  daysSinceDelivery: Math.max(0, row.days_since_delivery ?? 0),
  returnsLast90Days: Number(row.returns_90),
  returnsLast365Days: Number(row.returns_365),
  riskLabel: row.label,
  riskScore: row.score,
  evidencePhotos: Number(row.photos),
});
