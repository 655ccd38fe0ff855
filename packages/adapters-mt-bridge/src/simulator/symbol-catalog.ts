import { Decimal } from 'decimal.js';
import type { AssetClass, MarginCalculationMode, SymbolSpecification, Weekday } from '@tradesense/application';

/** A symbol as the simulator quotes it: the specification plus how its price moves. */
export interface SimulatedSymbol {
  readonly spec: SymbolSpecification;
  /** Typical spread in points; the live spread widens a little with volatility. */
  readonly spreadPoints: number;
  /** Mid price the random walk starts from. */
  readonly startPrice: number;
  /** Standard deviation of the daily relative move (0.005 = 0.5 %). */
  readonly dailyVolatility: number;
}

interface SymbolRow {
  symbol: string;
  description: string;
  assetClass: AssetClass;
  digits: number;
  contractSize: string;
  base: string;
  profit: string;
  margin: string;
  mode: MarginCalculationMode;
  swapLong: string;
  swapShort: string;
  spreadPoints: number;
  startPrice: number;
  dailyVolatility: number;
  volumeMax?: string;
}

const WEDNESDAY: Weekday = 3;

// Swaps are in points per lot per night; Wednesday's rollover counts three nights.
const ROWS: readonly SymbolRow[] = [
  { symbol: 'EURUSD', description: 'Euro vs US Dollar', assetClass: 'forex', digits: 5, contractSize: '100000', base: 'EUR', profit: 'USD', margin: 'EUR', mode: 'forex', swapLong: '-7.5', swapShort: '2.1', spreadPoints: 12, startPrice: 1.085, dailyVolatility: 0.005 },
  { symbol: 'GBPUSD', description: 'Great Britain Pound vs US Dollar', assetClass: 'forex', digits: 5, contractSize: '100000', base: 'GBP', profit: 'USD', margin: 'GBP', mode: 'forex', swapLong: '-5.2', swapShort: '0.8', spreadPoints: 15, startPrice: 1.27, dailyVolatility: 0.006 },
  { symbol: 'AUDUSD', description: 'Australian Dollar vs US Dollar', assetClass: 'forex', digits: 5, contractSize: '100000', base: 'AUD', profit: 'USD', margin: 'AUD', mode: 'forex', swapLong: '-3.1', swapShort: '-1.2', spreadPoints: 14, startPrice: 0.66, dailyVolatility: 0.007 },
  { symbol: 'NZDUSD', description: 'New Zealand Dollar vs US Dollar', assetClass: 'forex', digits: 5, contractSize: '100000', base: 'NZD', profit: 'USD', margin: 'NZD', mode: 'forex', swapLong: '-2.4', swapShort: '-1.9', spreadPoints: 18, startPrice: 0.61, dailyVolatility: 0.007 },
  { symbol: 'USDCAD', description: 'US Dollar vs Canadian Dollar', assetClass: 'forex', digits: 5, contractSize: '100000', base: 'USD', profit: 'CAD', margin: 'USD', mode: 'forex', swapLong: '1.3', swapShort: '-6.8', spreadPoints: 16, startPrice: 1.36, dailyVolatility: 0.005 },
  { symbol: 'USDCHF', description: 'US Dollar vs Swiss Franc', assetClass: 'forex', digits: 5, contractSize: '100000', base: 'USD', profit: 'CHF', margin: 'USD', mode: 'forex', swapLong: '4.2', swapShort: '-9.6', spreadPoints: 15, startPrice: 0.88, dailyVolatility: 0.005 },
  { symbol: 'USDJPY', description: 'US Dollar vs Japanese Yen', assetClass: 'forex', digits: 3, contractSize: '100000', base: 'USD', profit: 'JPY', margin: 'USD', mode: 'forex', swapLong: '12.5', swapShort: '-25', spreadPoints: 14, startPrice: 150, dailyVolatility: 0.006 },
  { symbol: 'XAUUSD', description: 'Gold vs US Dollar', assetClass: 'metals', digits: 2, contractSize: '100', base: 'XAU', profit: 'USD', margin: 'USD', mode: 'cfd_leverage', swapLong: '-45', swapShort: '20', spreadPoints: 25, startPrice: 2350, dailyVolatility: 0.01, volumeMax: '50' },
  { symbol: 'US30', description: 'Dow Jones Industrial Average index', assetClass: 'indices', digits: 2, contractSize: '1', base: 'USD', profit: 'USD', margin: 'USD', mode: 'cfd_leverage', swapLong: '-120', swapShort: '40', spreadPoints: 200, startPrice: 39000, dailyVolatility: 0.01 },
  { symbol: 'GER40', description: 'Germany 40 index', assetClass: 'indices', digits: 2, contractSize: '1', base: 'EUR', profit: 'EUR', margin: 'EUR', mode: 'cfd_leverage', swapLong: '-90', swapShort: '25', spreadPoints: 150, startPrice: 18000, dailyVolatility: 0.011 },
  { symbol: 'BTCUSD', description: 'Bitcoin vs US Dollar', assetClass: 'crypto', digits: 2, contractSize: '1', base: 'BTC', profit: 'USD', margin: 'USD', mode: 'cfd_leverage', swapLong: '-2000', swapShort: '-2000', spreadPoints: 3000, startPrice: 65000, dailyVolatility: 0.03, volumeMax: '10' },
];

const toSimulated = (row: SymbolRow): SimulatedSymbol => ({
  spec: {
    symbol: row.symbol,
    description: row.description,
    assetClass: row.assetClass,
    digits: row.digits,
    contractSize: new Decimal(row.contractSize),
    baseCurrency: row.base,
    profitCurrency: row.profit,
    marginCurrency: row.margin,
    marginMode: row.mode,
    marginRate: new Decimal(1),
    swapLong: new Decimal(row.swapLong),
    swapShort: new Decimal(row.swapShort),
    tripleSwapDay: WEDNESDAY,
    volumeMin: new Decimal('0.01'),
    volumeMax: new Decimal(row.volumeMax ?? '100'),
    volumeStep: new Decimal('0.01'),
  },
  spreadPoints: row.spreadPoints,
  startPrice: row.startPrice,
  dailyVolatility: row.dailyVolatility,
});

/** Forex majors, a JPY pair, gold, two indices (one quoted in EUR) and bitcoin. */
export const DEFAULT_SYMBOLS: readonly SimulatedSymbol[] = ROWS.map(toSimulated);

export const pointOf = (spec: SymbolSpecification): Decimal => new Decimal(10).pow(-spec.digits);
