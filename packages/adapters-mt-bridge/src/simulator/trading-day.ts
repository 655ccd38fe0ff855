import type { Weekday } from '@tradesense/application';
import { TradingCalendar, weekdayOf } from '@tradesense/domain';

/** The firm's day boundary: an IANA zone and a local reset time ("17:00"). */
export interface TradingDayReset {
  readonly timeZone: string;
  readonly resetTime: string;
}

export const NEW_YORK_5PM: TradingDayReset = { timeZone: 'America/New_York', resetTime: '17:00' };

const calendars = new Map<string, TradingCalendar>();

/** One calendar per setting: the domain's calendar caches its day boundaries. */
function calendarOf(reset: TradingDayReset): TradingCalendar {
  const key = `${reset.timeZone} ${reset.resetTime}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new TradingCalendar(reset);
    calendars.set(key, calendar);
  }
  return calendar;
}

/**
 * The weekday of the trading day that ends at `rolloverAt`. With a 17:00 New
 * York reset that is the MetaTrader server's date (GMT+2/+3), so Wednesday's
 * rollover is 17:00 New York Wednesday.
 */
export function endingTradingDayWeekday(rolloverAt: Date, reset: TradingDayReset): Weekday {
  return weekdayOf(calendarOf(reset).tradingDayOf(new Date(rolloverAt.getTime() - 1))) as Weekday;
}

/** The first reset instant strictly after `instant` (23 or 25 hours apart across DST). */
export function nextResetAfter(instant: Date, reset: TradingDayReset): Date {
  return calendarOf(reset).nextReset(instant);
}
