import type { Money } from '../money/money.js';
import type { Percent } from '../money/percent.js';
import type { GatewayFee } from './payment-gateway.js';

export interface OrderQuote {
  readonly listPrice: Money;
  /** The model's reset discount, for a reset order only. */
  readonly resetDiscount: Percent | null;
  /** list price × (1 − reset discount), booked to the cent. */
  readonly price: Money;
  /** percent × price + fixed, booked to the cent. */
  readonly gatewayFee: Money;
  readonly total: Money;
}

/**
 * Prices a purchase (section 9): the model's listed price for the size, less
 * the reset discount on a reset, plus the chosen gateway's fee. Each figure is
 * booked to the cent half-up before the next is built on it, so the parts add
 * up to the total exactly.
 */
export function quoteOrder(input: { listPrice: Money; resetDiscount: Percent | null; gatewayFee: GatewayFee }): OrderQuote {
  const price = (input.resetDiscount ? input.listPrice.times(input.resetDiscount.complementFraction()) : input.listPrice).booked();
  const gatewayFee = price.percent(input.gatewayFee.percent).plus(input.gatewayFee.fixed).booked();
  return {
    listPrice: input.listPrice,
    resetDiscount: input.resetDiscount,
    price,
    gatewayFee,
    total: price.plus(gatewayFee),
  };
}
