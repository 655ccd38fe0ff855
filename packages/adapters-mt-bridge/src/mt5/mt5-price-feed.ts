import { Decimal } from 'decimal.js';
import {
  TradingPlatformError,
  type AssetClass,
  type Candle,
  type Clock,
  type MarginCalculationMode,
  type PriceFeed,
  type Subscription,
  type SymbolSpecification,
  type Tick,
  type TickListener,
  type Weekday,
} from '@tradesense/application';
import { KeyedListeners } from '../shared/listener-set.js';
import { asRecord, asRecords, decimalField, integerField, lotsOf, serverMillis, textField } from './mt5-records.js';
import { fromServerTime, toServerSeconds, UTC_SERVER, type ServerTimeZone } from './server-time.js';
import type { Mt5WebApiConnection } from './web-api-connection.js';

export interface Mt5PriceFeedOptions {
  /** Symbols this feed quotes. */
  readonly symbols: readonly string[];
  readonly serverTime?: ServerTimeZone;
  readonly tickPollIntervalMs?: number;
  /** Asset class per symbol when the symbol path does not tell. */
  readonly assetClasses?: Readonly<Record<string, AssetClass>>;
  readonly onError?: (error: unknown) => void;
  /** Where "now" ends the chart window (the system clock by default). */
  readonly clock?: Clock;
}

/** Four days of minutes: a window that still reaches back past a weekend or a holiday. */
const LONG_CHART_WINDOW_MINUTES = 4 * 1_440;

// IMTConSymbol::EnCalcMode
const CALC_MODES: Readonly<Record<number, MarginCalculationMode>> = {
  0: 'forex',
  1: 'cfd',
  2: 'cfd',
  3: 'cfd_index',
  4: 'cfd_leverage',
  5: 'forex_no_leverage',
};

const PATH_CLASSES: readonly [RegExp, AssetClass][] = [
  [/crypto|bitcoin|btc|eth/i, 'crypto'],
  [/metal|gold|silver|xau|xag/i, 'metals'],
  [/ind(ex|ices)|cash|spx|us30|ger/i, 'indices'],
  [/commod|energ|oil|gas/i, 'commodities'],
  [/stock|share|equit/i, 'stocks'],
  [/forex|fx|major|minor|exotic/i, 'forex'],
];

/** The `PriceFeed` port over the MT5 Web API: symbol configs and polled last ticks. */
export class Mt5PriceFeed implements PriceFeed {
  readonly #zone: ServerTimeZone;
  readonly #listeners = new KeyedListeners<Tick>();
  readonly #last = new Map<string, Tick>();
  #specs: Promise<Map<string, SymbolSpecification>> | null = null;
  #transId = '0';
  #timer: NodeJS.Timeout | null = null;
  #polling = false;

  constructor(
    private readonly connection: Mt5WebApiConnection,
    private readonly options: Mt5PriceFeedOptions,
  ) {
    this.#zone = options.serverTime ?? UTC_SERVER;
  }

  async symbols(): Promise<readonly SymbolSpecification[]> {
    return [...(await this.#loadSpecs()).values()];
  }

  async symbol(name: string): Promise<SymbolSpecification | null> {
    return (await this.#loadSpecs()).get(name) ?? null;
  }

  async lastTick(symbol: string): Promise<Tick | null> {
    const known = this.#last.get(symbol);
    if (known) return known;
    const answer = await this.connection.get('/api/tick/last', { symbol, trans_id: 0 }, { idempotent: true });
    const [record] = asRecords(answer['answer']);
    return record ? this.#remember(record) : null;
  }

  /**
   * One-minute bars from `/api/chart/get` (server-time seconds, open, high,
   * low, close). A short window is asked first; when the market was closed
   * for part of it, a window spanning a weekend fills the count.
   */
  async recentCandles(symbol: string, count: number): Promise<readonly Candle[]> {
    const wanted = Math.max(0, Math.floor(count));
    if (wanted === 0) return [];
    const to = (this.options.clock ?? { now: () => new Date() }).now();
    let candles = await this.#chart(symbol, to, wanted * 2);
    if (candles.length < wanted) candles = await this.#chart(symbol, to, LONG_CHART_WINDOW_MINUTES);
    return candles.slice(-wanted);
  }

  subscribe(symbols: readonly string[], listener: TickListener): Subscription {
    const subscription = this.#listeners.add(symbols, listener);
    this.#ensurePolling();
    return {
      unsubscribe: () => {
        subscription.unsubscribe();
        if (this.#listeners.keys().length === 0) this.#stopPolling();
      },
    };
  }

  /** Stops polling (the connection is closed by its owner). */
  close(): void {
    this.#stopPolling();
  }

  #loadSpecs(): Promise<Map<string, SymbolSpecification>> {
    this.#specs ??= (async () => {
      const specs = new Map<string, SymbolSpecification>();
      for (const name of this.options.symbols) {
        const answer = await this.connection.get('/api/symbol/get', { symbol: name }, { idempotent: true });
        specs.set(name, this.#toSpec(asRecord(answer['answer'])));
      }
      return specs;
    })();
    this.#specs.catch(() => {
      this.#specs = null;
    });
    return this.#specs;
  }

