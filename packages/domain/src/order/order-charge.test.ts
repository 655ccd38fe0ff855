import { describe, expect, it } from 'vitest';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { currencyMinorUnit, roundToMinorUnit } from '../money/currency-minor-unit.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { DEFAULT_GATEWAY_SETTINGS, DEFAULT_UPI_SETTLEMENT } from '../payments/default-gateway-settings.js';
import { unwrap } from '../shared/result.js';
import { orderCharge, settlementProblem } from './order-charge.js';
import { Order, type OrderItem } from './order.js';
import { PaymentGateway, simulatedGateway } from './payment-gateway.js';

const at = new Date('2027-02-01T06:00:00Z'); // 11:30 in Kolkata: UPI is open
const item: OrderItem = { modelId: 'stellar_1step', modelVersion: 1, accountSize: Money.of(5_000), swapFree: false, reset: null };
const upiSettings = DEFAULT_GATEWAY_SETTINGS.find((s) => s.id === 'upi')!;
const upi = (rate: string) => PaymentGateway.of({ ...upiSettings, settlement: { currency: 'INR', rate: new Decimal(rate) } });

function place(gateway: PaymentGateway, listPrice = Money.of('59.00')): Order {
  return unwrap(Order.place({ id: 'o-1', buyerId: 'b-1', buyerCountry: 'IN', item, listPrice, gateway, at }, ProhibitedCountries.default()));
}

describe('the charge a settling gateway collects', () => {
  it('is the total at the rate, to the paisa: (59.00 + 2% fee) × 84.1234 = 60.18 × 84.1234 = 5062.546212 → 5062.55 INR', () => {
    const order = place(upi('84.1234'));
    expect([order.price.toFixed(), order.quote().gatewayFee.toFixed(), order.total.toFixed()]).toEqual(['59.00', '1.18', '60.18']);
    expect(order.charge.currency).toBe('INR');
    expect(order.charge.amount.toFixed()).toBe('5062.55');
    expect(order.chargeRate?.toFixed()).toBe('84.1234');
    expect(order.pullEvents()[0]).toMatchObject({ type: 'OrderPlaced', payload: { currency: 'USD', total: '60.18', charge: { amount: '5062.55', currency: 'INR', rate: '84.1234' } } });
  });

  it('rounds an exact half paisa up, not to even, and just below it down', () => {
    // 100.00 × 84.12345 = 8412.345 (exactly half a paisa): half-up gives .35 where banker's rounding would give .34.
    expect(orderCharge(Money.of('100.00'), { currency: 'INR', rate: new Decimal('84.12345') }).amount.toFixed()).toBe('8412.35');
    expect(orderCharge(Money.of('100.00'), { currency: 'INR', rate: new Decimal('84.123449') }).amount.toFixed()).toBe('8412.34');
    expect(orderCharge(Money.of('0.10'), { currency: 'INR', rate: new Decimal('0.05') }).amount.toFixed()).toBe('0.01'); // 0.005
    expect(roundToMinorUnit(new Decimal('8412.345'), 'INR').toFixed()).toBe('8412.35');
  });

  it('rounds to the settlement currency’s own minor unit (yen have none, dinars three)', () => {
    expect(currencyMinorUnit('INR')).toBe(2);
    expect(orderCharge(Money.of('60.18'), { currency: 'JPY', rate: new Decimal('150.25') }).amount.amount.toFixed()).toBe('9042'); // 9042.045
    expect(orderCharge(Money.of('60.18'), { currency: 'KWD', rate: new Decimal('0.30725') }).amount.amount.toFixed()).toBe('18.49'); // 18.490305
    expect(orderCharge(Money.of('1.00'), { currency: 'KWD', rate: new Decimal('0.3075') }).amount.amount.toFixed()).toBe('0.308'); // 0.3075
  });

  it('is the total itself for a gateway that collects in the price currency', () => {
    const order = place(simulatedGateway(), Money.of('449'));
    expect(order.charge.equals(Money.of('449', 'USD'))).toBe(true);
    expect(order.chargeRate).toBeNull();
    expect(order.toState().charge).toEqual({ amount: '449', currency: 'USD', rate: null });
  });

  it('seeds UPI with the documented USD→INR rate', () => {
    expect(upiSettings.settlement).toBe(DEFAULT_UPI_SETTLEMENT);
    expect([DEFAULT_UPI_SETTLEMENT.currency, DEFAULT_UPI_SETTLEMENT.rate.toFixed()]).toEqual(['INR', '84.1234']);
    expect(DEFAULT_GATEWAY_SETTINGS.filter((s) => s.settlement).map((s) => s.id)).toEqual(['upi']);
  });
});

