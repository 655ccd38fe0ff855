import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import {
  addDays,
  addMonths,
  daysBetween,
  firstDayOfMonth,
  monthOfDate,
  parseLocalDate,
  type LocalDate,
  type LocalMonth,
} from './local-date.js';

const RESET_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface TradingCalendarSettings {
  /** IANA time zone, e.g. "America/New_York". */
  readonly timeZone: string;
  /** Local wall-clock time at which a trading day starts, "HH:mm". */
  readonly resetTime: string;
}

export const DEFAULT_CALENDAR_SETTINGS: TradingCalendarSettings = {
  timeZone: 'America/New_York',
  resetTime: '17:00',
};

/**
 * The firm's trading calendar: one IANA zone and one local reset time decide
 * every day boundary. A trading day is named after the local date that holds
 * most of its hours: with a reset in the afternoon or evening (17:00 New
 * York) the day that starts on Monday evening is "Tuesday", as on a GMT+2/+3
 * MetaTrader server clock; with a reset before noon (00:00 London) a day is
 * named after the date it starts on. Days are 23, 24 or 25 hours long: every
 * boundary is computed from the zone, never by adding 24 hours.
 */
export class TradingCalendar {
  readonly timeZone: string;
  readonly resetTime: string;
  private readonly resetHour: number;
  private readonly resetMinute: number;
  /** The day named D starts on local date D + startOffset at the reset time. */
  private readonly startOffset: -1 | 0;
  /**
   * Day starts already computed (epoch ms by day name). Zone arithmetic is the
   * costly part and the risk engine asks for the same few days on every tick;
   * the answers never change, so they are remembered (bounded).
   */
  private readonly starts = new Map<LocalDate, number>();
  /** The last day `tradingDayOf` found, with its bounds: most calls fall in it. */
  private lastDay: { day: LocalDate; start: number; end: number } | null = null;

  constructor(settings: TradingCalendarSettings = DEFAULT_CALENDAR_SETTINGS) {
    const match = RESET_TIME.exec(settings.resetTime);
    if (!match) throw new RangeError(`Reset time must be HH:mm, got ${settings.resetTime}`);
    assertTimeZone(settings.timeZone);
    this.timeZone = settings.timeZone;
    this.resetTime = settings.resetTime;
    this.resetHour = Number(match[1]);
    this.resetMinute = Number(match[2]);
    this.startOffset = this.resetHour >= 12 ? -1 : 0;
  }

  /** The instant the trading day named `day` starts. */
  startOf(day: LocalDate): Date {
    return new Date(this.startMs(day));
  }

  /** The instant the trading day ends (= the next day's start, exclusive). */
  endOf(day: LocalDate): Date {
    return this.startOf(addDays(day, 1));
  }

  /** Length of a trading day in hours (23, 24 or 25 across DST changes). */
  hoursIn(day: LocalDate): number {
    return (this.endOf(day).getTime() - this.startOf(day).getTime()) / 3_600_000;
  }

  /** The trading day an instant belongs to. */
  tradingDayOf(instant: Date): LocalDate {
    const t = instant.getTime();
    if (!Number.isFinite(t)) throw new RangeError('tradingDayOf needs a valid instant');
    const last = this.lastDay;
    if (last && last.start <= t && t < last.end) return last.day;
    const localDate = formatInTimeZone(instant, this.timeZone, 'yyyy-MM-dd');
    // The answer is the local date or one of its neighbours; pick the one whose
    // [start, end) holds the instant, which stays right on 23/25-hour days.
    for (const candidate of [addDays(localDate, -1), localDate, addDays(localDate, 1)]) {
      const start = this.startMs(candidate);
      const end = this.startMs(addDays(candidate, 1));
      if (start <= t && t < end) {
        this.lastDay = { day: candidate, start, end };
        return candidate;
      }
    }
    throw new Error(`No trading day holds ${instant.toISOString()} in ${this.timeZone}`);
  }

  /** The first reset strictly after `instant`. */
  nextReset(instant: Date): Date {
    return this.endOf(this.tradingDayOf(instant));
  }

  /** Resets r with from < r <= to, in order (the rollovers a clock move crosses). */
  resetsBetween(from: Date, to: Date): Date[] {
    const resets: Date[] = [];
    let next = this.nextReset(from);
    while (next <= to) {
      resets.push(next);
      next = this.nextReset(next);
    }
    return resets;
  }

  /** Trading days from the day of `from` to the day of `to` (0 when the same day). */
  tradingDaysBetween(from: Date, to: Date): number {
    return daysBetween(this.tradingDayOf(from), this.tradingDayOf(to));
  }

  /** The calendar month (of trading days) an instant belongs to. */
  monthOf(instant: Date): LocalMonth {
    return monthOfDate(this.tradingDayOf(instant));
  }

  /** A month starts at the reset instant that opens the trading day named the 1st. */
  startOfMonth(month: LocalMonth): Date {
    return this.startOf(firstDayOfMonth(month));
  }

  endOfMonth(month: LocalMonth): Date {
    return this.startOfMonth(addMonths(month, 1));
  }

  settings(): TradingCalendarSettings {
    return { timeZone: this.timeZone, resetTime: this.resetTime };
  }

  private startMs(day: LocalDate): number {
    let start = this.starts.get(day);
    if (start === undefined) {
      const startDate = addDays(parseLocalDate(day), this.startOffset);
      start = fromZonedTime(`${startDate}T${this.resetTime}:00`, this.timeZone).getTime();
      if (this.starts.size >= 4096) this.starts.clear();
      this.starts.set(day, start);
    }
    return start;
  }
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new RangeError(`Unknown IANA time zone: ${timeZone}`);
  }
}
