import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { Weekday } from '@tradesense/application';

/** The firm's day boundary: an IANA zone and a local reset time ("17:00"). */
export interface TradingDayReset {
  readonly timeZone: string;
  readonly resetTime: string;
}

export const NEW_YORK_5PM: TradingDayReset = { timeZone: 'America/New_York', resetTime: '17:00' };

/**
 * The weekday of the trading day that ends at `rolloverAt`: the local date just
 * before the boundary. With a 17:00 New York reset that is the MetaTrader
 * server's date (GMT+2/+3), so Wednesday's rollover is 17:00 New York Wednesday.
 */
export function endingTradingDayWeekday(rolloverAt: Date, reset: TradingDayReset): Weekday {
  const iso = Number(formatInTimeZone(new Date(rolloverAt.getTime() - 1), reset.timeZone, 'i'));
  return (iso % 7) as Weekday;
}

/** The first reset instant strictly after `instant` (23 or 25 hours apart across DST). */
export function nextResetAfter(instant: Date, reset: TradingDayReset): Date {
  let localDate = formatInTimeZone(instant, reset.timeZone, 'yyyy-MM-dd');
  for (;;) {
    const candidate = fromZonedTime(`${localDate}T${reset.resetTime}:00`, reset.timeZone);
    if (candidate.getTime() > instant.getTime()) return candidate;
    localDate = nextCalendarDate(localDate);
  }
}

const nextCalendarDate = (isoDate: string): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
