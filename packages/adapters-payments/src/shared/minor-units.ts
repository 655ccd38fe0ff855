import { PaymentGatewayError } from '@tradesense/application';
import { currencyMinorUnit } from '@tradesense/domain';
import { Decimal } from 'decimal.js';

/** Number of decimals of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD): the domain's table, so orders are charged in what providers take. */
export const currencyExponent = (currency: string): number => currencyMinorUnit(currency);

/**
 * Major units to the integer count of minor units providers expect (cents,
 * paise). An amount finer than the currency's minor unit is refused rather
 * than rounded: the order total was booked, so extra digits are a bug.
 */
export function toMinorUnits(amount: Decimal, currency: string): number {
  const exponent = currencyExponent(currency);
  if (!amount.isFinite() || amount.isNegative() || amount.decimalPlaces() > exponent) {
    throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', `Not a valid ${currency} amount: ${amount.toString()}`, {
      amount: amount.toString(),
      currency,
    });
  }
  const minor = amount.times(new Decimal(10).pow(exponent));
  if (minor.greaterThan(Number.MAX_SAFE_INTEGER)) {
    throw new PaymentGatewayError('PAYMENT.INVALID_AMOUNT', `Amount too large: ${amount.toString()}`, { currency });
  }
  return minor.toNumber();
}

/** Minor units (as a provider reports them) back to an exact major amount. */
export function fromMinorUnits(minor: number | string, currency: string): Decimal {
  return new Decimal(minor).dividedBy(new Decimal(10).pow(currencyExponent(currency)));
}

/** The decimal string providers with major-unit APIs expect, e.g. "549.00", "1200" for JPY. */
export function toMajorString(amount: Decimal, currency: string): string {
  const exponent = currencyExponent(currency);
  toMinorUnits(amount, currency);
  return amount.toFixed(exponent);
}
