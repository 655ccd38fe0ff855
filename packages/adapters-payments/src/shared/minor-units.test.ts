import { isPaymentGatewayError } from '@tradesense/application';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fromMinorUnits, toMajorString, toMinorUnits } from './minor-units.js';

describe('minor units', () => {
  it('converts by the currency exponent both ways, exactly', () => {
    expect(toMinorUnits(new Decimal('549.99'), 'USD')).toBe(54999);
    expect(toMinorUnits(new Decimal('1200'), 'JPY')).toBe(1200);
    expect(toMinorUnits(new Decimal('1.234'), 'KWD')).toBe(1234);
    expect(fromMinorUnits(54999, 'usd').toString()).toBe('549.99');
    expect(fromMinorUnits('1234', 'KWD').toString()).toBe('1.234');
    expect(toMajorString(new Decimal('549.9'), 'USD')).toBe('549.90');
    expect(toMajorString(new Decimal('1200'), 'JPY')).toBe('1200');
  });

  it('refuses digits finer than the minor unit and negative amounts instead of rounding', () => {
    for (const [amount, currency] of [['0.001', 'USD'], ['10.5', 'JPY'], ['-1', 'USD']] as const) {
      let caught: unknown;
      try {
        toMinorUnits(new Decimal(amount), currency);
      } catch (error) {
        caught = error;
      }
      expect(isPaymentGatewayError(caught, 'PAYMENT.INVALID_AMOUNT')).toBe(true);
    }
  });
});
