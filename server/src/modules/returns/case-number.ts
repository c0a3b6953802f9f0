import type { EntityManager } from '@mikro-orm/postgresql';

/** `YYMM` of a UTC date. */
export const casePeriod = (at: Date): string =>
  `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * The next case number of the month, e.g. RET-2611-000042. The upsert takes the counter row's lock, so
 * concurrent creators get distinct numbers; the counter lives in the caller's transaction, so a rolled-back
 * case gives its number back rather than leaving a gap that could be mistaken for a deleted case.
 */
export async function nextCaseNumber(em: EntityManager, at: Date): Promise<string> {
  const period = casePeriod(at);
  const [row] = await em.getConnection().execute<{ last_value: number }[]>(
    `insert into case_number_counters (period, last_value) values (?, 1)
       on conflict (period) do update set last_value = case_number_counters.last_value + 1
     returning last_value`,
    [period],
    'all',
    em.getTransactionContext(),
  );
  return `RET-${period}-${String(row.last_value).padStart(6, '0')}`;
}
