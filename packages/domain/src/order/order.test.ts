import { describe, expect, it } from 'vitest';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { unwrap } from '../shared/result.js';
import { Order, type OrderItem } from './order.js';
import { quoteOrder } from './order-pricing.js';
import { availableGateways, PaymentGateway, simulatedGateway } from './payment-gateway.js';

const at = new Date('2026-02-01T10:00:00Z');
const prohibited = ProhibitedCountries.default();
const stripe = PaymentGateway.of({
  id: 'stripe',
  enabled: true,
  allowedCountries: null,
  blockedCountries: ['RU'],
  availability: null,
  fee: { percent: Percent.of('2.9'), fixed: Money.of('0.30') },
});
const item: OrderItem = { modelId: 'stellar_2step', modelVersion: 1, accountSize: Money.of(100_000), swapFree: false, reset: null };

function place(overrides: Partial<Parameters<typeof Order.place>[0]> = {}): Order {
  const order = unwrap(
    Order.place({ id: 'o-1', buyerId: 'b-1', buyerCountry: 'DE', item, listPrice: Money.of(449), gateway: stripe, at, ...overrides }, prohibited),
  );
  order.pullEvents();
  return order;
}

describe('Order pricing (section 9)', () => {
  it('adds the gateway fee (percent + fixed) booked to the cent: 449 + 13.32 = 462.32', () => {
    const quote = quoteOrder({ listPrice: Money.of(449), resetDiscount: null, gatewayFee: stripe.fee });
    // 449 × 2.9% = 13.021, + 0.30 = 13.321 → 13.32
    expect([quote.price.toFixed(), quote.gatewayFee.toFixed(), quote.total.toFixed()]).toEqual(['449.00', '13.32', '462.32']);
  });

  it('prices a reset at list × (1 − reset discount): 449 × 90% = 404.10', () => {
    const quote = quoteOrder({ listPrice: Money.of(449), resetDiscount: Percent.of(10), gatewayFee: stripe.fee });
    // 404.10 × 2.9% = 11.7189, + 0.30 = 12.0189 → 12.02
    expect([quote.price.toFixed(), quote.gatewayFee.toFixed(), quote.total.toFixed()]).toEqual(['404.10', '12.02', '416.12']);
    const lite = quoteOrder({ listPrice: Money.of(139), resetDiscount: Percent.of(5), gatewayFee: simulatedGateway().fee });
    expect(lite.total.toFixed()).toBe('132.05');
  });
});

describe('Payment gateways (section 10)', () => {
  it('lists only the gateways available to the country now', () => {
    const upi = PaymentGateway.of({
      id: 'upi',
      enabled: true,
      allowedCountries: ['IN'],
      blockedCountries: [],
      availability: { timeZone: 'Asia/Kolkata', opens: '22:00', closes: '06:00' },
      fee: { percent: Percent.of(1), fixed: Money.zero() },
    });
    const disabled = PaymentGateway.of({ ...stripe.settings, id: 'paypal', enabled: false });
    // 17:00Z = 22:30 in Kolkata: inside the overnight window.
    expect(availableGateways([stripe, upi, disabled], 'in', new Date('2026-02-01T17:00:00Z')).map((g) => g.id)).toEqual([
      'stripe',
      'upi',
    ]);
    // 01:00Z = 06:30 in Kolkata: closed.
    expect(upi.unavailability('IN', new Date('2026-02-01T01:00:00Z'))).toBe('OUTSIDE_HOURS');
    expect(upi.unavailability('DE', new Date('2026-02-01T17:00:00Z'))).toBe('COUNTRY_NOT_ALLOWED');
    expect(stripe.unavailability('RU', at)).toBe('COUNTRY_BLOCKED');
    expect(disabled.unavailability('DE', at)).toBe('DISABLED');
  });

  it('refuses an order through an unavailable gateway', () => {
    const result = Order.place(
      { id: 'o', buyerId: 'b', buyerCountry: 'RU', item, listPrice: Money.of(449), gateway: stripe, at },
      prohibited,
    );
    expect(!result.ok && result.error.code).toBe('ORDER.GATEWAY_UNAVAILABLE');
  });
});

