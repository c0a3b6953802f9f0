import { daysInclusive, DAY_MS, isoDay } from '../../lib/dates';

export const MAX_RANGE_DAYS = 366;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DateRange {
  from: string;
  to: string;
}

/** The last `days` days up to `today` (UTC), both included. */
export function lastDays(days: number, today: number): DateRange {
  return { from: isoDay(today - (days - 1) * DAY_MS), to: isoDay(today) };
}

export const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && isoDay(Date.parse(`${value}T00:00:00Z`)) === value;

/** Why the API would refuse this range, said before asking it; null when it is fine. */
export function rangeProblem(range: DateRange): string | null {
  if (!isDay(range.from) || !isDay(range.to)) return 'Pick both dates.';
  if (range.from > range.to) return 'The start date must be on or before the end date.';
  const days = daysInclusive(range.from, range.to);
  if (days > MAX_RANGE_DAYS) return `Pick at most ${MAX_RANGE_DAYS} days (this range has ${days}).`;
  return null;
}
