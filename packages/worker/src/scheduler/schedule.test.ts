import { TradingCalendar } from '@tradesense/domain';
import { describe, expect, it } from 'vitest';
import { atEachMonthStart, atEachReset, every } from './schedule.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('schedules', () => {
  it('aligns intervals to the epoch so every worker agrees', () => {
    expect(iso(every(60_000).dueBetween(new Date('2026-11-02T10:00:30Z'), new Date('2026-11-02T10:02:00Z')))).toEqual([
      '2026-11-02T10:01:00.000Z',
      '2026-11-02T10:02:00.000Z',
    ]);
  });

  it('follows the firm calendar resets across the DST change', () => {
    const calendar = new TradingCalendar();
    expect(iso(atEachReset(calendar).dueBetween(new Date('2026-10-30T12:00:00Z'), new Date('2026-11-02T23:00:00Z')))).toEqual([
      '2026-10-30T21:00:00.000Z',
      '2026-10-31T21:00:00.000Z',
      '2026-11-01T22:00:00.000Z',
      '2026-11-02T22:00:00.000Z',
    ]);
  });

  it('fires at the reset opening each month', () => {
    const calendar = new TradingCalendar();
    expect(iso(atEachMonthStart(calendar).dueBetween(new Date('2026-09-15T00:00:00Z'), new Date('2026-11-15T00:00:00Z')))).toEqual([
      '2026-09-30T21:00:00.000Z',
      '2026-10-31T21:00:00.000Z',
    ]);
  });
});
