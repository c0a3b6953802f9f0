import { describe, expect, it } from 'vitest';
import { TERMINAL_STATUSES } from '../server/src/modules/returns/return-case.enums.js';
import { createTestDatabase } from '../tests/helpers/test-db.js';
import { loadVolume } from './volume.js';

const OPTIONS = { cases: 400, seed: 11, anchor: new Date('2026-06-01T12:00:00Z'), freshOrders: 50 };
const TABLES = ['users', 'merchant_profiles', 'customer_profiles', 'products', 'orders', 'order_items', 'return_cases', 'return_items', 'case_events', 'case_notes', 'risk_scores', 'evidence_documents', 'refunds', 'case_number_counters', 'queue_counts'];

async function generate() {
  const db = await createTestDatabase({ empty: true });
  try {
    const summary = await loadVolume(db.url, OPTIONS);
    const conn = db.orm.em.getConnection();
    const hashes: Record<string, string> = {};
    for (const table of TABLES) {
      const [row] = await conn.execute<any[]>(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`);
      hashes[table] = `${row.n}:${row.h}`;
    }
    // Loaded with foreign-key checks off: check the references the load promised to keep.
    const [orphans] = await conn.execute<any[]>(`select
        (select count(*) from return_cases rc where not exists (select 1 from orders o where o.id = rc.order_id)
            or not exists (select 1 from users u where u.id = rc.customer_id) or not exists (select 1 from merchant_profiles m where m.id = rc.merchant_id))::int as cases,
        (select count(*) from return_items ri where not exists (select 1 from order_items oi where oi.id = ri.order_item_id))::int as items,
        (select count(*) from case_events e where not exists (select 1 from return_cases rc where rc.id = e.return_case_id))::int as events,
        (select count(*) from order_items oi where not exists (select 1 from orders o where o.id = oi.order_id))::int as lines`);
    const [counts] = await conn.execute<any[]>(`select (select count(*) from return_cases)::int as live, (select sum(n) from queue_counts)::int as kept,
        (select count(*) from return_cases where status not in (${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(', ')}))::int as active`);
    return { summary, hashes, orphans, counts };
  } finally {
    await db.drop();
  }
}

describe('the volume generator', () => {
  it('loads consistent rows, the same for the same seed and anchor', async () => {
    const first = await generate();
    expect(first.summary).toMatchObject({ cases: 400, freshOrders: 50, orders: 450, riskScores: 400 });
    expect(first.orphans).toEqual({ cases: 0, items: 0, events: 0, lines: 0 });
    expect(first.counts).toMatchObject({ live: 400, kept: 400, active: first.summary.activeCases });
    const second = await generate();
    expect(second.hashes).toEqual(first.hashes);
  });
});
