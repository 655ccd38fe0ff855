import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, roundToCents, toCents, tryDecimal } from './decimal.js';
import { Money } from './money.js';
import { Percent } from './percent.js';

describe('Money', () => {
  it('books to the cent half-up (away from zero on .5)', () => {
    expect(Money.of('0.005').booked().toFixed()).toBe('0.01');
    expect(Money.of('0.004999').booked().toFixed()).toBe('0.00');
    expect(Money.of('-0.005').booked().toFixed()).toBe('-0.01');
    expect(Money.of('449').times('0.9').booked().toFixed()).toBe('404.10');
  });

  it('keeps full precision until booked', () => {
    const third = Money.of('100').times(new Decimal(1).dividedBy(3));
    expect(third.toString()).toBe('33.333333333333333333');
    expect(third.booked().toString()).toBe('33.33');
  });

  it('is exact where binary floats are not', () => {
    expect(Money.of('0.1').plus(Money.of('0.2')).equals(Money.of('0.3'))).toBe(true);
  });

  it('takes a percent in points', () => {
    expect(Money.of('100000').percent(Percent.of('5')).toFixed()).toBe('5000.00');
    expect(Money.of('102345.67').percent(Percent.of('5')).booked().toFixed()).toBe('5117.28');
  });

  it('refuses mixed currencies, bad codes and non-finite amounts', () => {
    expect(() => Money.of('1', 'USD').plus(Money.of('1', 'EUR'))).toThrow(RangeError);
    expect(() => Money.of('1', 'usd')).toThrow(RangeError);
    expect(() => Money.of(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('compares exactly at the cent', () => {
    expect(Money.of('95000.01').greaterThan(Money.of('95000'))).toBe(true);
    expect(Money.of('95000.00').lessThanOrEqual(Money.of('95000'))).toBe(true);
    expect(Money.of('1').max(Money.of('2')).toFixed()).toBe('2.00');
  });

  it('serialises as cent strings', () => {
    expect(JSON.parse(JSON.stringify({ price: Money.of('49') }))).toEqual({ price: { amount: '49.00', currency: 'USD' } });
  });

  it('booking is idempotent and moves an amount by at most half a cent', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const amount = new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale));
        const booked = Money.of(amount).booked();
        expect(booked.booked().equals(booked)).toBe(true);
        expect(booked.amount.minus(amount).abs().lessThanOrEqualTo('0.005')).toBe(true);
        expect(booked.amount.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('decimal helpers', () => {
  it('parses decimal text and refuses anything else', () => {
    expect(tryDecimal('95000.01')?.toFixed()).toBe('95000.01');
    expect(tryDecimal(' -1.5 ')?.toFixed()).toBe('-1.5');
    expect(tryDecimal('1e3')).toBeNull();
    expect(tryDecimal('abc')).toBeNull();
    expect(tryDecimal(Number.NaN)).toBeNull();
    expect(tryDecimal(null)).toBeNull();
  });

  it('formats and rounds to cents half-up', () => {
    expect(toCents(new Decimal('2.345'))).toBe('2.35');
    expect(roundToCents(new Decimal('5000.005')).toFixed()).toBe('5000.01');
  });
});

describe('Percent', () => {
  it('holds points and gives the fraction', () => {
    expect(Percent.of('8').fraction.toFixed()).toBe('0.08');
    expect(Percent.of('12.5').fraction.toFixed()).toBe('0.125');
    expect(Percent.fromFraction('0.05').points.toFixed()).toBe('5');
  });

  it('gives the complement for discounts', () => {
    expect(Percent.of('10').complementFraction().toFixed()).toBe('0.9');
    expect(Percent.of('5').complementFraction().toFixed()).toBe('0.95');
  });

  it('compares by value and serialises as points', () => {
    expect(Percent.of('5.0').equals(Percent.of('5'))).toBe(true);
    expect(JSON.stringify({ split: Percent.of('80') })).toBe('{"split":"80"}');
    expect(() => Percent.of(Number.NaN)).toThrow(RangeError);
  });
});
