import { getTimezoneOffset } from 'date-fns-tz';

/**
 * MT5 stamps deals and ticks in the server's own wall-clock time, counted as
 * if it were UTC. Brokers usually run GMT+2/+3 following New York's daylight
 * saving, i.e. `America/New_York` shifted by 7 hours; a fixed offset is
 * `UTC` plus a shift.
 */
export interface ServerTimeZone {
  readonly timeZone: string;
  readonly shiftHours: number;
}

export const UTC_SERVER: ServerTimeZone = { timeZone: 'UTC', shiftHours: 0 };

const offsetMs = (zone: ServerTimeZone, instant: number): number =>
  getTimezoneOffset(zone.timeZone, new Date(instant)) + zone.shiftHours * 3_600_000;

/** Server wall-clock milliseconds → the real instant. */
export function fromServerTime(zone: ServerTimeZone, serverMs: number): Date {
  // The offset depends on the instant being found; two passes settle it except
  // inside the skipped hour of a DST change, where the later reading wins.
  let instant = serverMs - offsetMs(zone, serverMs);
  instant = serverMs - offsetMs(zone, instant);
  return new Date(instant);
}

/** The real instant → server wall-clock milliseconds. */
export const toServerTime = (zone: ServerTimeZone, instant: Date): number => instant.getTime() + offsetMs(zone, instant.getTime());

export const toServerSeconds = (zone: ServerTimeZone, instant: Date): number => Math.floor(toServerTime(zone, instant) / 1_000);
