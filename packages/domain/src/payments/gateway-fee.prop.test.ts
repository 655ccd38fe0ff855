import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { gatewayFee } from './gateway-availability.js';
import type { GatewaySettings } from './gateway-settings.js';

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => Money.of(n).times('0.01'));
// 0% to 10% in steps of 0.01 percentage points.
const percent = fc.integer({ min: 0, max: 1000 }).map((n) => new Decimal(n).dividedBy(100));

describe('gateway fee properties', () => {
  it('is booked to the cent and within half a cent of percent × price + fixed', () => {
    fc.assert(
      fc.property(cents(10_000_000), percent, cents(500), (price, points, fixed) => {
        const settings: GatewaySettings = {
          id: 'stripe',
          displayName: 'Card',
          kind: 'card',
          enabled: true,
          allowedCountries: null,
          blockedCountries: [],
          availability: null,
          fee: { percent: Percent.of(points), fixed },
        };
        const fee = gatewayFee(settings, price);
        const exact = price.amount.times(points).dividedBy(100).plus(fixed.amount);
        expect(fee.amount.decimalPlaces()).toBeLessThanOrEqual(2);
        expect(fee.amount.minus(exact).abs().lessThanOrEqualTo('0.005')).toBe(true);
        // Half-up: an exact half cent always rounds away from zero.
        expect(fee.amount.greaterThanOrEqualTo(exact) || exact.minus(fee.amount).lessThan('0.005')).toBe(true);
        expect(fee.greaterThanOrEqual(fixed)).toBe(true);
      }),
    );
  });
});
