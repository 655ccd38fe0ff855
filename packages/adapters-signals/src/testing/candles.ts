import { Decimal } from 'decimal.js';
import type { Candle } from '@tradesense/application';

const START = Date.UTC(2025, 2, 3, 0, 0, 0);
const HOUR = 3_600_000;

/** An hourly candle from decimal strings: [high, low, close]; the open is the close of the bar before. */
export function candlesFromBars(bars: readonly (readonly [high: string, low: string, close: string])[]): Candle[] {
  return bars.map(([high, low, close], index) => ({
    time: new Date(START + index * HOUR),
    open: new Decimal(index === 0 ? close : (bars[index - 1]?.[2] ?? close)),
    high: new Decimal(high),
    low: new Decimal(low),
    close: new Decimal(close),
  }));
}

/**
 * Hourly candles whose high and low sit 0.5 above and below the close. While
 * no close moves by more than 0.5, every true range is exactly 1, so ATR = 1.
 */
export function candlesFromCloses(closes: readonly Decimal[]): Candle[] {
  return candlesFromBars(closes.map((close) => [close.plus('0.5').toString(), close.minus('0.5').toString(), close.toString()]));
}

/** Closes from a start and a repeating pattern of changes, e.g. (+0.4, −0.2). */
export function closesFrom(start: string, pattern: readonly string[], count: number): Decimal[] {
  const closes = [new Decimal(start)];
  for (let index = 1; index < count; index++) {
    closes.push((closes[index - 1] as Decimal).plus(pattern[(index - 1) % pattern.length] as string));
  }
  return closes;
}
