import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from './local-date.js';
import { TradingCalendar } from './trading-calendar.js';

const calendars = [
  new TradingCalendar({ timeZone: 'America/New_York', resetTime: '17:00' }),
  new TradingCalendar({ timeZone: 'Europe/London', resetTime: '00:00' }),
  new TradingCalendar({ timeZone: 'Asia/Kolkata', resetTime: '05:30' }),
  new TradingCalendar({ timeZone: 'Australia/Sydney', resetTime: '08:00' }),
];
const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) })
  .map((ms) => new Date(ms));

describe('TradingCalendar properties', () => {
  it('puts every instant in exactly one trading day of 23, 24 or 25 hours', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, (calendar, at) => {
        const day = calendar.tradingDayOf(at);
        expect(calendar.startOf(day).getTime()).toBeLessThanOrEqual(at.getTime());
        expect(calendar.endOf(day).getTime()).toBeGreaterThan(at.getTime());
        expect([23, 24, 25]).toContain(calendar.hoursIn(day));
        expect(calendar.tradingDayOf(calendar.startOf(day))).toBe(day);
        expect(calendar.tradingDayOf(new Date(calendar.endOf(day).getTime() - 1))).toBe(day);
      }),
    );
  });

  it('gives the next reset strictly after an instant, opening the next day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, (calendar, at) => {
        const next = calendar.nextReset(at);
        expect(next.getTime()).toBeGreaterThan(at.getTime());
        expect(calendar.tradingDayOf(next)).toBe(addDays(calendar.tradingDayOf(at), 1));
      }),
    );
  });

  it('counts trading days between instants as whole day names, whatever the hours in between', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, instant, (calendar, a, b) => {
        const count = calendar.tradingDaysBetween(a, b);
        expect(count).toBe(daysBetween(calendar.tradingDayOf(a), calendar.tradingDayOf(b)));
        if (a <= b) expect(calendar.resetsBetween(a, b)).toHaveLength(count);
      }),
      { numRuns: 60 },
    );
  });

  it('starts a month at the reset that opens its 1st day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calendars), instant, (calendar, at) => {
        const month = calendar.monthOf(at);
        expect(calendar.startOfMonth(month).getTime()).toBeLessThanOrEqual(at.getTime());
        expect(calendar.endOfMonth(month).getTime()).toBeGreaterThan(at.getTime());
      }),
    );
  });
});
