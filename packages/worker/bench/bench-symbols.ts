import type { AssetClass, MarginCalculationMode, SymbolSpecification } from '@tradesense/application';
import { Decimal } from '@tradesense/domain';

/** A symbol of the benchmark's feed: its specification and how its price moves. */
export interface BenchSymbol {
  readonly spec: SymbolSpecification;
  /** Mid price near 2024 levels. */
  readonly mid: number;
  /** Typical spread in points. */
  readonly spreadPoints: number;
  /** Standard deviation of the daily relative move. */
  readonly dailyVolatility: number;
  /** Price of one unit of the profit currency in USD, to size positions (not used for valuation). */
  readonly profitInUsd: number;
}

type Row = [symbol: string, assetClass: AssetClass, digits: number, contractSize: string, base: string, profit: string, mid: number, spreadPoints: number, dailyVolatility: number];

// Fifty symbols a retail MetaTrader server quotes. Profits come in USD, EUR,
// GBP, JPY, CHF, CAD, AUD, NZD, SEK, NOK, MXN, ZAR and SGD, so the USD account
// converts through direct (EURUSD, GBPUSD, AUDUSD, NZDUSD) and inverse
// (USDJPY, USDCHF, USDCAD and the exotics) cross rates.
const ROWS: readonly Row[] = [
  ['EURUSD', 'forex', 5, '100000', 'EUR', 'USD', 1.085, 12, 0.005],
  ['GBPUSD', 'forex', 5, '100000', 'GBP', 'USD', 1.27, 15, 0.006],
  ['AUDUSD', 'forex', 5, '100000', 'AUD', 'USD', 0.66, 14, 0.007],
  ['NZDUSD', 'forex', 5, '100000', 'NZD', 'USD', 0.61, 18, 0.007],
  ['USDCAD', 'forex', 5, '100000', 'USD', 'CAD', 1.36, 16, 0.005],
  ['USDCHF', 'forex', 5, '100000', 'USD', 'CHF', 0.88, 15, 0.005],
  ['USDJPY', 'forex', 3, '100000', 'USD', 'JPY', 150, 14, 0.006],
  ['EURGBP', 'forex', 5, '100000', 'EUR', 'GBP', 0.854, 15, 0.004],
  ['EURJPY', 'forex', 3, '100000', 'EUR', 'JPY', 162.7, 20, 0.006],
  ['EURCHF', 'forex', 5, '100000', 'EUR', 'CHF', 0.955, 18, 0.004],
  ['EURAUD', 'forex', 5, '100000', 'EUR', 'AUD', 1.644, 25, 0.006],
  ['EURCAD', 'forex', 5, '100000', 'EUR', 'CAD', 1.476, 25, 0.005],
  ['EURNZD', 'forex', 5, '100000', 'EUR', 'NZD', 1.779, 35, 0.006],
  ['GBPJPY', 'forex', 3, '100000', 'GBP', 'JPY', 190.5, 25, 0.007],
  ['GBPCHF', 'forex', 5, '100000', 'GBP', 'CHF', 1.118, 25, 0.005],
  ['GBPAUD', 'forex', 5, '100000', 'GBP', 'AUD', 1.924, 30, 0.006],
  ['GBPCAD', 'forex', 5, '100000', 'GBP', 'CAD', 1.727, 30, 0.005],
  ['GBPNZD', 'forex', 5, '100000', 'GBP', 'NZD', 2.082, 40, 0.007],
  ['AUDJPY', 'forex', 3, '100000', 'AUD', 'JPY', 99.0, 20, 0.008],
  ['AUDCAD', 'forex', 5, '100000', 'AUD', 'CAD', 0.898, 22, 0.005],
  ['AUDCHF', 'forex', 5, '100000', 'AUD', 'CHF', 0.581, 22, 0.006],
  ['AUDNZD', 'forex', 5, '100000', 'AUD', 'NZD', 1.082, 25, 0.004],
  ['NZDJPY', 'forex', 3, '100000', 'NZD', 'JPY', 91.5, 25, 0.008],
  ['NZDCAD', 'forex', 5, '100000', 'NZD', 'CAD', 0.829, 28, 0.006],
  ['NZDCHF', 'forex', 5, '100000', 'NZD', 'CHF', 0.537, 28, 0.006],
  ['CADJPY', 'forex', 3, '100000', 'CAD', 'JPY', 110.3, 22, 0.007],
  ['CADCHF', 'forex', 5, '100000', 'CAD', 'CHF', 0.647, 25, 0.005],
  ['CHFJPY', 'forex', 3, '100000', 'CHF', 'JPY', 170.5, 25, 0.006],
  ['USDSEK', 'forex', 5, '100000', 'USD', 'SEK', 10.5, 300, 0.007],
  ['USDNOK', 'forex', 5, '100000', 'USD', 'NOK', 10.7, 350, 0.008],
  ['USDMXN', 'forex', 5, '100000', 'USD', 'MXN', 17.0, 400, 0.009],
  ['USDZAR', 'forex', 5, '100000', 'USD', 'ZAR', 18.5, 600, 0.01],
  ['USDSGD', 'forex', 5, '100000', 'USD', 'SGD', 1.35, 40, 0.003],
  ['XAUUSD', 'metals', 2, '100', 'XAU', 'USD', 2350, 25, 0.01],
  ['XAGUSD', 'metals', 3, '5000', 'XAG', 'USD', 29.5, 25, 0.018],
  ['XPTUSD', 'metals', 2, '100', 'XPT', 'USD', 980, 300, 0.015],
  ['XAUEUR', 'metals', 2, '100', 'XAU', 'EUR', 2166, 40, 0.01],
  ['US30', 'indices', 2, '1', 'USD', 'USD', 39000, 200, 0.01],
  ['US500', 'indices', 2, '1', 'USD', 'USD', 5300, 50, 0.01],
  ['NAS100', 'indices', 2, '1', 'USD', 'USD', 18500, 150, 0.013],
  ['GER40', 'indices', 2, '1', 'EUR', 'EUR', 18000, 150, 0.011],
  ['FRA40', 'indices', 2, '1', 'EUR', 'EUR', 7900, 120, 0.011],
  ['UK100', 'indices', 2, '1', 'GBP', 'GBP', 8200, 150, 0.009],
  ['JP225', 'indices', 0, '1', 'JPY', 'JPY', 38500, 10, 0.013],
  ['AUS200', 'indices', 1, '1', 'AUD', 'AUD', 7700, 20, 0.009],
  ['USOIL', 'commodities', 3, '1000', 'USD', 'USD', 78.5, 30, 0.02],
  ['UKOIL', 'commodities', 3, '1000', 'USD', 'USD', 82.6, 30, 0.019],
  ['BTCUSD', 'crypto', 2, '1', 'BTC', 'USD', 65000, 3000, 0.03],
  ['ETHUSD', 'crypto', 2, '1', 'ETH', 'USD', 3500, 250, 0.035],
  ['LTCUSD', 'crypto', 2, '1', 'LTC', 'USD', 80, 300, 0.04],
];

