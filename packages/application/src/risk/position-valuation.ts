import { Decimal } from 'decimal.js';
import type { PositionSide } from '../ports/trading-platform.js';
import type { ConversionRoute } from '../shared-kernel/conversion-routes.js';

/** A bid/ask pair. */
export interface BidAsk {
  readonly bid: Decimal;
  readonly ask: Decimal;
}

/**
 * Floating P/L of open positions in the account currency (rule book section
 * 4: equity = balance + floating P/L + open swaps + open commissions), the
 * way a MetaTrader server values them:
 * - a buy closes at the bid, a sell at the ask;
 * - P/L in the symbol's profit currency = price move × lots × contract size;
 * - converted through the cross rate at the price the firm would actually
 *   get: a gain is sold (CCY/ACC at the bid, ACC/CCY at the ask), a loss is
 *   bought (the other side), so rounding never favours the trader;
 * - each position booked to the cent, half-up.
 */
export const closingPrice = (side: PositionSide, quote: BidAsk): Decimal => (side === 'buy' ? quote.bid : quote.ask);

/** P/L in the profit currency of closing at `closePrice`. */
export function profitInProfitCurrency(
  side: PositionSide,
  volume: Decimal,
  contractSize: Decimal,
  openPrice: Decimal,
  closePrice: Decimal,
): Decimal {
  const move = side === 'buy' ? closePrice.minus(openPrice) : openPrice.minus(closePrice);
  return move.times(volume).times(contractSize);
}

/** An amount in the route's currency, in the account currency (gains sold, losses bought). */
export function toAccountCurrency(amount: Decimal, route: ConversionRoute | null, rate: BidAsk | null): Decimal {
  if (!route) return amount;
  if (!rate) throw new RangeError(`No ${route.symbol} price to convert ${route.currency}`);
  const selling = !amount.isNegative();
  if (route.direct) return amount.times(selling ? rate.bid : rate.ask);
  return amount.dividedBy(selling ? rate.ask : rate.bid);
}

export interface ValuedPosition {
  readonly side: PositionSide;
  readonly volume: Decimal;
  readonly openPrice: Decimal;
  readonly contractSize: Decimal;
  /** null when the symbol's profit currency is the account currency. */
  readonly route: ConversionRoute | null;
}

/** Floating P/L of one position in the account currency, to the cent. */
export function floatingProfit(position: ValuedPosition, quote: BidAsk, rate: BidAsk | null): Decimal {
  const raw = profitInProfitCurrency(
    position.side,
    position.volume,
    position.contractSize,
    position.openPrice,
    closingPrice(position.side, quote),
  );
  return toAccountCurrency(raw, position.route, rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
