import type { EntityManager } from '@mikro-orm/postgresql';

/** `YYMM` of a UTC date. */
export const casePeriod = (at: Date): string =>
  `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;

/** Takes the month's next value (`?` = the period); the upsert holds the counter row's lock until the commit. */
const TAKE_NEXT_VALUE = `insert into case_number_counters (period, last_value) values (?, 1)
  on conflict (period) do update set last_value = case_number_counters.last_value + 1
  returning last_value`;

/**
 * The next case number of the month, e.g. RET-2611-000042. The upsert takes the counter row's lock, so
 * concurrent creators get distinct numbers; the counter lives in the caller's transaction, so a rolled-back
 * case gives its number back rather than leaving a gap that could be mistaken for a deleted case.
 */
export async function nextCaseNumber(em: EntityManager, at: Date): Promise<string> {
  const period = casePeriod(at);
  const [row] = await em.getConnection().execute<{ last_value: number }[]>(
    TAKE_NEXT_VALUE,
    [period],
    'all',
    em.getTransactionContext(),
  );
  return `RET-${period}-${String(row.last_value).padStart(6, '0')}`;
}

/**
 * What a case's `number` holds between its insert and `assignCaseNumber`, inside its own transaction only (never
 * committed): unique (from the case id) and unlike any real number.
 */
export const provisionalCaseNumber = (caseId: string): string => `~${caseId.replace(/-/g, '').slice(0, 19)}`;

/**
 * Gives an inserted case the next number of the month (as `nextCaseNumber`), and sets `columns` (column name →
 * value) with it, in one statement. Run as the last statement before the commit, it holds the counter row's lock
 * — which serialises every creator — for that statement and the commit only.
 */
export async function assignCaseNumber(em: EntityManager, caseId: string, at: Date, columns: Record<string, unknown> = {}): Promise<string> {
  const period = casePeriod(at);
  const names = Object.keys(columns);
  const [row] = await em.getConnection().execute<{ number: string }[]>(
    `with counter as (${TAKE_NEXT_VALUE})
     update return_cases rc
        set number = 'RET-' || ? || '-' || lpad(counter.last_value::text, greatest(6, length(counter.last_value::text)), '0')${names.map((n) => `, ${n} = ?`).join('')}
       from counter
      where rc.id = ?
     returning rc.number`,
    [period, period, ...names.map((n) => columns[n]), caseId],
    'all',
    em.getTransactionContext(),
  );
  if (!row) throw new Error(`Case ${caseId} is not in this transaction.`);
  return row.number;
}
