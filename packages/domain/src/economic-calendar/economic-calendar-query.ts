import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { EconomicCalendarErrorCode } from './economic-calendar-errors.js';
import type { CurrencyCode, EconomicEvent } from './economic-event.js';

/** An interval of instants, both ends included. */
export interface CalendarWindow {
  readonly from: Date;
  readonly to: Date;
}

/** The longest window one read may span: a calendar is read by the week or the month, never all at once. */
export const MAX_CALENDAR_WINDOW_DAYS = 366;

/** ok when `from` ≤ `to`, both valid, at most MAX_CALENDAR_WINDOW_DAYS apart. */
export function parseCalendarWindow(from: Date, to: Date): Result<CalendarWindow> {
  const span = to.getTime() - from.getTime();
  if (!Number.isFinite(span) || span < 0 || span > MAX_CALENDAR_WINDOW_DAYS * 86_400_000) {
    return err(
      domainError(EconomicCalendarErrorCode.INVALID_WINDOW, `The window must run forwards and span at most ${MAX_CALENDAR_WINDOW_DAYS} days`, {
        from: Number.isFinite(from.getTime()) ? from.toISOString() : null,
        to: Number.isFinite(to.getTime()) ? to.toISOString() : null,
      }),
    );
  }
  return ok({ from, to });
}

/** Events in time order; releases of one instant by currency, then uid, so every reader lists them alike. */
export function byEventTime(a: EconomicEvent, b: EconomicEvent): number {
  return a.at.getTime() - b.at.getTime() || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0) || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
}

/**
 * The high-impact events that happen inside [from, to] (both ends included,
 * like a news window) in one of `currencies`, in time order. `currencies`
 * null means every currency. Low- and medium-impact releases never count.
 */
export function highImpactEventsTouching(
  events: readonly EconomicEvent[],
  window: CalendarWindow,
  currencies: readonly CurrencyCode[] | null,
): EconomicEvent[] {
  const wanted = currencies === null ? null : new Set(currencies.map((currency) => currency.toUpperCase()));
  const from = window.from.getTime();
  const to = window.to.getTime();
  return events
    .filter((event) => event.impact === 'high' && (wanted === null || wanted.has(event.currency)))
    .filter((event) => from <= event.at.getTime() && event.at.getTime() <= to)
    .sort(byEventTime);
}
