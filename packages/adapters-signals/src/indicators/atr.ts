import { Decimal } from 'decimal.js';
import type { Candle } from '@tradesense/application';
import { assertPeriod } from './sma.js';

/** The bar's range widened to the previous close, so a gap counts as movement. */
export function trueRange(candle: Candle, previousClose: Decimal): Decimal {
  return Decimal.max(
    candle.high.minus(candle.low),
    candle.high.minus(previousClose).abs(),
    candle.low.minus(previousClose).abs(),
  );
}

/**
 * Wilder's average true range of the last candle. True ranges start at the
 * second candle (each needs a previous close); the first ATR is their plain
 * mean over `period`, later ones are smoothed as (previous × (period − 1) +
 * range) / period. Needs `period + 1` candles.
 */
export function atr(candles: readonly Candle[], period = 14): Decimal {
  assertPeriod(period);
  if (candles.length < period + 1) {
    throw new RangeError(`ATR(${period}) needs ${period + 1} candles, got ${candles.length}`);
  }
  let average = new Decimal(0);
  for (let index = 1; index < candles.length; index++) {
    const range = trueRange(candles[index] as Candle, (candles[index - 1] as Candle).close);
    if (index < period) {
      average = average.plus(range);
    } else if (index === period) {
      average = average.plus(range).dividedBy(period);
    } else {
      average = average.times(period - 1).plus(range).dividedBy(period);
    }
  }
  return average;
}
