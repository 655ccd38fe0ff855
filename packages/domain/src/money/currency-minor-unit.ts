import { Decimal } from './decimal.js';

// ISO 4217 minor-unit exponents that differ from the usual two.
const ZERO_DECIMAL = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Decimals of the currency's minor unit: 2 for USD and INR (cents, paise), 0 for JPY, 3 for KWD. */
export function currencyMinorUnit(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** Rounded half-up (away from zero on .5) to the currency's minor unit: what a provider can collect. */
export function roundToMinorUnit(amount: Decimal, currency: string): Decimal {
  return amount.toDecimalPlaces(currencyMinorUnit(currency), Decimal.ROUND_HALF_UP);
}

/** The amount spelt with exactly the currency's minor-unit digits: "49420.47" INR, "1200" JPY, "1.250" KWD. */
export function toMinorUnitString(amount: Decimal, currency: string): string {
  return amount.toFixed(currencyMinorUnit(currency), Decimal.ROUND_HALF_UP);
}
