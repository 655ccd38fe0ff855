import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { unwrap } from '../shared/result.js';
import { Order } from './order.js';
import { PaymentGateway } from './payment-gateway.js';

const at = new Date('2027-02-01T06:00:00Z');
/** A catalogue price in cents, 0.01 to 99,999.99 USD. */
const price = fc.integer({ min: 1, max: 9_999_999 }).map((cents) => new Decimal(cents).dividedBy(100));
/**
 * A rate with up to 6 decimals (0.000001 to 999.999999), or with one decimal
 * (0.1 to 999.9): cents × tenths lands on an exact half paisa one time in
 * ten, so the half-up boundary is crossed often.
 */
const rate = fc.oneof(
  fc.integer({ min: 1, max: 999_999_999 }).map((units) => new Decimal(units).dividedBy(1_000_000)),
  fc.integer({ min: 1, max: 9_999 }).map((tenths) => new Decimal(tenths).dividedBy(10)),
);
/** Fee percent in hundredths of a point, 0% to 10%. */
const feePoints = fc.integer({ min: 0, max: 1_000 }).map((n) => new Decimal(n).dividedBy(100));

const gateway = (points: Decimal, settlementRate: Decimal) =>
  PaymentGateway.of({
    id: 'upi',
    enabled: true,
    allowedCountries: ['IN'],
    blockedCountries: [],
    availability: null,
    fee: { percent: Percent.of(points), fixed: Money.zero('USD') },
    settlement: { currency: 'INR', rate: settlementRate },
  });

/** The rule written out independently: half-up to two decimals, by hand on the scaled integer. */
function roundHalfUp2(value: Decimal): Decimal {
  const scaled = value.times(100);
  const floor = scaled.floor();
  return (scaled.minus(floor).greaterThanOrEqualTo('0.5') ? floor.plus(1) : floor).dividedBy(100);
}

describe('order charge properties', () => {
  it('charge = round_half_up(total × rate, 2) in INR, and a later rate never changes a placed order', () => {
    fc.assert(
      fc.property(price, feePoints, rate, rate, (listPrice, points, placedRate, laterRate) => {
        const input = {
          id: 'o',
          buyerId: 'b',
          buyerCountry: 'IN',
          item: { modelId: 'm', modelVersion: 1, accountSize: Money.of(5_000), swapFree: false, reset: null },
          listPrice: Money.of(listPrice),
          gateway: gateway(points, placedRate),
          at,
        };
        const placed = Order.place(input, ProhibitedCountries.default());
        const expected = roundHalfUp2(placed.ok ? placed.value.total.amount.times(placedRate) : new Decimal(0));
        if (!expected.greaterThan(0)) {
          // Nothing to collect at that rate: refused rather than charged zero.
          expect(!placed.ok && placed.error.code).toBe('ORDER.INVALID_ITEM');
          return;
        }
        const order = unwrap(placed);
        expect(order.charge.currency).toBe('INR');
        expect(order.charge.amount.equals(expected)).toBe(true);
        expect(order.charge.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(order.chargeRate?.equals(placedRate)).toBe(true);

        // The admin moves the rate: a new order takes the new rate, the placed one keeps its charge.
        const stored = order.toState();
        const next = Order.place({ ...input, id: 'o2', gateway: gateway(points, laterRate) }, ProhibitedCountries.default());
        if (next.ok) expect(next.value.charge.amount.equals(roundHalfUp2(next.value.total.amount.times(laterRate)))).toBe(true);
        const reloaded = Order.restore(stored);
        expect(reloaded.charge.amount.equals(expected)).toBe(true);
        expect(reloaded.chargeRate?.equals(placedRate)).toBe(true);
        // Only the frozen charge pays it.
        const paid = reloaded.confirmPayment({ providerPaymentId: 'pay', amount: Money.of(expected, 'INR'), at });
        expect(paid.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
