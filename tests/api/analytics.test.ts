import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNow } from '../helpers/test-db.js';
import { type ApiClient, type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

const ANALYTICS = `query A($from: String!, $to: String!) { returnsAnalytics(from: $from, to: $to) {
  from to opened closed approvalRate medianHoursToDecision medianHoursToRefund slaBreachRate refundedMinor
  byStatus { key count } byReason { key count } byMerchant { name opened approvalRate } daily { date opened closed refundedMinor } } }`;

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('returns analytics', () => {
  let server: TestServer;
  let ops: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    ops = await server.as('ops.demo');
  });
  afterAll(() => server.close());

  it('refuses an unbounded or inverted range with a coded error', async () => {
    for (const [from, to] of [['2026-02-01', '2026-01-01'], ['2025-01-01', '2026-01-02'], ['2026-13-01', '2026-12-31'], ['yesterday', '2026-01-01']]) {
      const result = await ops.gql(ANALYTICS, { from, to });
      expect(errorCode(result), `${from}..${to}`).toBe('BAD_USER_INPUT');
    }
    // 366 days is the maximum, and allowed.
    expect((await ops.ok(ANALYTICS, { from: '2025-01-01', to: '2026-01-01' })).returnsAnalytics.daily).toHaveLength(366);
  });

  it('counts the demo cases, per day, reason and merchant, consistently with the database', async () => {
    const to = seedNow();
    const from = new Date(to.getTime() - 29 * 86_400_000);
    const a = (await ops.ok(ANALYTICS, { from: day(from), to: day(to) })).returnsAnalytics;
    const conn = server.orm.em.getConnection();
    const [{ opened }] = await conn.execute<any[]>('select count(*)::int as opened from return_cases where created_at >= ?::date and created_at < ?::date + 1', [day(from), day(to)]);
    expect(a.opened).toBe(opened);
    expect(a.opened).toBe(32);
    expect(a.daily).toHaveLength(30);
    expect(a.daily.reduce((s: number, d: any) => s + d.opened, 0)).toBe(a.opened);
    expect(a.byReason.reduce((s: number, r: any) => s + r.count, 0)).toBe(a.opened);
    expect(a.byStatus.reduce((s: number, r: any) => s + r.count, 0)).toBe(a.opened);
    expect(a.byMerchant.map((m: any) => m.name)).toEqual(['Bazaar Marketplace', 'Northwind Goods', 'Tidewater Outfitters']);
    expect(a.byMerchant.reduce((s: number, m: any) => s + m.opened, 0)).toBe(a.opened);
    expect(a.approvalRate).toBeGreaterThan(0);
    expect(a.approvalRate).toBeLessThan(1);
    const [{ refunded }] = await conn.execute<any[]>("select coalesce(sum(amount_minor), 0)::int as refunded from refunds where state = 'succeeded'");
    expect(a.refundedMinor).toBe(refunded);
    expect(a.refundedMinor).toBeGreaterThan(0);
    expect(a.slaBreachRate).toBeGreaterThanOrEqual(0);
    expect(a.medianHoursToDecision).toBeGreaterThan(0);
  });
});
