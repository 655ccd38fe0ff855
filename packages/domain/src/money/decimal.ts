import { Decimal } from 'decimal.js';

export { Decimal };

/** Anything a caller may hand in as an exact amount. Numbers are accepted only
 * as literals in code and tests; money from outside arrives as strings. */
export type DecimalInput = Decimal | string | number;

export const dec = (value: DecimalInput): Decimal => (value instanceof Decimal ? value : new Decimal(value));

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

export const maxDecimal = (a: Decimal, b: Decimal): Decimal => (a.greaterThanOrEqualTo(b) ? a : b);
export const minDecimal = (a: Decimal, b: Decimal): Decimal => (a.lessThanOrEqualTo(b) ? a : b);

/** Parses an exact decimal from text or a finite number; null when it is not one. */
export function tryDecimal(value: unknown): Decimal | null {
  if (value instanceof Decimal) return value.isFinite() ? value : null;
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value !== 'string' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) return null;
  return new Decimal(value.trim());
}

/** An amount as stored and shown: cent-rounded half-up, e.g. "95000.00". */
export const toCents = (value: Decimal): string => value.toFixed(2, Decimal.ROUND_HALF_UP);

/** Cent rounding half-up, the booking rule for every amount. */
export const roundToCents = (value: Decimal): Decimal => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
