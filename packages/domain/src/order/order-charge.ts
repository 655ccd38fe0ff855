import { roundToMinorUnit } from '../money/currency-minor-unit.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';

/**
 * A gateway that collects in another currency than the price (Razorpay UPI
 * collects rupees only, the catalogue is in dollars): the currency it
 * settles in and how many units of it one unit of the price currency buys.
 */
export interface GatewaySettlement {
  readonly currency: string;
  /** Units of `currency` per unit of the price currency, e.g. 84.1234 INR per USD. */
  readonly rate: Decimal;
}

/** The most decimals a settlement rate may carry (what the store keeps exactly). */
export const SETTLEMENT_RATE_DECIMALS = 10;
/** Rates are quoted per one unit of the price currency; none in use comes near a million. */
export const SETTLEMENT_RATE_LIMIT = new Decimal(1_000_000);

/** What the gateway collects for an order, frozen when the order is placed. */
export interface OrderCharge {
  /** In the settlement currency, rounded half-up to its minor unit (the price currency without a settlement). */
  readonly amount: Money;
  /** The rate applied; null when the gateway collects in the price currency. */
  readonly rate: Decimal | null;
}

/**
 * The charge for an order total: the total itself, or total × rate rounded
 * half-up to the settlement currency's minor unit (paise for INR). Computed
 * once at placement; later rate changes are for later orders.
 */
export function orderCharge(total: Money, settlement: GatewaySettlement | null | undefined): OrderCharge {
  if (!settlement) return { amount: total, rate: null };
  const converted = roundToMinorUnit(total.amount.times(settlement.rate), settlement.currency);
  return { amount: Money.of(converted, settlement.currency), rate: settlement.rate };
}

/**
 * Why a settlement cannot apply to prices in `priceCurrency`, or null when
 * it can: an ISO code other than the price currency, and a positive rate
 * below the limit with at most `SETTLEMENT_RATE_DECIMALS` decimals.
 */
export function settlementProblem(settlement: GatewaySettlement, priceCurrency: string): string | null {
  if (!/^[A-Z]{3}$/.test(settlement.currency)) return `The settlement currency must be an ISO 4217 code, got ${settlement.currency}`;
  if (settlement.currency === priceCurrency) return 'The settlement currency must differ from the price currency (no settlement instead)';
  const { rate } = settlement;
  if (!rate.isFinite() || !rate.greaterThan(0) || !rate.lessThan(SETTLEMENT_RATE_LIMIT)) {
    return `The settlement rate must be positive and below ${SETTLEMENT_RATE_LIMIT.toFixed()}`;
  }
  if (rate.decimalPlaces() > SETTLEMENT_RATE_DECIMALS) return `The settlement rate may have at most ${SETTLEMENT_RATE_DECIMALS} decimals`;
  return null;
}
