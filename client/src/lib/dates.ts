/** Times travel as UTC ISO strings and are formatted for the reader's locale and time zone only here. */
export function formatDate(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A span of time at the precision a person needs for a deadline: "2d 4h", "3h 20m", "45m", "less than a minute". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE_MS) return 'less than a minute';
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/** "in 3h 20m" / "5h ago", relative to `now`. */
export function formatRelative(iso: string, now: number): string {
  const delta = new Date(iso).getTime() - now;
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/** The UTC calendar day of a time, as the API's analytics range expects it: "2026-11-20". */
export const isoDay = (time: number | Date): string => new Date(time).toISOString().slice(0, 10);

/** Days between two YYYY-MM-DD days, both included (2026-01-01..2026-01-01 is 1 day). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * A YYYY-MM-DD day (a UTC calendar day, as date inputs and the analytics range hold it) in the app's date format,
 * "Nov 8, 2026": shown beside native date inputs, whose own display follows the browser's locale settings.
 */
export function formatDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "20 Nov" for chart axes, in UTC like the analytics days themselves. */
export function formatShortDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
