import { Money, tryDecimal, type Decimal } from '@tradesense/domain';

/** Reads an amount that arrives as text from outside; null when it is not an exact decimal. */
export function parseAmount(value: string | undefined | null): Decimal | null {
  if (value === undefined || value === null) return null;
  return tryDecimal(value);
}

/** Money from outside, or null when the text is not an amount or the currency is malformed. */
export function parseMoney(value: string, currency: string): Money | null {
  const amount = tryDecimal(value);
  if (amount === null) return null;
  try {
    return Money.of(amount, currency);
  } catch {
    return null;
  }
}
