import { weekdayOf, type TradingCalendar } from '@tradesense/domain';

/**
 * When a job is due. Due times are absolute instants every worker computes
 * identically (aligned to the epoch or to the firm calendar), so "run once per
 * due time" can be enforced by claiming (job, due time).
 */
export interface Schedule {
  /** The due times d with after < d <= until, oldest first. */
  dueBetween(after: Date, until: Date): Date[];
  /** How many missed due times to catch up after downtime (the rest are skipped). */
  readonly catchUp: number;
}

/** Every `ms` milliseconds, aligned to the Unix epoch; only the latest missed run is caught up. */
export function every(ms: number): Schedule {
  if (!(ms > 0)) throw new RangeError('interval must be positive');
  return {
    catchUp: 1,
    dueBetween(after, until) {
      const due: Date[] = [];
      let next = Math.floor(after.getTime() / ms) * ms + ms;
      while (next <= until.getTime()) {
        due.push(new Date(next));
        next += ms;
      }
      return due;
    },
  };
}

/**
 * At each reset of the firm's trading calendar (23-, 24- or 25-hour days).
 * Missed resets are all caught up: each closes a trading day.
 */
export function atEachReset(calendar: TradingCalendar, catchUp = 31): Schedule {
  return { catchUp, dueBetween: (after, until) => calendar.resetsBetween(after, until) };
}

/** At the reset that opens each calendar month of the firm calendar. */
export function atEachMonthStart(calendar: TradingCalendar): Schedule {
  return {
    catchUp: 1,
    dueBetween(after, until) {
      const due: Date[] = [];
      let month = calendar.monthOf(after);
      for (;;) {
        const start = calendar.endOfMonth(month);
        if (start > until) break;
        if (start > after) due.push(start);
        month = calendar.monthOf(start);
      }
      return due;
    },
  };
}

/**
 * The same due instants shifted later by `ms` (a job that must see what other
 * components write right at the boundary first). The job gets the shifted
 * instant; subtract `ms` to recover the boundary.
 */
export function delayed(schedule: Schedule, ms: number): Schedule {
  return {
    catchUp: schedule.catchUp,
    dueBetween: (after, until) =>
      schedule.dueBetween(new Date(after.getTime() - ms), new Date(until.getTime() - ms)).map((d) => new Date(d.getTime() + ms)),
  };
}

/**
 * Every `stepMs` in the `windowMs` up to and including each reset that opens
 * a trading day named `weekday` (0 Sunday … 6 Saturday), aligned to that
 * reset. Only the latest missed run is caught up.
 */
export function beforeResetsOpening(calendar: TradingCalendar, weekday: number, windowMs: number, stepMs: number): Schedule {
  if (!(stepMs > 0) || !(windowMs >= 0)) throw new RangeError('step must be positive and window not negative');
  return {
    catchUp: 1,
    dueBetween(after, until) {
      const due: Date[] = [];
      for (const reset of calendar.resetsBetween(after, new Date(until.getTime() + windowMs))) {
        if (weekdayOf(calendar.tradingDayOf(reset)) !== weekday) continue;
        for (let offset = Math.floor(windowMs / stepMs) * stepMs; offset >= 0; offset -= stepMs) {
          const at = reset.getTime() - offset;
          if (at > after.getTime() && at <= until.getTime()) due.push(new Date(at));
        }
      }
      return due;
    },
  };
}
