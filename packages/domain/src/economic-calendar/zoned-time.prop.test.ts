import { getTimezoneOffset } from 'date-fns-tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOfWallTime, wallTimeOf } from './zoned-time.js';

// Zones with DST changes on different dates and at different hours, one with a 30-minute change, and two without.
const zones = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Tokyo', 'UTC'];
// Whole seconds from 2025 to 2028: every change of those years, both directions.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2028, 0, 1) / 1000 }).map((s) => new Date(s * 1000));
// Instants at most two hours around a change, where the round trip can go wrong.
const nearChange = fc
  .tuple(
    fc.constantFrom(
      Date.UTC(2026, 2, 8, 7), // New York, spring
      Date.UTC(2026, 10, 1, 6), // New York, autumn
      Date.UTC(2026, 2, 29, 1), // London and Berlin, spring
      Date.UTC(2026, 9, 25, 1), // London and Berlin, autumn
      Date.UTC(2026, 3, 4, 16), // Sydney, autumn (April)
      Date.UTC(2026, 9, 3, 16), // Sydney, spring (October)
    ),
    fc.integer({ min: -7200, max: 7200 }),
  )
  .map(([change, seconds]) => new Date(change + seconds * 1000));

describe('local wall time ↔ instant', () => {
  it('gives back the instant, or the first instant of a repeated hour showing the same wall time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.oneof(instant, nearChange), (zone, at) => {
        const wall = wallTimeOf(at, zone);
        const back = instantOfWallTime(wall, zone);
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(wallTimeOf(back.value, zone)).toBe(wall);
        if (back.value.getTime() !== at.getTime()) {
          // Only in the hour the clocks go back: the same wall time an hour (30 minutes on Lord Howe) earlier.
          expect([3_600_000, 1_800_000]).toContain(at.getTime() - back.value.getTime());
        }
      }),
    );
  });

  it('names an instant for every wall time outside a skipped hour, and shows it as that wall time', () => {
    const wallTime = fc
      .tuple(fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: 0, max: 24 * 60 - 1 }))
      .map(([day, minute]) => {
        const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        return `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
      });
    fc.assert(
      fc.property(fc.constantFrom(...zones), wallTime, (zone, wall) => {
        const at = instantOfWallTime(wall, zone);
        if (at.ok) expect(wallTimeOf(at.value, zone)).toBe(wall);
        else {
          expect(at.error.code).toBe('ECONOMIC_CALENDAR.NONEXISTENT_LOCAL_TIME');
          // Only near a change: the zone's offset a day before differs from a day after.
          const guess = Date.parse(`${wall}Z`);
          expect(getTimezoneOffset(zone, new Date(guess - 86_400_000))).not.toBe(getTimezoneOffset(zone, new Date(guess + 86_400_000)));
        }
      }),
    );
  });
});
