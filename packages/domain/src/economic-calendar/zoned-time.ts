import { formatInTimeZone, getTimezoneOffset } from 'date-fns-tz';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { EconomicCalendarErrorCode } from './economic-calendar-errors.js';

/** A wall-clock time without a zone, "YYYY-MM-DDTHH:mm" or "YYYY-MM-DDTHH:mm:ss". */
export type LocalDateTime = string & { readonly __brand?: 'LocalDateTime' };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const HOUR = 3_600_000;

/** ok when the zone is a time zone the runtime's IANA database knows ("UTC" included). */
export function parseTimeZone(value: string): Result<string> {
  const zone = value.trim();
  // Offsets like "+02:00" are not zones: they carry no DST rules, so a re-export would be wrong half the year.
  if (zone === '' || /^[+-]/.test(zone)) return err(invalidZone(value));
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // Intl accepts any case; the canonical spelling is what gets stored and shown.
    return ok(resolved);
  } catch {
    return err(invalidZone(value));
  }
}

function invalidZone(value: string) {
  return domainError(EconomicCalendarErrorCode.INVALID_TIME_ZONE, `Not an IANA time zone: ${value}`, { value });
}

/** The wall-clock time the instant shows in the zone, to the second: "2026-03-06T08:30:00". */
export function wallTimeOf(instant: Date, timeZone: string): LocalDateTime {
  return formatInTimeZone(instant, timeZone, "yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * The instant a local wall-clock time in an IANA zone names, DST-correct:
 * - a time the spring change skips (02:30 New York on 2026-03-08) names no
 *   instant and is refused (`ECONOMIC_CALENDAR.NONEXISTENT_LOCAL_TIME`): a
 *   publisher never schedules a release at a time that does not exist, so it
 *   is a typing mistake;
 * - a time the autumn change repeats (01:30 New York on 2026-11-01) names the
 *   first of its two instants, the one before the clocks go back.
 * The candidates are the local time read with the zone's offset a day before
 * and a day after, so the answer does not depend on how a library resolves
 * the ambiguous hour.
 */
export function instantOfWallTime(localTime: string, timeZone: string): Result<Date> {
  const match = LOCAL_DATE_TIME.exec(localTime.trim());
  if (!match) {
    return err(domainError(EconomicCalendarErrorCode.INVALID_LOCAL_TIME, `Not a local date-time (YYYY-MM-DDTHH:mm): ${localTime}`, { value: localTime }));
  }
  const [, y, mo, d, h, mi, s] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}`;
  // Date.UTC rolls 2026-02-30 over to March; a real calendar date reads back the same.
  if (new Date(asUtc).toISOString().slice(0, 19) !== wall) {
    return err(domainError(EconomicCalendarErrorCode.INVALID_LOCAL_TIME, `Not a real calendar date-time: ${localTime}`, { value: localTime }));
  }
  const zone = parseTimeZone(timeZone);
  if (!zone.ok) return zone;
  const offsets = new Set([getTimezoneOffset(zone.value, new Date(asUtc - 24 * HOUR)), getTimezoneOffset(zone.value, new Date(asUtc + 24 * HOUR))]);
  const matching = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((candidate) => wallTimeOf(new Date(candidate), zone.value) === wall)
    .sort((a, b) => a - b);
  if (matching.length === 0) {
    return err(
      domainError(EconomicCalendarErrorCode.NONEXISTENT_LOCAL_TIME, `${wall} does not exist in ${zone.value}: the clocks skip it`, {
        localTime: wall,
        timeZone: zone.value,
      }),
    );
  }
  return ok(new Date(matching[0]!));
}
