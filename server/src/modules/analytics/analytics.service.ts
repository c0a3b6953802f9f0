import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { DAY_MS } from '../../shared/clock.js';
import { TERMINAL_STATUSES } from '../returns/return-case.enums.js';
import type { ReturnsAnalytics } from './analytics.types.js';

export const MAX_RANGE_DAYS = 366;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TERMINAL_SQL = `(${[...TERMINAL_STATUSES].map((s) => `'${s}'`).join(', ')})`;

function parseDay(value: string, field: string): Date {
  const date = new Date(`${value}T00:00:00.000Z`);
  if (!DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badInput(`${field} must be a date like 2026-01-31.`, { field });
  }
  return date;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const hours = (value: string | number | null): number | null => (value === null ? null : Math.round(Number(value) * 10) / 10);

/** Bounded analytics for ops and admins: every figure of the range in a handful of aggregate queries. */
export class AnalyticsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async returns(fromDay: string, toDay: string): Promise<ReturnsAnalytics> {
    const from = parseDay(fromDay, 'from');
    const to = parseDay(toDay, 'to');
    if (from > to) throw badInput('from must be on or before to.', { field: 'from' });
    const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
    if (days > MAX_RANGE_DAYS) throw badInput(`The range can cover at most ${MAX_RANGE_DAYS} days (asked for ${days}).`, { field: 'to' });
    const end = new Date(to.getTime() + DAY_MS);
    const now = this.clock.now();
    const run = <T>(sql: string, params: unknown[]) => this.em.getConnection().execute<T[]>(sql, params);

    const [totals] = await run<{ opened: string; closed: string; breached: string; median_decision: string | null; median_refund: string | null }>(
      `select
         count(*) filter (where created_at >= ? and created_at < ?) as opened,
         count(*) filter (where closed_at >= ? and closed_at < ?) as closed,
         count(*) filter (where created_at >= ? and created_at < ?
                          and ((status not in ${TERMINAL_SQL} and sla_due_at < ?) or (closed_at is not null and closed_at > sla_due_at))) as breached,
         percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at) / 3600)
           filter (where decided_at >= ? and decided_at < ?) as median_decision,
         percentile_cont(0.5) within group (order by extract(epoch from refunded_at - created_at) / 3600)
           filter (where refunded_at >= ? and refunded_at < ?) as median_refund
       from return_cases
       where created_at < ? and (created_at >= ? or closed_at >= ? or decided_at >= ? or refunded_at >= ?)`,
      [from, end, from, end, from, end, now, from, end, from, end, end, from, from, from, from],
    );
    const byStatus = await run<{ key: string; count: string }>(
      `select status::text as key, count(*) as count from return_cases where created_at >= ? and created_at < ? group by status order by count desc, key`,
      [from, end],
    );
    const byReason = await run<{ key: string; count: string }>(
      `select reason::text as key, count(*) as count from return_cases where created_at >= ? and created_at < ? group by reason order by count desc, key`,
      [from, end],
    );
    // Decisions are read from the audit trail: a case's first move to approved or rejected in the range.
    const byMerchant = await run<{ merchant_id: string; name: string; opened: string; approved: string; decided: string }>(
      `with decisions as (
         select distinct on (e.return_case_id) e.return_case_id, e.to_status
           from case_events e
          where e.type = 'status_changed' and e.to_status in ('approved', 'rejected') and e.created_at >= ? and e.created_at < ?
          order by e.return_case_id, e.created_at)
       select m.id as merchant_id, m.name,
              (select count(*) from return_cases rc where rc.merchant_id = m.id and rc.created_at >= ? and rc.created_at < ?) as opened,
              count(d.*) filter (where d.to_status = 'approved') as approved,
              count(d.*) as decided
         from merchant_profiles m
         left join return_cases rc on rc.merchant_id = m.id
         left join decisions d on d.return_case_id = rc.id
        group by m.id, m.name
        order by m.name`,
      [from, end, from, end],
    );
    const daily = await run<{ day: string; opened: string; closed: string; refunded: string }>(
      `select to_char(d.day at time zone 'UTC', 'YYYY-MM-DD') as day,
              (select count(*) from return_cases where created_at >= d.day and created_at < d.day + interval '1 day') as opened,
              (select count(*) from return_cases where closed_at >= d.day and closed_at < d.day + interval '1 day') as closed,
              (select coalesce(sum(amount_minor), 0) from refunds where state = 'succeeded' and updated_at >= d.day and updated_at < d.day + interval '1 day') as refunded
         from generate_series(?::timestamptz, ?::timestamptz, interval '1 day') as d(day)
        order by d.day`,
      [from, to],
    );
    const approved = byMerchant.reduce((sum, m) => sum + Number(m.approved), 0);
    const decided = byMerchant.reduce((sum, m) => sum + Number(m.decided), 0);
    const opened = Number(totals.opened);
    return {
      from: fromDay,
      to: toDay,
      opened,
      closed: Number(totals.closed),
      byStatus: byStatus.map((r) => ({ key: r.key, count: Number(r.count) })),
      byReason: byReason.map((r) => ({ key: r.key, count: Number(r.count) })),
      byMerchant: byMerchant.map((m) => ({ merchantId: m.merchant_id, name: m.name, opened: Number(m.opened), approvalRate: rate(Number(m.approved), Number(m.decided)) })),
      approvalRate: rate(approved, decided),
      medianHoursToDecision: hours(totals.median_decision),
      medianHoursToRefund: hours(totals.median_refund),
      slaBreachRate: rate(Number(totals.breached), opened),
      refundedMinor: daily.reduce((sum, d) => sum + Number(d.refunded), 0),
      daily: daily.map((d) => ({ date: d.day, opened: Number(d.opened), closed: Number(d.closed), refundedMinor: Number(d.refunded) })),
    };
  }
}