  #toSpec(record: Record<string, unknown>): SymbolSpecification {
    const symbol = textField(record, 'Symbol');
    const swap3Day = integerField(record, 'Swap3Day');
    const calcMode = CALC_MODES[integerField(record, 'CalcMode')] ?? 'cfd';
    return {
      symbol,
      description: textField(record, 'Description'),
      assetClass: this.options.assetClasses?.[symbol] ?? classify(textField(record, 'Path'), calcMode),
      digits: integerField(record, 'Digits'),
      contractSize: decimalField(record, 'ContractSize'),
      baseCurrency: textField(record, 'CurrencyBase'),
      profitCurrency: textField(record, 'CurrencyProfit'),
      marginCurrency: textField(record, 'CurrencyMargin') || textField(record, 'CurrencyBase'),
      marginMode: calcMode,
      marginRate: new Decimal(1),
      swapLong: decimalField(record, 'SwapLong'),
      swapShort: decimalField(record, 'SwapShort'),
      tripleSwapDay: swap3Day >= 0 && swap3Day <= 6 ? (swap3Day as Weekday) : null,
      volumeMin: lotsOf(record, 'VolumeMin'),
      volumeMax: lotsOf(record, 'VolumeMax'),
      volumeStep: lotsOf(record, 'VolumeStep'),
    };
  }

  #remember(record: Record<string, unknown>): Tick {
    const tick: Tick = {
      symbol: textField(record, 'Symbol'),
      bid: decimalField(record, 'Bid'),
      ask: decimalField(record, 'Ask'),
      time: fromServerTime(this.#zone, serverMillis(record, 'Datetime', 'DatetimeMsc')),
    };
    this.#last.set(tick.symbol, tick);
    return tick;
  }

  async #chart(symbol: string, to: Date, minutes: number): Promise<Candle[]> {
    const from = new Date(to.getTime() - minutes * 60_000);
    const answer = await this.connection.get(
      '/api/chart/get',
      { symbol, from: toServerSeconds(this.#zone, from), to: toServerSeconds(this.#zone, to), data: 'dohlc' },
      { idempotent: true },
    );
    const rows = answer['answer'];
    if (rows === undefined || rows === null) return [];
    if (!Array.isArray(rows)) throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'MT5 answered the chart with an unexpected shape');
    return rows.map((row) => this.#toCandle(row)).sort((a, b) => a.time.getTime() - b.time.getTime());
  }

  #toCandle(row: unknown): Candle {
    if (!Array.isArray(row) || row.length < 5) throw new TradingPlatformError('PLATFORM.UNAVAILABLE', 'MT5 answered a chart bar with an unexpected shape');
    // Bars come as arrays in the order of `data=dohlc`; numbers may be JSON strings like every other field.
    const field = (index: number): Decimal => decimalField({ value: row[index] as unknown }, 'value');
    return { time: fromServerTime(this.#zone, field(0).toNumber() * 1_000), open: field(1), high: field(2), low: field(3), close: field(4) };
  }

  #ensurePolling(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#poll(), this.options.tickPollIntervalMs ?? 250);
    this.#timer.unref();
    void this.#poll();
  }

  #stopPolling(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Asks only for ticks newer than the last transaction id seen. */
  async #poll(): Promise<void> {
    const symbols = this.#listeners.keys();
    if (this.#polling || symbols.length === 0) return;
    this.#polling = true;
    try {
      const answer = await this.connection.get('/api/tick/last', { symbol: symbols.join(','), trans_id: this.#transId }, { idempotent: true });
      if (answer['trans_id'] !== undefined) this.#transId = String(answer['trans_id']);
      for (const record of asRecords(answer['answer'])) {
        const tick = this.#remember(record);
        this.#listeners.emit(tick.symbol, tick);
      }
    } catch (error) {
      // The next poll tries again; the connection re-authenticates by itself.
      this.options.onError?.(error);
    } finally {
      this.#polling = false;
    }
  }
}

function classify(path: string, mode: MarginCalculationMode): AssetClass {
  for (const [pattern, assetClass] of PATH_CLASSES) if (pattern.test(path)) return assetClass;
  return mode === 'forex' || mode === 'forex_no_leverage' ? 'forex' : 'indices';
}