const MARGIN_MODE: Record<AssetClass, MarginCalculationMode> = {
  forex: 'forex',
  metals: 'cfd_leverage',
  indices: 'cfd_leverage',
  commodities: 'cfd_leverage',
  crypto: 'cfd_leverage',
  stocks: 'cfd_leverage',
};

const mids = new Map(ROWS.map((row) => [row[0], row[6]]));

/** USD per unit of a currency, from the majors' mids (sizing only). */
function usdPer(currency: string): number {
  if (currency === 'USD') return 1;
  const direct = mids.get(`${currency}USD`);
  if (direct !== undefined) return direct;
  const inverse = mids.get(`USD${currency}`);
  if (inverse !== undefined) return 1 / inverse;
  throw new RangeError(`no USD rate for ${currency}`);
}

export const BENCH_SYMBOLS: readonly BenchSymbol[] = ROWS.map(
  ([symbol, assetClass, digits, contractSize, base, profit, mid, spreadPoints, dailyVolatility]) => ({
    spec: {
      symbol,
      description: symbol,
      assetClass,
      digits,
      contractSize: new Decimal(contractSize),
      baseCurrency: base,
      profitCurrency: profit,
      marginCurrency: assetClass === 'forex' ? base : profit,
      marginMode: MARGIN_MODE[assetClass],
      marginRate: new Decimal(1),
      swapLong: new Decimal(0),
      swapShort: new Decimal(0),
      tripleSwapDay: 3,
      volumeMin: new Decimal('0.01'),
      volumeMax: new Decimal(100),
      volumeStep: new Decimal('0.01'),
    },
    mid,
    spreadPoints,
    dailyVolatility,
    profitInUsd: usdPer(profit),
  }),
);
