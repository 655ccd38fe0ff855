import type { Decimal } from 'decimal.js';
import type { Candle } from './signal-provider.js';
import { token, type Token } from './token.js';

/** How the platform turns volume into required margin (the MT5 calculation modes). */
export type MarginCalculationMode =
  /** lots × contract size / leverage × margin rate, in the base currency. */
  | 'forex'
  /** lots × contract size × margin rate, in the base currency (leverage ignored). */
  | 'forex_no_leverage'
  /** lots × contract size × market price × margin rate, in the margin currency. */
  | 'cfd'
  /** lots × contract size × market price / leverage × margin rate, in the margin currency. */
  | 'cfd_leverage'
  /** lots × contract size × market price × tick value / tick size × margin rate. */
  | 'cfd_index';

/** The rule book's asset classes (lot limits per class, competition lot caps). */
export type AssetClass = 'forex' | 'metals' | 'indices' | 'crypto' | 'commodities' | 'stocks';

/** ISO weekday number, Sunday = 0 … Saturday = 6 (the MT5 `Swap3Day` convention). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface SymbolSpecification {
  readonly symbol: string;
  readonly description: string;
  readonly assetClass: AssetClass;
  /** Decimal places of a price; one point = 10^-digits. */
  readonly digits: number;
  readonly contractSize: Decimal;
  readonly baseCurrency: string;
  readonly profitCurrency: string;
  readonly marginCurrency: string;
  readonly marginMode: MarginCalculationMode;
  /** Multiplier applied on top of the mode's formula (1 unless the broker says otherwise). */
  readonly marginRate: Decimal;
  /** Overnight swap per lot, in points of price, for long and short positions. */
  readonly swapLong: Decimal;
  readonly swapShort: Decimal;
  /** Local trading day on whose rollover the swap is charged three times (null: never). */
  readonly tripleSwapDay: Weekday | null;
  readonly volumeMin: Decimal;
  readonly volumeMax: Decimal;
  readonly volumeStep: Decimal;
}

export interface Tick {
  readonly symbol: string;
  readonly bid: Decimal;
  readonly ask: Decimal;
  readonly time: Date;
}

export type TickListener = (tick: Tick) => void;

/** Returned by every subscription; calling `unsubscribe` twice is harmless. */
export interface Subscription {
  unsubscribe(): void;
}

/**
 * Prices and symbol specifications. Ticks are pushed per symbol so a consumer
 * (the risk engine, the WebSocket gateway) only hears about what it holds.
 */
export interface PriceFeed {
  symbols(): Promise<readonly SymbolSpecification[]>;
  /** The specification of one symbol, or null when the feed does not quote it. */
  symbol(name: string): Promise<SymbolSpecification | null>;
  /** The most recent tick of a symbol, or null before the first one. */
  lastTick(symbol: string): Promise<Tick | null>;
  /**
   * Up to `count` most recent one-minute bid candles of a symbol, oldest
   * first, the last one possibly still forming; fewer, or none, when the
   * feed holds less history.
   */
  recentCandles(symbol: string, count: number): Promise<readonly Candle[]>;
  /** Every later tick of the given symbols, in time order per symbol. */
  subscribe(symbols: readonly string[], listener: TickListener): Subscription;
}

export const PRICE_FEED: Token<PriceFeed> = token<PriceFeed>('PriceFeed');
