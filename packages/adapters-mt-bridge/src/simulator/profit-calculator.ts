import type { Decimal } from 'decimal.js';
import type { PositionSide, SymbolSpecification } from '@tradesense/application';
import { pointOf } from './symbol-catalog.js';

/** Profit in the symbol's profit currency of closing at `closePrice`. */
export function profitInProfitCurrency(
  spec: SymbolSpecification,
  side: PositionSide,
  volume: Decimal,
  openPrice: Decimal,
  closePrice: Decimal,
): Decimal {
  const move = side === 'buy' ? closePrice.minus(openPrice) : openPrice.minus(closePrice);
  return move.times(volume).times(spec.contractSize);
}

/** One night's swap in the profit currency (MT5 swap mode "in points"). */
export function nightlySwapInProfitCurrency(spec: SymbolSpecification, side: PositionSide, volume: Decimal): Decimal {
  const points = side === 'buy' ? spec.swapLong : spec.swapShort;
  return points.times(pointOf(spec)).times(spec.contractSize).times(volume);
}
