import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Money } from '../money/money.js';
import { Order, type PlaceOrder } from '../order/order.js';
import { simulatedGateway } from '../order/payment-gateway.js';
import { unwrap } from '../shared/result.js';
import { QA_INSTANT } from './qa-defaults.js';

/** An order's input and the prohibited-country list it is checked against. */
export interface PlaceOrderOverrides extends Partial<PlaceOrder> {
  readonly prohibitedCountries?: ProhibitedCountries;
}

/**
 * What `Order.place` needs (rule book §9): order-1 of trader-1 from Germany
 * for a 2-Step 100,000 challenge at its 449.00 list price, through the
 * simulated gateway (no fee), at `QA_INSTANT`.
 */
export function placeOrderInput(overrides: Partial<PlaceOrder> = {}): PlaceOrder {
  return {
    id: 'order-1',
    buyerId: 'trader-1',
    buyerCountry: 'DE',
    item: { modelId: 'stellar_2step', modelVersion: 1, accountSize: Money.of(100_000), swapFree: false, reset: null },
    listPrice: Money.of(449),
    gateway: simulatedGateway(),
    at: QA_INSTANT,
    ...overrides,
  };
}

/** An order placed and awaiting payment, nothing pending; the default prohibited countries apply. */
export function anOrder(overrides: PlaceOrderOverrides = {}): Order {
  const { prohibitedCountries = ProhibitedCountries.default(), ...input } = overrides;
  const order = unwrap(Order.place(placeOrderInput(input), prohibitedCountries));
  order.pullEvents();
  return order;
}
