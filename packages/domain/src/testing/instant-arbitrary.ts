import fc from 'fast-check';
import { formatInTimeZone } from 'date-fns-tz';
import { addDays, type LocalDate } from '../calendar/local-date.js';
import { TradingCalendar, type TradingCalendarSettings } from '../calendar/trading-calendar.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The years the kit's instants fall in: wide enough for many DST rules, near enough to be realistic. */
const FIRST_YEAR = 2024;
const LAST_YEAR = 2030;
const FIRST_DAY: LocalDate = `${FIRST_YEAR}-01-01`;
// Whole UTC days apart, so the division is exact.
const DAYS = (Date.UTC(LAST_YEAR, 11, 31) - Date.UTC(FIRST_YEAR, 0, 1)) / (24 * HOUR);

/** A trading-day name between 2024 and 2030. */
export function tradingDayArbitrary(): fc.Arbitrary<LocalDate> {
  return fc.integer({ min: 0, max: DAYS }).map((offset) => addDays(FIRST_DAY, offset));
}

/** Offsets where `≤` and `<` differ (a millisecond either side, exactly on it), and minutes to hours around it. */
function offsetAround(maxMinutes: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(-1, 0, 1),
    fc.constantFrom(-HOUR, HOUR, -MINUTE, MINUTE),
    fc.integer({ min: -maxMinutes, max: maxMinutes }).map((minutes) => minutes * MINUTE),
  );
}

/** An instant at, just before or just after a reset of the calendar (a trading-day boundary, §1). */
export function instantAroundResetArbitrary(settings: TradingCalendarSettings, maxMinutes = 180): fc.Arbitrary<Date> {
  const calendar = new TradingCalendar(settings);
  return fc
    .tuple(tradingDayArbitrary(), offsetAround(maxMinutes))
    .map(([day, offset]) => new Date(calendar.startOf(day).getTime() + offset));
}

const transitionsByZone = new Map<string, readonly number[]>();

/**
 * The instants (epoch ms) between 2024 and 2030 at which the zone's UTC
 * offset changes, found from the zone's rules (a daily scan, then a search to
 * the minute): no clock is read. Empty for a zone without DST.
 */
export function dstChangesOf(timeZone: string): readonly number[] {
  const known = transitionsByZone.get(timeZone);
  if (known) return known;
  // The zone's UTC offset at an instant, as the zone's rules spell it ("-05:00").
  const offset = (ms: number) => formatInTimeZone(new Date(ms), timeZone, 'xxx');
  const changes: number[] = [];
  const end = Date.UTC(LAST_YEAR + 1, 0, 1);
  for (let day = Date.UTC(FIRST_YEAR, 0, 1); day < end; day += 24 * HOUR) {
    if (offset(day) === offset(day + 24 * HOUR)) continue;
    let low = day;
    let high = day + 24 * HOUR;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offset(middle) === offset(low)) low = middle;
      else high = middle;
    }
    changes.push(high);
  }
  transitionsByZone.set(timeZone, changes);
  return changes;
}

/**
 * An instant around a daylight-saving change of the calendar's zone (up to a
 * day and a half either side, where 23- and 25-hour trading days sit), or,
 * for a zone without DST, around a reset.
 */
export function instantAroundDstChangeArbitrary(settings: TradingCalendarSettings, maxMinutes = 36 * 60): fc.Arbitrary<Date> {
  const changes = dstChangesOf(settings.timeZone);
  if (changes.length === 0) return instantAroundResetArbitrary(settings, maxMinutes);
  return fc.tuple(fc.constantFrom(...changes), offsetAround(maxMinutes)).map(([change, offset]) => new Date(change + offset));
}
