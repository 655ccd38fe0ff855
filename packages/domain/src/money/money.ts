import { Decimal, dec, type DecimalInput } from './decimal.js';
import type { Percent } from './percent.js';

/**
 * An exact amount in one currency. Arithmetic keeps full precision; `booked()`
 * rounds to the cent half-up, which is what ledgers, payouts and balance
 * operations store.
 */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  static of(amount: DecimalInput, currency = 'USD'): Money {
    const value = dec(amount);
    if (!value.isFinite()) throw new RangeError(`Money amount must be finite, got ${String(amount)}`);
    if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`Currency must be an ISO 4217 code, got ${currency}`);
    return new Money(value, currency);
  }

  static zero(currency = 'USD'): Money {
    return Money.of(0, currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  times(factor: DecimalInput): Money {
    return new Money(this.amount.times(dec(factor)), this.currency);
  }

  percent(rate: Percent): Money {
    return new Money(this.amount.times(rate.fraction), this.currency);
  }

  negated(): Money {
    return new Money(this.amount.negated(), this.currency);
  }

  /** Rounded to the cent, half-up (away from zero on .5), as booked. */
  booked(): Money {
    return new Money(this.amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), this.currency);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.greaterThan(0);
  }

  isNegative(): boolean {
    return this.amount.lessThan(0);
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.equals(other.amount);
  }

  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  lessThanOrEqual(other: Money): boolean {
    return this.compare(other) <= 0;
  }

  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  greaterThanOrEqual(other: Money): boolean {
    return this.compare(other) >= 0;
  }

  max(other: Money): Money {
    return this.greaterThanOrEqual(other) ? this : other;
  }

  min(other: Money): Money {
    return this.lessThanOrEqual(other) ? this : other;
  }

  /** The cent-rounded amount as a plain decimal string, e.g. "95000.00". */
  toFixed(): string {
    return this.amount.toFixed(2, Decimal.ROUND_HALF_UP);
  }

  /** Full precision, for replay inputs and hashes. */
  toString(): string {
    return this.amount.toString();
  }

  toJSON(): { amount: string; currency: string } {
    return { amount: this.toFixed(), currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new RangeError(`Currency mismatch: ${this.currency} vs ${other.currency}`);
    }
  }
}