describe('paying a settling gateway’s order', () => {
  it('accepts exactly the charge in rupees and refuses the USD total, another paisa or another currency', () => {
    const order = place(upi('84.1234'));
    order.pullEvents();
    const pay = (amount: string, currency: string) => order.confirmPayment({ providerPaymentId: 'pay_1', amount: Money.of(amount, currency), at });
    for (const [amount, currency] of [['60.18', 'USD'], ['5062.54', 'INR'], ['5062.56', 'INR'], ['5062.55', 'USD']] as const) {
      const refused = pay(amount, currency);
      expect(!refused.ok && refused.error.code).toBe('ORDER.AMOUNT_MISMATCH');
      expect(!refused.ok && refused.error.details).toMatchObject({
        expected: { amount: '5062.55', currency: 'INR', rate: '84.1234' },
        actual: { amount: new Decimal(amount).toFixed(), currency },
      });
    }
    expect(order.status).toBe('pending_payment');
    expect(unwrap(pay('5062.550', 'INR'))).toEqual({ changed: true });
    expect(order.status).toBe('paid');
    expect(order.pullEvents()).toMatchObject([
      { type: 'OrderPaid', payload: { currency: 'USD', amount: '60.18', charge: { amount: '5062.55', currency: 'INR', rate: '84.1234' } } },
    ]);
  });

  it('keeps the charge frozen in the stored state when the gateway’s rate changes afterwards', () => {
    const placed = place(upi('84.1234'));
    const stored = placed.toState();
    place(upi('90')); // a later order at a new rate
    const reloaded = Order.restore(stored);
    expect(reloaded.charge.amount.toFixed()).toBe('5062.55');
    expect(unwrap(reloaded.confirmPayment({ providerPaymentId: 'pay_1', amount: Money.of('5062.55', 'INR'), at }))).toEqual({ changed: true });
  });
});

describe('settlement settings', () => {
  it('refuses a non-positive, huge or over-precise rate, a bad code and the price currency itself', () => {
    const problem = (currency: string, rate: string) => settlementProblem({ currency, rate: new Decimal(rate) }, 'USD');
    expect(problem('INR', '84.1234')).toBeNull();
    expect(problem('INR', '0.0000000001')).toBeNull();
    expect(problem('INR', '0')).toMatch(/positive/);
    expect(problem('INR', '-1')).toMatch(/positive/);
    expect(problem('INR', '1000000')).toMatch(/below/);
    expect(problem('INR', '84.12345678901')).toMatch(/at most 10 decimals/);
    expect(problem('inr', '84')).toMatch(/ISO 4217/);
    expect(problem('USD', '1')).toMatch(/differ/);
    expect(() => upi('0')).toThrow(RangeError);
    expect(() => PaymentGateway.of({ ...upiSettings, settlement: { currency: 'USD', rate: new Decimal(1) } })).toThrow(/differ/);
  });

  it('refuses an order that would charge nothing at the rate', () => {
    const tiny = Order.place(
      { id: 'o', buyerId: 'b', buyerCountry: 'IN', item, listPrice: Money.of('0.01'), gateway: PaymentGateway.of({ ...upiSettings, fee: { percent: Percent.zero(), fixed: Money.zero() }, settlement: { currency: 'INR', rate: new Decimal('0.1') } }), at },
      ProhibitedCountries.default(),
    );
    expect(!tiny.ok && tiny.error.code).toBe('ORDER.INVALID_ITEM');
  });
});