describe('Order lifecycle', () => {
  it('refuses buyers from prohibited countries', () => {
    const result = Order.place({ id: 'o', buyerId: 'b', buyerCountry: 'CU', item, listPrice: Money.of(449), gateway: stripe, at }, prohibited);
    expect(!result.ok && result.error.code).toBe('KYC.PROHIBITED_COUNTRY');
  });

  it('keeps the swap-free option and the reset target', () => {
    const order = place({ item: { ...item, swapFree: true, reset: { challengeId: 'ch-9', discount: Percent.of(10) } } });
    expect(order.toState()).toMatchObject({ swapFree: true, resetOfChallengeId: 'ch-9', resetDiscount: '10', total: '416.12' });
  });

  it('pending_payment → paid → fulfilled, exactly once', () => {
    const order = place();
    expect(unwrap(order.confirmPayment({ providerPaymentId: 'pi_1', amount: Money.of('462.32'), at }))).toEqual({ changed: true });
    expect(unwrap(order.confirmPayment({ providerPaymentId: 'pi_1', amount: Money.of('462.32'), at }))).toEqual({ changed: false });
    unwrap(order.fulfil({ challengeId: 'ch-1', at }));
    const again = order.fulfil({ challengeId: 'ch-2', at });
    expect(!again.ok && again.error.code).toBe('ORDER.ALREADY_FULFILLED');
    expect(order.challengeId).toBe('ch-1');
    expect(order.pullEvents().map((e) => e.type)).toEqual(['OrderPaid', 'OrderFulfilled']);
  });

  it('checks the paid amount and currency', () => {
    const order = place();
    const short = order.confirmPayment({ providerPaymentId: 'pi_1', amount: Money.of('462.31'), at });
    expect(!short.ok && short.error.code).toBe('ORDER.AMOUNT_MISMATCH');
    const euros = order.confirmPayment({ providerPaymentId: 'pi_1', amount: Money.of('462.32', 'EUR'), at });
    expect(!euros.ok && euros.error.code).toBe('ORDER.AMOUNT_MISMATCH');
    expect(order.status).toBe('pending_payment');
  });

  it('cannot fulfil before payment; a second payment is flagged', () => {
    const order = place();
    const early = order.fulfil({ challengeId: 'ch-1', at });
    expect(!early.ok && early.error.code).toBe('ORDER.NOT_PAID');
    unwrap(order.confirmPayment({ providerPaymentId: 'pi_1', amount: order.total, at }));
    const double = order.confirmPayment({ providerPaymentId: 'pi_2', amount: order.total, at });
    expect(!double.ok && double.error.code).toBe('ORDER.ALREADY_PAID');
  });

  it('a refund cancels a paid, unfulfilled order, which can then never be fulfilled', () => {
    const order = place();
    unwrap(order.confirmPayment({ providerPaymentId: 'pi_1', amount: order.total, at }));
    expect(unwrap(order.refund({ kind: 'refund', providerRefundId: 're_1', at }))).toEqual({ changed: true });
    expect(order.status).toBe('cancelled');
    const fulfil = order.fulfil({ challengeId: 'ch-1', at });
    expect(!fulfil.ok && fulfil.error.code).toBe('ORDER.CANCELLED');
  });

  it('a chargeback on a fulfilled order marks it refunded once, naming the challenge', () => {
    const order = place();
    unwrap(order.confirmPayment({ providerPaymentId: 'pi_1', amount: order.total, at }));
    unwrap(order.fulfil({ challengeId: 'ch-1', at }));
    order.pullEvents();
    unwrap(order.refund({ kind: 'chargeback', providerRefundId: 'dp_1', at }));
    expect(unwrap(order.refund({ kind: 'chargeback', providerRefundId: 'dp_1', at }))).toEqual({ changed: false });
    expect(order.status).toBe('refunded');
    expect(order.pullEvents()).toMatchObject([{ type: 'OrderRefunded', payload: { challengeId: 'ch-1', amount: '462.32' } }]);
  });

  it('an unpaid order can be cancelled; a late payment on it is refused', () => {
    const order = place();
    unwrap(order.cancel({ reason: 'checkout expired', at }));
    const late = order.confirmPayment({ providerPaymentId: 'pi_1', amount: order.total, at });
    expect(!late.ok && late.error.code).toBe('ORDER.CANCELLED');
    expect(Order.restore(order.toState()).status).toBe('cancelled');
  });
});
