/**
 * A calendar date label without a time zone, "YYYY-MM-DD". Trading days and
 * months are named by such labels; arithmetic on them is pure date arithmetic
 * (no instants, so no DST).
 */
export type LocalDate = string & { readonly __brand?: 'LocalDate' };
/** A calendar month label, "YYYY-MM". */
export type LocalMonth = string & { readonly __brand?: 'LocalMonth' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(value: string): LocalDate {
  const match = DATE.exec(value);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${value}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (toLabel(ms) !== value) throw new RangeError(`Not a real calendar date: ${value}`);
  return value;
}

function toLabel(utcMs: number): LocalDate {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function toUtcMs(day: LocalDate): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function addDays(day: LocalDate, days: number): LocalDate {
  return toLabel(toUtcMs(day) + days * 86_400_000);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  // Both are UTC midnights, so the difference is an exact multiple of a day.
  return (toUtcMs(to) - toUtcMs(from)) / 86_400_000;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: LocalDate): number {
  return new Date(toUtcMs(day)).getUTCDay();
}

export function monthOfDate(day: LocalDate): LocalMonth {
  return day.slice(0, 7);
}

export function firstDayOfMonth(month: LocalMonth): LocalDate {
  return `${month}-01`;
}

export function addMonths(month: LocalMonth, months: number): LocalMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const mon = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

export function compareLocal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
