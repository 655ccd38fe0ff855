import { Decimal } from 'decimal.js';
import {
  CatalogErrorCode,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  RuleSnapshot,
  STELLAR_2STEP,
  unwrap,
  type ChallengeModelState,
  type ModelRevision,
} from '@tradesense/domain';
import type { AssetClass, MarginCalculationMode, SymbolSpecification } from '../ports/price-feed.js';

/** Test data for the risk engine: symbol specifications like a MetaTrader server's, and rule snapshots. */

function spec(
  symbol: string,
  assetClass: AssetClass,
  digits: number,
  contractSize: string,
  base: string,
  profit: string,
  margin: string,
  marginMode: MarginCalculationMode,
): SymbolSpecification {
  return {
    symbol,
    description: symbol,
    assetClass,
    digits,
    contractSize: new Decimal(contractSize),
    baseCurrency: base,
    profitCurrency: profit,
    marginCurrency: margin,
    marginMode,
    marginRate: new Decimal(1),
    swapLong: new Decimal(0),
    swapShort: new Decimal(0),
    tripleSwapDay: 3,
    volumeMin: new Decimal('0.01'),
    volumeMax: new Decimal(100),
    volumeStep: new Decimal('0.01'),
  };
}

/** Eight symbols: USD-, JPY-, CHF-, EUR-quoted profits, so every conversion route is exercised. */
export const RISK_TEST_SYMBOLS: readonly SymbolSpecification[] = [
  spec('EURUSD', 'forex', 5, '100000', 'EUR', 'USD', 'EUR', 'forex'),
  spec('GBPUSD', 'forex', 5, '100000', 'GBP', 'USD', 'GBP', 'forex'),
  spec('USDJPY', 'forex', 3, '100000', 'USD', 'JPY', 'USD', 'forex'),
  spec('USDCHF', 'forex', 5, '100000', 'USD', 'CHF', 'USD', 'forex'),
  spec('EURJPY', 'forex', 3, '100000', 'EUR', 'JPY', 'EUR', 'forex'),
  spec('XAUUSD', 'metals', 2, '100', 'XAU', 'USD', 'USD', 'cfd_leverage'),
  spec('US30', 'indices', 2, '1', 'USD', 'USD', 'USD', 'cfd_leverage'),
  spec('GER40', 'indices', 2, '1', 'EUR', 'EUR', 'EUR', 'cfd_leverage'),
];

/** Mid prices near 2024 levels, with a typical spread in price units. */
export const RISK_TEST_PRICES: Readonly<Record<string, { readonly mid: number; readonly spread: number }>> = {
  EURUSD: { mid: 1.085, spread: 0.00012 },
  GBPUSD: { mid: 1.27, spread: 0.00015 },
  USDJPY: { mid: 150, spread: 0.014 },
  USDCHF: { mid: 0.88, spread: 0.00015 },
  EURJPY: { mid: 162.7, spread: 0.02 },
  XAUUSD: { mid: 2350, spread: 0.25 },
  US30: { mid: 39000, spread: 2 },
  GER40: { mid: 18000, spread: 1.5 },
};

/** A frozen rule snapshot of a seeded model (2-Step by default), optionally with edited parameters. */
export function riskTestSnapshot(
  options: { model?: ChallengeModelState; balance?: string; parameters?: ModelRevision['parameters'] } = {},
): RuleSnapshot {
  const model = ChallengeModel.restore(options.model ?? STELLAR_2STEP);
  if (options.parameters) {
    const revised = model.revise({ parameters: options.parameters }, 'test', new Date(0));
    // Asking for what the model already has is fine.
    if (!revised.ok && revised.error.code !== CatalogErrorCode.NOTHING_TO_CHANGE) throw revised.error;
  }
  return unwrap(RuleSnapshot.freeze(model, options.balance ?? '100000', DEFAULT_CALENDAR_SETTINGS));
}
