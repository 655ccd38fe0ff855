import fc from 'fast-check';
import type { TradingCalendarSettings } from '../calendar/trading-calendar.js';

/**
 * Zones a firm calendar is likely to use, chosen for their daylight saving:
 * US and European changes on different weekends, a southern-hemisphere one
 * (Sydney moves the other way) and a zone without DST and with a half-hour
 * offset (Kolkata).
 */
export const FIRM_TIME_ZONES = ['America/New_York', 'Europe/London', 'Europe/Prague', 'Asia/Kolkata', 'Australia/Sydney'] as const;

/** The reset times firms use: 17:00 New York (00:00 on a GMT+2/+3 server) and midnight. */
export const COMMON_RESET_TIMES = ['17:00', '00:00', '22:00', '23:00', '05:00'] as const;

/**
 * Reset hours that exist exactly once on every day in every zone above: the
 * DST changes of those zones fall between 01:00 and 04:00 local time, where a
 * wall-clock time can be skipped or repeated, so a generated reset avoids them.
 */
const SAFE_RESET_HOURS = [0, ...Array.from({ length: 20 }, (_, index) => index + 4)];

/** A local reset time "HH:mm" on a quarter hour, outside the DST-change hours. */
export function resetTimeArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...COMMON_RESET_TIMES),
    fc
      .record({ hour: fc.constantFrom(...SAFE_RESET_HOURS), minute: fc.constantFrom(0, 15, 30, 45) })
      .map(({ hour, minute }) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`),
  );
}

/** Firm calendar settings (rule book §1): an IANA zone and a local reset time. */
export function firmCalendarArbitrary(
  fields: { readonly timeZone?: fc.Arbitrary<string>; readonly resetTime?: fc.Arbitrary<string> } = {},
): fc.Arbitrary<TradingCalendarSettings> {
  return fc.record({
    timeZone: fields.timeZone ?? fc.constantFrom(...FIRM_TIME_ZONES),
    resetTime: fields.resetTime ?? resetTimeArbitrary(),
  });
}
