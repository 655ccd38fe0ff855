import type { Decimal } from 'decimal.js';

/** Powers of ten that a double holds exactly (10^0 … 10^22). */
const EXACT_POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const MAX_EXACT_INTEGER = 2 ** 53;
const WORD = 1e7;

/**
 * The double nearest to a Decimal, without going through a string: the risk
 * engine converts every tick's prices and must not allocate per tick.
 *
 * decimal.js keeps a finite value as base-10^7 words `d` and the decimal
 * exponent `e` of the leading digit. When the words form an integer below
 * 2^53 and the remaining power of ten is at most 22 (prices and amounts in
 * practice), one multiplication or division of two exactly representable
 * doubles gives the correctly rounded result (Clinger's fast path), which is
 * what `Number(x.toString())` returns. Anything else takes that slow path.
 */
export function decimalToFloat(value: Decimal): number {
  const words = value.d;
  if (!words || words.length === 0) return value.toNumber();
  const lead = words[0]!;
  let mantissa = lead;
  for (let i = 1; i < words.length; i += 1) {
    mantissa = mantissa * WORD + words[i]!;
    if (mantissa >= MAX_EXACT_INTEGER) return value.toNumber();
  }
  const exponent = value.e - (digitCount(lead) - 1) - 7 * (words.length - 1);
  if (exponent > 22 || exponent < -22) return value.toNumber();
  const magnitude =
    exponent >= 0 ? mantissa * EXACT_POWERS_OF_TEN[exponent]! : mantissa / EXACT_POWERS_OF_TEN[-exponent]!;
  return value.s < 0 ? -magnitude : magnitude;
}

function digitCount(word: number): number {
  if (word < 10) return 1;
  if (word < 100) return 2;
  if (word < 1_000) return 3;
  if (word < 10_000) return 4;
  if (word < 100_000) return 5;
  if (word < 1_000_000) return 6;
  return 7;
}
