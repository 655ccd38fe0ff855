import { Decimal } from 'decimal.js';
import {
  type AssetClass,
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
import { fromServerTime, UTC_SERVER, type ServerTimeZone } from './server-time.js';
import type { Mt5WebApiConnection } from './web-api-connection.js';

export interface Mt5PriceFeedOptions {
  /** Symbols this feed quotes. */
  readonly symbols: readonly string[];
  readonly serverTime?: ServerTimeZone;
  readonly tickPollIntervalMs?: number;
  /** Asset class per symbol when the symbol path does not tell. */
  readonly assetClasses?: Readonly<Record<string, AssetClass>>;
  readonly onError?: (error: unknown) => void;
}

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
