import { Decimal, dec, HUNDRED, type DecimalInput } from './decimal.js';

/**
 * A percentage kept as percentage points ("5" means 5%). `fraction` is the
 * multiplier (0.05). Exact: built from strings or literals, never from a
 * computed float.
 */
export class Percent {
  private constructor(readonly points: Decimal) {}

  static of(points: DecimalInput): Percent {
    const value = dec(points);
    if (!value.isFinite()) throw new RangeError(`Percent must be finite, got ${String(points)}`);
    return new Percent(value);
  }

  static fromFraction(fraction: DecimalInput): Percent {
    return new Percent(dec(fraction).times(HUNDRED));
  }

  static zero(): Percent {
    return new Percent(new Decimal(0));
  }

  get fraction(): Decimal {
    return this.points.dividedBy(HUNDRED);
  }

  /** 1 - this, as a multiplier (e.g. 90% for a 10% discount). */
  complementFraction(): Decimal {
    return new Decimal(1).minus(this.fraction);
  }

  equals(other: Percent): boolean {
    return this.points.equals(other.points);
  }

  toString(): string {
    return this.points.toString();
  }

  toJSON(): string {
    return this.points.toString();
  }
}
