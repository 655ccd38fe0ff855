import { describe, expect, it } from 'vitest';
import { TradingCalendar } from './trading-calendar.js';

const ny = new TradingCalendar({ timeZone: 'America/New_York', resetTime: '17:00' });
const london = new TradingCalendar({ timeZone: 'Europe/London', resetTime: '00:00' });

describe('TradingCalendar (America/New_York 17:00)', () => {
  it('names a day after the MetaTrader server date it covers', () => {
    // Monday 2026-01-05 17:00 EST = 22:00Z starts the trading day "2026-01-06".
    expect(ny.tradingDayOf(new Date('2026-01-05T21:59:59.999Z'))).toBe('2026-01-05');
    expect(ny.tradingDayOf(new Date('2026-01-05T22:00:00Z'))).toBe('2026-01-06');
    expect(ny.startOf('2026-01-06').toISOString()).toBe('2026-01-05T22:00:00.000Z');
  });

  it('has a 23-hour day across the spring change (2026-03-08)', () => {
    // Sat 17:00 EST (22:00Z) → Sun 17:00 EDT (21:00Z).
    expect(ny.startOf('2026-03-08').toISOString()).toBe('2026-03-07T22:00:00.000Z');
    expect(ny.endOf('2026-03-08').toISOString()).toBe('2026-03-08T21:00:00.000Z');
    expect(ny.hoursIn('2026-03-08')).toBe(23);
    expect(ny.hoursIn('2026-03-09')).toBe(24);
    expect(ny.tradingDayOf(new Date('2026-03-08T20:59:59Z'))).toBe('2026-03-08');
    expect(ny.tradingDayOf(new Date('2026-03-08T21:00:00Z'))).toBe('2026-03-09');
  });

  it('has a 25-hour day across the autumn change (2026-11-01)', () => {
    // Sat 17:00 EDT (21:00Z) → Sun 17:00 EST (22:00Z).
    expect(ny.startOf('2026-11-01').toISOString()).toBe('2026-10-31T21:00:00.000Z');
    expect(ny.endOf('2026-11-01').toISOString()).toBe('2026-11-01T22:00:00.000Z');
    expect(ny.hoursIn('2026-11-01')).toBe(25);
    expect(ny.tradingDayOf(new Date('2026-11-01T21:30:00Z'))).toBe('2026-11-01');
    expect(ny.nextReset(new Date('2026-11-01T05:00:00Z')).toISOString()).toBe('2026-11-01T22:00:00.000Z');
  });

  it('starts months at the reset that opens the 1st', () => {
    expect(ny.startOfMonth('2026-03').toISOString()).toBe('2026-02-28T22:00:00.000Z');
    expect(ny.monthOf(new Date('2026-02-28T22:00:00Z'))).toBe('2026-03');
    expect(ny.monthOf(new Date('2026-02-28T21:59:59Z'))).toBe('2026-02');
  });

  it('lists the resets a clock move crosses', () => {
    const resets = ny.resetsBetween(new Date('2026-03-06T12:00:00Z'), new Date('2026-03-09T21:00:00Z'));
    expect(resets.map((r) => r.toISOString())).toEqual([
      '2026-03-06T22:00:00.000Z',
      '2026-03-07T22:00:00.000Z',
      '2026-03-08T21:00:00.000Z',
      '2026-03-09T21:00:00.000Z',
    ]);
  });
});

describe('TradingCalendar (Europe/London 00:00)', () => {
  it('has a 23-hour day on 2026-03-29 and a 25-hour day on 2026-10-25', () => {
    expect(london.startOf('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(london.endOf('2026-03-29').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(london.hoursIn('2026-03-29')).toBe(23);
    expect(london.hoursIn('2026-10-25')).toBe(25);
    expect(london.tradingDayOf(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('around the US changes (2026-03-08, 2026-11-01) London days stay 24 hours', () => {
    expect(london.hoursIn('2026-03-08')).toBe(24);
    expect(london.hoursIn('2026-11-01')).toBe(24);
    expect(london.tradingDayOf(new Date('2026-03-08T00:00:00Z'))).toBe('2026-03-08');
    expect(london.tradingDayOf(new Date('2026-03-07T23:59:59Z'))).toBe('2026-03-07');
    // In summer London midnight is 23:00Z the evening before.
    expect(london.tradingDayOf(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
  });

  it('rejects unknown zones and malformed reset times', () => {
    expect(() => new TradingCalendar({ timeZone: 'Mars/Olympus', resetTime: '00:00' })).toThrow(RangeError);
    expect(() => new TradingCalendar({ timeZone: 'UTC', resetTime: '24:00' })).toThrow(RangeError);
  });
});

describe('TradingCalendar day counts across DST (default calendar)', () => {
  it('counts the 23- and 25-hour days as one day each', () => {
    // Friday 2026-03-06 12:00 New York to Monday 2026-03-09 12:00: three resets, three days.
    expect(ny.tradingDaysBetween(new Date('2026-03-06T17:00:00Z'), new Date('2026-03-09T16:00:00Z'))).toBe(3);
    expect(ny.tradingDaysBetween(new Date('2026-10-30T16:00:00Z'), new Date('2026-11-02T17:00:00Z'))).toBe(3);
    expect(ny.hoursIn('2026-10-31')).toBe(24);
    expect(ny.hoursIn('2026-11-02')).toBe(24);
  });

  it('assigns instants on both sides of the 2026-11-01 reset, an hour later in UTC than the day before', () => {
    expect(ny.tradingDayOf(new Date('2026-10-31T20:59:59Z'))).toBe('2026-10-31');
    expect(ny.tradingDayOf(new Date('2026-10-31T21:00:00Z'))).toBe('2026-11-01');
    expect(ny.tradingDayOf(new Date('2026-11-01T21:59:59Z'))).toBe('2026-11-01');
    expect(ny.tradingDayOf(new Date('2026-11-01T22:00:00Z'))).toBe('2026-11-02');
  });

  it('keeps London midnight days across its own changes', () => {
    expect(london.tradingDayOf(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29');
    expect(london.tradingDayOf(new Date('2026-03-29T23:00:00Z'))).toBe('2026-03-30');
    expect(london.tradingDayOf(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25');
    expect(london.tradingDayOf(new Date('2026-10-26T00:00:00Z'))).toBe('2026-10-26');
    expect(london.startOfMonth('2026-11').toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });
});
