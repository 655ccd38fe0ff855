import { Decimal } from 'decimal.js';

/** Simple moving average of the last `period` values. */
export function sma(values: readonly Decimal[], period: number): Decimal {
  assertPeriod(period);
  if (values.length < period) {
    throw new RangeError(`SMA(${period}) needs ${period} values, got ${values.length}`);
  }
  return Decimal.sum(...values.slice(values.length - period)).dividedBy(period);
}

export function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`A period must be a positive integer, got ${period}`);
}
