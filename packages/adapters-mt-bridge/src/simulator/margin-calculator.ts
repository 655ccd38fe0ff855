import { Decimal } from 'decimal.js';
import type { SymbolSpecification } from '@tradesense/application';

/**
 * Margin in the symbol's margin currency, by the MT5 calculation modes.
 * `price` is the position's open price (the simulated indices have tick value
 * equal to tick size, so `cfd_index` reduces to the CFD formula).
 */
export function marginInMarginCurrency(
  spec: SymbolSpecification,
  volume: Decimal,
  leverage: number,
  price: Decimal,
): Decimal {
  const notionalUnits = volume.times(spec.contractSize);
  switch (spec.marginMode) {
    case 'forex':
      return notionalUnits.dividedBy(leverage).times(spec.marginRate);
    case 'forex_no_leverage':
      return notionalUnits.times(spec.marginRate);
    case 'cfd':
    case 'cfd_index':
      return notionalUnits.times(price).times(spec.marginRate);
    case 'cfd_leverage':
      return notionalUnits.times(price).dividedBy(leverage).times(spec.marginRate);
  }
}
