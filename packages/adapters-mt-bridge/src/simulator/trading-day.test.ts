import { describe, expect, it } from 'vitest';
import { endingTradingDayWeekday, NEW_YORK_5PM, nextResetAfter } from './trading-day.js';

describe('trading day reset (America/New_York 17:00)', () => {
  it('finds the next reset, 23 or 25 hours apart across daylight saving changes', () => {
    expect(nextResetAfter(new Date('2024-06-11T12:00:00Z'), NEW_YORK_5PM).toISOString()).toBe('2024-06-11T21:00:00.000Z');
    expect(nextResetAfter(new Date('2024-06-11T21:00:00Z'), NEW_YORK_5PM).toISOString()).toBe('2024-06-12T21:00:00.000Z');
    // US DST starts on Sunday 10 March 2024: 17:00 EST on the 9th, 17:00 EDT on the 10th.
    const saturday = nextResetAfter(new Date('2024-03-09T12:00:00Z'), NEW_YORK_5PM);
    expect(saturday.toISOString()).toBe('2024-03-09T22:00:00.000Z');
    expect(nextResetAfter(saturday, NEW_YORK_5PM).getTime() - saturday.getTime()).toBe(23 * 3_600_000);
    const november = nextResetAfter(new Date('2024-11-02T12:00:00Z'), NEW_YORK_5PM);
    expect(nextResetAfter(november, NEW_YORK_5PM).getTime() - november.getTime()).toBe(25 * 3_600_000);
  });

  it('names the trading day that a rollover closes by its New York date', () => {
    expect(endingTradingDayWeekday(new Date('2024-06-12T21:00:00Z'), NEW_YORK_5PM)).toBe(3);
    expect(endingTradingDayWeekday(new Date('2024-01-10T22:00:00Z'), NEW_YORK_5PM)).toBe(3);
    expect(endingTradingDayWeekday(new Date('2024-06-15T21:00:00Z'), NEW_YORK_5PM)).toBe(6);
  });
});
