import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import type { GatewaySettings } from './gateway-settings.js';

/**
 * Seed configuration of the six gateways of section 10. Data, not rules: an
 * admin edits it. Fees are what the buyer pays on top of the price (in USD,
 * the catalogue currency). UPI is an Indian rail and TC Pay a Moroccan one, so
 * each is offered only there and only inside its operating hours. Razorpay
 * UPI collects rupees only: its orders are charged at the seeded USD→INR
 * rate (`DEFAULT_UPI_SETTLEMENT`) until an admin sets the current one.
 */
export const DEFAULT_UPI_SETTLEMENT = deepFreeze({ currency: 'INR', rate: new Decimal('84.1234') });

export const DEFAULT_GATEWAY_SETTINGS: readonly GatewaySettings[] = deepFreeze([
  {
    id: 'stripe',
    displayName: 'Credit/Debit Card',
    kind: 'card',
    enabled: true,
    allowedCountries: null,
    blockedCountries: [],
    availability: null,
    fee: { percent: Percent.of('2.9'), fixed: Money.of('0.30', 'USD') },
  },
  {
    id: 'paypal',
    displayName: 'PayPal',
    kind: 'wallet',
    enabled: true,
    allowedCountries: null,
    blockedCountries: [],
    availability: null,
    fee: { percent: Percent.of('3.49'), fixed: Money.of('0.49', 'USD') },
  },
  {
    id: 'crypto',
    displayName: 'Cryptocurrency',
    kind: 'crypto',
    enabled: true,
    allowedCountries: null,
    blockedCountries: [],
    availability: null,
    fee: { percent: Percent.of('1'), fixed: Money.of('0', 'USD') },
  },
  {
    id: 'upi',
    displayName: 'UPI (India)',
    kind: 'local',
    enabled: true,
    allowedCountries: ['IN'],
    blockedCountries: [],
    availability: { timeZone: 'Asia/Kolkata', opens: '06:00', closes: '23:30' },
    fee: { percent: Percent.of('2'), fixed: Money.of('0', 'USD') },
    settlement: DEFAULT_UPI_SETTLEMENT,
  },
  {
    id: 'tc_pay',
    displayName: 'TC Pay',
    kind: 'local',
    enabled: true,
    allowedCountries: ['MA'],
    blockedCountries: [],
    availability: { timeZone: 'Africa/Casablanca', opens: '08:00', closes: '22:00' },
    fee: { percent: Percent.of('1.5'), fixed: Money.of('0', 'USD') },
  },
  {
    id: 'simulated',
    displayName: 'Simulated payment',
    kind: 'simulated',
    enabled: true,
    allowedCountries: null,
    blockedCountries: [],
    availability: null,
    fee: { percent: Percent.zero(), fixed: Money.zero('USD') },
  },
]);
