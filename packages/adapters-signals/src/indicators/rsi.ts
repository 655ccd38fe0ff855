import { Decimal } from 'decimal.js';
import { assertPeriod } from './sma.js';

const HUNDRED = new Decimal(100);

/**
 * Wilder's relative strength index of the last close, 0..100: the first
 * average gain and loss are plain means over the first `period` changes, every
 * later change is folded in as (previous × (period − 1) + change) / period.
 * Needs `period + 1` closes.
 */
export function rsi(closes: readonly Decimal[], period = 14): Decimal {
  assertPeriod(period);
  if (closes.length < period + 1) {
    throw new RangeError(`RSI(${period}) needs ${period + 1} closes, got ${closes.length}`);
  }
  let averageGain = new Decimal(0);
  let averageLoss = new Decimal(0);
  for (let index = 1; index < closes.length; index++) {
    const change = (closes[index] as Decimal).minus(closes[index - 1] as Decimal);
    const gain = change.greaterThan(0) ? change : new Decimal(0);
    const loss = change.lessThan(0) ? change.negated() : new Decimal(0);
    if (index <= period) {
      averageGain = averageGain.plus(gain);
      averageLoss = averageLoss.plus(loss);
      if (index === period) {
        averageGain = averageGain.dividedBy(period);
        averageLoss = averageLoss.dividedBy(period);
      }
    } else {
      averageGain = averageGain.times(period - 1).plus(gain).dividedBy(period);
      averageLoss = averageLoss.times(period - 1).plus(loss).dividedBy(period);
    }
  }
  if (averageLoss.isZero()) {
    // No losses: fully overbought, unless nothing moved at all (no momentum either way).
    return averageGain.isZero() ? new Decimal(50) : HUNDRED;
  }
  const relativeStrength = averageGain.dividedBy(averageLoss);
  return HUNDRED.minus(HUNDRED.dividedBy(relativeStrength.plus(1)));
}
