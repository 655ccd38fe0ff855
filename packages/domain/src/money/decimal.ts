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
