import { Decimal } from 'decimal.js';
import {
  TradingPlatformError,
  type AssetClass,
  type BalanceOperationRequest,
  type BalanceOperationResult,
  type Candle,
  type Clock,
  type CreateTradingAccountRequest,
  type Deal,
  type DealKind,
  type DealReason,
  type OpenPosition,
  type SimulatedAccountRecord,
  type SimulatedPositionRecord,
  type SimulatedTradingStore,
  type SimulatedTradingTransaction,
  type Subscription,
  type SymbolSpecification,
  type Tick,
  type TickListener,
  type TradingAccountCredentials,
  type TradingAccountState,
  type TradingLogin,
} from '@tradesense/application';
import { KeyedListeners } from '../shared/listener-set.js';
import { toCents, ZERO } from '../shared/money.js';
import { generatePlatformPassword } from '../shared/passwords.js';
import { AccountValuation } from './account-valuation.js';
import { CandleHistory } from './candle-history.js';
import { DEFAULT_COMMISSIONS, type CommissionSchedule } from './commission-schedule.js';
import { CurrencyConverter, type ApproxQuote } from './currency-converter.js';
import { InMemorySimulatedTradingStore } from './in-memory-simulated-trading-store.js';
import type { PriceSource } from './price-source.js';
import { nightlySwapInProfitCurrency } from './profit-calculator.js';
import { RandomWalkPriceSource } from './random-walk-price-source.js';
import { ReplayPriceSource } from './replay-price-source.js';
import type { MarketOrder, OrderFill, SimulatedAccount, SimulatedPosition } from './simulated-account.js';
import { DEFAULT_SYMBOLS, type SimulatedSymbol } from './symbol-catalog.js';
import { endingTradingDayWeekday, NEW_YORK_5PM, nextResetAfter, type TradingDayReset } from './trading-day.js';

export interface SimulatedTradingServerOptions {
  /** Seed of the random-walk feed; one seed, one price path. */
  readonly seed?: number | string;
  readonly symbols?: readonly SimulatedSymbol[];
  /** Simulation time at start (and the first tick of the random walk). */
  readonly startAt: Date;
  /** Ticks to replay instead of a random walk (tests that need exact prices). */
  readonly replay?: readonly Tick[];
  /** Any other tick source. */
  readonly priceSource?: PriceSource;
  /** Random-walk step: every symbol ticks once per step. */
  readonly stepMs?: number;
  readonly commissions?: CommissionSchedule;
  /** Margin level (percent) at or below which positions are closed, worst first. */
  readonly stopOutLevel?: Decimal;
  /** The firm's trading-day reset, for Wednesday's triple swap and automatic rollovers. */
  readonly tradingDay?: TradingDayReset;
  /** Charge swaps by itself whenever time crosses a reset instant. */
  readonly autoRollover?: boolean;
  readonly accountCurrency?: string;
  /** The first login ever handed out (the store's login sequence starts here). */
  readonly firstLogin?: number;
  /**
   * Where accounts, positions, deals, balance operations and number
   * sequences live; in this process's memory unless given. Servers in several
   * processes over one database store are one trading server.
   */
  readonly store?: SimulatedTradingStore;
  /** A failure of a live-mode step (the timer keeps running). */
  readonly onLiveError?: (error: unknown) => void;
}

const WEEKEND = new Set([0, 6]);
/** Percentage points above the stop-out level that still get the exact check. */
const STOP_OUT_SCREEN_MARGIN = 1;
const FIRST_DEAL_TICKET = 1_000_001;

/** The open positions of every account, read once per batch of ticks. */
interface OpenBook {
  readonly accounts: Map<TradingLogin, SimulatedAccount>;
  readonly bySymbol: Map<string, SimulatedPosition[]>;
}

/**
 * The embedded trading server: accounts, market orders with SL/TP, margin by
 * the MT5 calculation modes, profit converted through cross rates,
 * commissions, swaps at rollover and stop-out. Time only moves when the caller
 * says so (`advanceTo`, `pushTick`, or the explicit live mode), so a seed and a
 * sequence of calls always give the same books.
 *
 * Prices live in the process; the books live in the store. Every change is
 * one store transaction that locks the account first, so several servers over
 * one database (one per API or worker process) act as one trading server: a
 * position closed by a stop, a stop-out or a dealer is closed by whichever
 * process gets the lock first, and the others find it gone.
 */
export class SimulatedTradingServer {
  readonly #symbols = new Map<string, SimulatedSymbol>();
  readonly #quotes = new Map<string, Tick>();
  readonly #approxQuotes = new Map<string, ApproxQuote>();
  /** Symbols whose price changes the valuation of positions in the keyed symbol. */
  readonly #affectedBy = new Map<string, string[]>();
  readonly #store: SimulatedTradingStore;
  readonly #tickListeners = new KeyedListeners<Tick>();
  readonly #dealListeners = new KeyedListeners<TradingLogin>();
  readonly #candles = new CandleHistory();
  readonly #appliedRollovers = new Set<number>();
  readonly #converter: CurrencyConverter;
  readonly #valuation: AccountValuation;
  readonly #source: PriceSource;
  readonly #commissions: CommissionSchedule;
  readonly #stopOutLevel: Decimal;
  readonly #stopOutScreen: number;
  readonly #tradingDay: TradingDayReset;
  readonly #autoRollover: boolean;
  readonly #firstLogin: number;
  readonly #onLiveError: (error: unknown) => void;
  readonly accountCurrency: string;
  #now: Date;
  #nextRollover: Date;
  #liveTimer: NodeJS.Timeout | null = null;
  /** Market steps (ticks, rollovers) run one after another, in time order. */
  #market: Promise<void> = Promise.resolve();
  #unwatchDeals: Promise<() => Promise<void>> | null = null;

  constructor(options: SimulatedTradingServerOptions) {
    const symbols = options.symbols ?? DEFAULT_SYMBOLS;
    for (const symbol of symbols) this.#symbols.set(symbol.spec.symbol, symbol);
    this.accountCurrency = options.accountCurrency ?? 'USD';
    const quote = (name: string): Tick | undefined => this.#quotes.get(name);
    this.#converter = new CurrencyConverter(this.accountCurrency, symbols.map((s) => s.spec), quote);
    this.#valuation = new AccountValuation(this.#converter, quote, (name) => this.#approxQuotes.get(name));
    this.#source =
      options.priceSource ??
      (options.replay
        ? new ReplayPriceSource(options.replay)
        : new RandomWalkPriceSource({ seed: options.seed ?? 1, symbols, startAt: options.startAt, stepMs: options.stepMs }));
    this.#store = options.store ?? new InMemorySimulatedTradingStore();
    this.#commissions = options.commissions ?? DEFAULT_COMMISSIONS;
    this.#stopOutLevel = options.stopOutLevel ?? new Decimal(50);
    this.#stopOutScreen = this.#stopOutLevel.toNumber() + STOP_OUT_SCREEN_MARGIN;
    this.#tradingDay = options.tradingDay ?? NEW_YORK_5PM;
    this.#autoRollover = options.autoRollover ?? false;
    this.#now = options.startAt;
    this.#firstLogin = options.firstLogin ?? 5_000_001;
    this.#onLiveError = options.onLiveError ?? (() => undefined);
    this.#nextRollover = nextResetAfter(options.startAt, this.#tradingDay);
    this.#indexDependencies(symbols);
  }

  // ---- time and prices ---------------------------------------------------

  now(): Date {
    return this.#now;
  }

  symbols(): readonly SymbolSpecification[] {
    return [...this.#symbols.values()].map((symbol) => symbol.spec);
  }

  symbol(name: string): SymbolSpecification | null {
    return this.#symbols.get(name)?.spec ?? null;
  }

  lastTick(symbol: string): Tick | null {
    return this.#quotes.get(symbol) ?? null;
  }

  onTicks(symbols: readonly string[], listener: TickListener): Subscription {
    return this.#tickListeners.add(symbols, listener);
  }

  /** One-minute bid candles of the ticks applied so far, oldest first (the last may still be forming). */
  recentCandles(symbol: string, count: number): Candle[] {
    return this.#candles.recent(symbol, count);
  }

  /** Runs the feed up to `instant`: every due tick, then rollovers, then the clock. */
  advanceTo(instant: Date): Promise<void> {
    return this.#marketStep(async () => {
      if (instant.getTime() < this.#now.getTime()) return;
      let book: OpenBook | null = null;
      for (const tick of this.#source.ticksUntil(instant)) {
        if (await this.#rollOverUntil(tick.time)) book = null;
        book ??= await this.#openBook();
        if (await this.#applyTick(tick, book)) book = null;
      }
      await this.#rollOverUntil(instant);
      this.#now = instant;
    });
  }

  /** Applies one tick: quotes, stop levels, stop-out, then subscribers. */
  pushTick(tick: Tick): Promise<void> {
    if (!this.#symbols.has(tick.symbol)) return Promise.reject(new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Unknown symbol ${tick.symbol}`));
    return this.#marketStep(async () => {
      await this.#applyTick(tick, await this.#openBook());
    });
  }

  /** Resolves once every market step asked for so far has run. */
  settled(): Promise<void> {
    return this.#market;
  }

  /** Timer-driven mode for the embedded runtime: follows the clock until stopped. Resolves after the first step. */
  startLive(clock: Clock, intervalMs = 1_000): Promise<void> {
    if (this.#liveTimer) return this.#market;
    const step = (): Promise<void> => this.advanceTo(clock.now()).catch((error: unknown) => this.#onLiveError(error));
    this.#liveTimer = setInterval(() => void step(), intervalMs);
    this.#liveTimer.unref();
    return step();
  }

  stopLive(): void {
    if (this.#liveTimer) clearInterval(this.#liveTimer);
    this.#liveTimer = null;
  }

  get live(): boolean {
    return this.#liveTimer !== null;
  }

  /** Stops the live mode and deal announcements, once running steps have finished. */
  async close(): Promise<void> {
    this.stopLive();
    await this.#market;
    const unwatch = this.#unwatchDeals;
    this.#unwatchDeals = null;
    if (unwatch) await (await unwatch)();
  }

  /**
   * Charges one rollover's swap to every open position of accounts that are
   * not swap-free: the nightly swap, three times when the trading day that
   * ends here is the symbol's triple-swap day, nothing for weekend days.
   * Applying the same instant twice charges once (per account, in the store,
   * so several processes crossing the same reset charge once between them).
   */
  applyRollover(at: Date): Promise<void> {
    return this.#marketStep(() => this.#applyRollover(at));
  }

  // ---- accounts ------------------------------------------------------------

  createAccount(request: CreateTradingAccountRequest): Promise<TradingAccountCredentials> {
    if (!Number.isInteger(request.leverage) || request.leverage < 1) {
      return Promise.reject(new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Leverage must be a positive integer, got ${request.leverage}`));
    }
    return this.#store.transaction(async (tx) => {
      // The login comes from the store's sequence: never handed out twice, across restarts and processes.
      const login = String(await tx.nextNumber('login', this.#firstLogin));
      const account: SimulatedAccount = {
        login,
        name: request.name,
        email: request.email ?? null,
        swapFree: request.swapFree,
        group: request.group,
        leverage: request.leverage,
        tradingEnabled: true,
        balance: ZERO,
        positions: new Map(),
      };
      await tx.insertAccount(accountRecord(account));
      if (request.initialBalance.gt(0)) {
        await this.#balanceOperationIn(tx, account, {
          login,
          kind: 'deposit',
          amount: request.initialBalance,
          clientOperationId: `initial-balance:${login}`,
          comment: 'Initial balance',
        });
      }
      return { login, password: generatePlatformPassword(), investorPassword: generatePlatformPassword(), group: request.group };
    });
  }

  account(login: TradingLogin): Promise<TradingAccountState> {
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, login, false);
      const figures = this.#valuation.figures(account);
      return {
        login,
        group: account.group,
        leverage: account.leverage,
        currency: this.accountCurrency,
        swapFree: account.swapFree,
        tradingEnabled: account.tradingEnabled,
        balance: account.balance,
        equity: figures.equity,
        floatingProfit: figures.floatingProfit,
        margin: figures.margin,
        freeMargin: figures.freeMargin,
        marginLevel: figures.marginLevel,
      };
    });
  }

  positions(login: TradingLogin): Promise<OpenPosition[]> {
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, login, false);
      return [...account.positions.values()].map((position) => this.#valuation.describe(position));
    });
  }

  dealsAfter(login: TradingLogin, afterDealId: string | null, limit: number): Promise<Deal[]> {
    return this.#store.transaction(async (tx) => {
      await this.#existing(tx, login);
      return tx.dealsAfter(login, afterDealId, limit);
    });
  }

  dealsBetween(login: TradingLogin, from: Date, to: Date): Promise<Deal[]> {
    return this.#store.transaction(async (tx) => {
      await this.#existing(tx, login);
      return tx.dealsBetween(login, from, to);
    });
  }

  /** Called after each committed deal of the login, booked by this process or any other sharing the store. */
  onDeal(login: TradingLogin, listener: () => void): Subscription {
    this.#unwatchDeals ??= this.#store.watchDeals({
      deal: (dealt) => this.#dealListeners.emit(dealt, dealt),
      // Announcements may have been lost: every subscriber looks again.
      resumed: () => {
        for (const key of this.#dealListeners.keys()) this.#dealListeners.emit(key, key);
      },
    });
    return this.#dealListeners.add([login], () => listener());
  }

  dealCount(): Promise<number> {
    return this.#store.transaction((tx) => tx.dealCount());
  }

  balanceOperation(request: BalanceOperationRequest): Promise<BalanceOperationResult> {
    const amount = request.amount;
    if (!amount.isFinite() || amount.decimalPlaces() > 2 || amount.isZero()) {
      return Promise.reject(new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Amount must be a non-zero cent amount, got ${amount.toString()}`));
    }
    if (request.kind !== 'correction' && amount.isNegative()) {
      return Promise.reject(new TradingPlatformError('PLATFORM.INVALID_REQUEST', `A ${request.kind} amount must be positive`));
    }
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, request.login, true);
      const result = await this.#balanceOperationIn(tx, account, request);
      if (!result.replayed) await this.#stopOutIn(tx, account);
      return result;
    });
  }

  changeGroup(login: TradingLogin, group: string): Promise<void> {
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, login, true);
      account.group = group;
      await tx.updateAccount(accountRecord(account));
    });
  }

  changeLeverage(login: TradingLogin, leverage: number): Promise<void> {
    if (!Number.isInteger(leverage) || leverage < 1) {
      return Promise.reject(new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Leverage must be a positive integer, got ${leverage}`));
    }
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, login, true);
      account.leverage = leverage;
      await tx.updateAccount(accountRecord(account));
      await this.#stopOutIn(tx, account);
    });
  }

  setTradingEnabled(login: TradingLogin, enabled: boolean): Promise<void> {
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, login, true);
      account.tradingEnabled = enabled;
      await tx.updateAccount(accountRecord(account));
    });
  }

  // ---- trading ---------------------------------------------------------------

  /** A trader's market order: fills at the ask for buys, the bid for sells. */
  placeMarketOrder(order: MarketOrder): Promise<OrderFill> {
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, order.login, true);
      if (!account.tradingEnabled) {
        throw new TradingPlatformError('PLATFORM.TRADE_DISABLED', `Trading is disabled on ${order.login}`, 10017);
      }
      const symbol = this.#symbols.get(order.symbol);
      if (!symbol) throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Unknown symbol ${order.symbol}`, 10013);
      const spec = symbol.spec;
      this.#checkVolume(spec, order.volume);
      const tick = this.#valuation.tickOf(spec.symbol);
      const price = order.side === 'buy' ? tick.ask : tick.bid;
      const stopLoss = order.stopLoss ?? null;
      const takeProfit = order.takeProfit ?? null;
      this.#checkStops(order.side, order.side === 'buy' ? tick.bid : tick.ask, stopLoss, takeProfit);

      const draft = this.#position({
        positionId: '0',
        login: account.login,
        symbol: spec.symbol,
        side: order.side,
        volume: order.volume,
        openPrice: price,
        openedAt: this.#now,
        stopLoss,
        takeProfit,
        swap: ZERO,
      });
      const commission = this.#commission(spec.assetClass, order.volume);
      const before = this.#valuation.figures(account);
      const required = this.#valuation.margin(draft, account.leverage);
      // Profit conversion needs its cross rate too; fail before anything is booked.
      this.#valuation.profit(draft);
      if (before.equity.plus(commission).minus(before.margin).minus(toCents(required)).isNegative()) {
        throw new TradingPlatformError('PLATFORM.NOT_ENOUGH_MONEY', 'Not enough free margin for this order', 10019, {
          requiredMargin: toCents(required).toFixed(2),
          freeMargin: before.freeMargin.toFixed(2),
        });
      }
      const position: SimulatedPosition = { ...draft, positionId: String(await tx.nextNumber('position', 1)) };
      await tx.insertPosition(positionRecord(position));
      account.positions.set(position.positionId, position);
      account.balance = account.balance.plus(commission);
      await tx.updateAccount(accountRecord(account));
      const deal = await this.#recordTrade(tx, position, order.side, 'in', 'client', price, ZERO, ZERO, commission, order.comment ?? '');
      return { positionId: position.positionId, dealId: deal.dealId, price };
    });
  }

  modifyPosition(positionId: string, stops: { stopLoss: Decimal | null; takeProfit: Decimal | null }): Promise<void> {
    return this.#store.transaction(async (tx) => {
      const { position } = await this.#lockedPosition(tx, positionId);
      const tick = this.#valuation.tickOf(position.spec.symbol);
      this.#checkStops(position.side, position.side === 'buy' ? tick.bid : tick.ask, stops.stopLoss, stops.takeProfit);
      position.stopLoss = stops.stopLoss;
      position.takeProfit = stops.takeProfit;
      await tx.updatePosition(positionRecord(position));
    });
  }

  /** Closes a position at the market; a trader's own close needs trading enabled. */
  closePosition(positionId: string, reason: DealReason = 'client', comment = ''): Promise<Deal> {
    return this.#store.transaction(async (tx) => {
      const { account, position } = await this.#lockedPosition(tx, positionId);
      if (reason === 'client' && !account.tradingEnabled) {
        throw new TradingPlatformError('PLATFORM.TRADE_DISABLED', `Trading is disabled on ${account.login}`, 10017);
      }
      return this.#closeIn(tx, account, position, reason, comment);
    });
  }

  closeAllPositions(login: TradingLogin, reason: DealReason = 'dealer', comment = ''): Promise<{ positionId: string; dealId: string }[]> {
    return this.#store.transaction(async (tx) => {
      const account = await this.#load(tx, login, true);
      const closed: { positionId: string; dealId: string }[] = [];
      for (const position of [...account.positions.values()]) {
        closed.push({ positionId: position.positionId, dealId: (await this.#closeIn(tx, account, position, reason, comment)).dealId });
      }
      return closed;
    });
  }

  // ---- internals: books ------------------------------------------------------------

  async #existing(tx: SimulatedTradingTransaction, login: TradingLogin): Promise<SimulatedAccountRecord> {
    const record = await tx.account(login);
    if (!record) throw new TradingPlatformError('PLATFORM.ACCOUNT_NOT_FOUND', `No trading account ${login}`, 13);
    return record;
  }

  /** The account with its open positions; `lock` holds the account until the transaction ends. */
  async #load(tx: SimulatedTradingTransaction, login: TradingLogin, lock: boolean): Promise<SimulatedAccount> {
    const record = await tx.account(login, { lock });
    if (!record) throw new TradingPlatformError('PLATFORM.ACCOUNT_NOT_FOUND', `No trading account ${login}`, 13);
    return this.#assemble(record, await tx.positions(login));
  }

  #assemble(record: SimulatedAccountRecord, positions: readonly SimulatedPositionRecord[]): SimulatedAccount {
    return { ...record, positions: new Map(positions.map((position) => [position.positionId, this.#position(position)])) };
  }

  /** The position and its account, the account locked (the position's owner never changes). */
  async #lockedPosition(tx: SimulatedTradingTransaction, positionId: string): Promise<{ account: SimulatedAccount; position: SimulatedPosition }> {
    const record = await tx.position(positionId);
    if (record) {
      const account = await this.#load(tx, record.login, true);
      const position = account.positions.get(positionId);
      if (position) return { account, position };
    }
    throw new TradingPlatformError('PLATFORM.POSITION_NOT_FOUND', `No open position ${positionId}`, 13);
  }

  #position(record: SimulatedPositionRecord): SimulatedPosition {
    const spec = this.#symbols.get(record.symbol)?.spec;
    if (!spec) throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Unknown symbol ${record.symbol}`, 10013);
    return {
      positionId: record.positionId,
      login: record.login,
      spec,
      side: record.side,
      volume: record.volume,
      openPrice: record.openPrice,
      openedAt: record.openedAt,
      approx: { units: record.volume.times(spec.contractSize).toNumber(), openPrice: record.openPrice.toNumber(), marginRate: spec.marginRate.toNumber() },
      stopLoss: record.stopLoss,
      takeProfit: record.takeProfit,
      swap: record.swap,
    };
  }

  async #balanceOperationIn(tx: SimulatedTradingTransaction, account: SimulatedAccount, request: BalanceOperationRequest): Promise<BalanceOperationResult> {
    const amount = request.amount;
    const signed = request.kind === 'withdrawal' ? amount.negated() : amount;
    const earlier = await tx.balanceOperation(request.clientOperationId);
    if (earlier) {
      if (earlier.login !== request.login || earlier.kind !== request.kind || !earlier.amount.eq(signed)) {
        throw new TradingPlatformError(
          'PLATFORM.INVALID_REQUEST',
          `Client operation id ${request.clientOperationId} was already used for another balance operation`,
          null,
          { clientOperationId: request.clientOperationId },
        );
      }
      return { dealId: earlier.dealId, amount: earlier.amount, replayed: true };
    }
    if (request.kind === 'withdrawal') {
      const { freeMargin } = this.#valuation.figures(account);
      if (amount.gt(freeMargin) || amount.gt(account.balance)) {
        throw new TradingPlatformError('PLATFORM.NOT_ENOUGH_MONEY', 'Withdrawal exceeds the free margin', 10019, {
          requested: amount.toFixed(2),
          freeMargin: freeMargin.toFixed(2),
        });
      }
    }
    account.balance = account.balance.plus(signed);
    await tx.updateAccount(accountRecord(account));
    const deal = await this.#recordDeal(tx, {
      login: account.login,
      time: this.#now,
      kind: request.kind === 'correction' ? 'correction' : 'balance',
      entry: null,
      reason: 'dealer',
      symbol: null,
      positionId: null,
      volume: ZERO,
      price: ZERO,
      profit: signed,
      swap: ZERO,
      commission: ZERO,
      comment: request.comment ?? request.kind,
    });
    await tx.insertBalanceOperation({ clientOperationId: request.clientOperationId, login: account.login, kind: request.kind, amount: signed, dealId: deal.dealId });
    return { dealId: deal.dealId, amount: signed, replayed: false };
  }

  async #closeIn(tx: SimulatedTradingTransaction, account: SimulatedAccount, position: SimulatedPosition, reason: DealReason, comment: string): Promise<Deal> {
    const price = this.#valuation.closePrice(position);
    const profit = this.#valuation.profit(position);
    const commission = this.#commission(position.spec.assetClass, position.volume);
    // The account is locked, so the row is there; a miss would mean a second close, which must not book.
    if (!(await tx.deletePosition(position.positionId))) {
      throw new TradingPlatformError('PLATFORM.POSITION_NOT_FOUND', `No open position ${position.positionId}`, 13);
    }
    account.positions.delete(position.positionId);
    account.balance = account.balance.plus(profit).plus(position.swap).plus(commission);
    await tx.updateAccount(accountRecord(account));
    const side: DealKind = position.side === 'buy' ? 'sell' : 'buy';
    return this.#recordTrade(tx, position, side, 'out', reason, price, profit, position.swap, commission, comment);
  }

  #recordTrade(
    tx: SimulatedTradingTransaction,
    position: SimulatedPosition,
    kind: DealKind,
    entry: 'in' | 'out',
    reason: DealReason,
    price: Decimal,
    profit: Decimal,
    swap: Decimal,
    commission: Decimal,
    comment: string,
  ): Promise<Deal> {
    return this.#recordDeal(tx, {
      login: position.login,
      time: this.#now,
      kind,
      entry,
      reason,
      symbol: position.spec.symbol,
      positionId: position.positionId,
      volume: position.volume,
      price,
      profit,
      swap,
      commission,
      comment,
    });
  }

  async #recordDeal(tx: SimulatedTradingTransaction, fields: Omit<Deal, 'dealId'>): Promise<Deal> {
    // Tickets are one increasing sequence across accounts, as on a MetaTrader server: a consumer's last ticket is its cursor.
    const deal: Deal = { dealId: String(await tx.nextNumber('deal', FIRST_DEAL_TICKET)), ...fields };
    await tx.insertDeal(deal);
    return deal;
  }

  #commission(assetClass: AssetClass, volume: Decimal): Decimal {
    return toCents(this.#commissions[assetClass].times(volume)).negated();
  }

  #checkVolume(spec: SymbolSpecification, volume: Decimal): void {
    const steps = volume.dividedBy(spec.volumeStep);
    if (volume.lt(spec.volumeMin) || volume.gt(spec.volumeMax) || !steps.isInteger()) {
      throw new TradingPlatformError(
        'PLATFORM.INVALID_VOLUME',
        `Volume ${volume.toString()} is outside ${spec.volumeMin.toString()}–${spec.volumeMax.toString()} step ${spec.volumeStep.toString()}`,
        10014,
      );
    }
  }

  /** Stops sit on the side of the price that closes the position (bid for buys, ask for sells). */
  #checkStops(side: 'buy' | 'sell', closingPrice: Decimal, stopLoss: Decimal | null, takeProfit: Decimal | null): void {
    const below = (level: Decimal | null): boolean => level === null || level.lt(closingPrice);
    const above = (level: Decimal | null): boolean => level === null || level.gt(closingPrice);
    const valid = side === 'buy' ? below(stopLoss) && above(takeProfit) : above(stopLoss) && below(takeProfit);
    if (!valid) throw new TradingPlatformError('PLATFORM.INVALID_STOPS', 'Stop loss or take profit on the wrong side of the price', 10016);
  }

  // ---- internals: the market ------------------------------------------------------

  #marketStep(step: () => Promise<void>): Promise<void> {
    const run = this.#market.then(step);
    this.#market = run.catch(() => undefined);
    return run;
  }

  async #openBook(): Promise<OpenBook> {
    const { accounts, positions } = await this.#store.transaction((tx) => tx.openBook());
    const book: OpenBook = { accounts: new Map(), bySymbol: new Map() };
    for (const record of accounts) book.accounts.set(record.login, this.#assemble(record, []));
    for (const record of positions) {
      const position = this.#position(record);
      book.accounts.get(record.login)?.positions.set(position.positionId, position);
      const list = book.bySymbol.get(record.symbol) ?? [];
      list.push(position);
      book.bySymbol.set(record.symbol, list);
    }
    return book;
  }

  /** One tick against the open book; true when it closed anything (the book is then stale). */
  async #applyTick(tick: Tick, book: OpenBook): Promise<boolean> {
    if (tick.time.getTime() > this.#now.getTime()) this.#now = tick.time;
    this.#quotes.set(tick.symbol, tick);
    this.#approxQuotes.set(tick.symbol, { bid: tick.bid.toNumber(), ask: tick.ask.toNumber() });
    this.#candles.record(tick);
    let closed = false;
    for (const position of book.bySymbol.get(tick.symbol) ?? []) {
      // A position opened after this tick (by a process whose clock runs ahead) is not touched by it.
      if (position.openedAt.getTime() > tick.time.getTime() || triggerOf(position, tick) === null) continue;
      if (await this.#closeTriggered(position.positionId, tick)) closed = true;
    }
    const logins = new Set<TradingLogin>();
    for (const held of this.#affectedBy.get(tick.symbol) ?? []) {
      for (const position of book.bySymbol.get(held) ?? []) logins.add(position.login);
    }
    for (const login of logins) {
      const account = book.accounts.get(login);
      // Float screening: only accounts within reach of the level get the exact check.
      const approximate = account ? this.#valuation.approximateMarginLevel(account) : null;
      if (approximate !== null && approximate > this.#stopOutScreen) continue;
      if (await this.#store.transaction(async (tx) => this.#stopOutIn(tx, await this.#load(tx, login, true)))) closed = true;
    }
    this.#tickListeners.emit(tick.symbol, tick);
    return closed;
  }

  /** Closes a position whose stop the tick reached, unless another process did first or its stops moved meanwhile. */
  #closeTriggered(positionId: string, tick: Tick): Promise<boolean> {
    return this.#store.transaction(async (tx) => {
      const record = await tx.position(positionId);
      if (!record) return false;
      const account = await this.#load(tx, record.login, true);
      const position = account.positions.get(positionId);
      const reason = position ? triggerOf(position, tick) : null;
      if (!position || reason === null) return false;
      await this.#closeIn(tx, account, position, reason, '');
      return true;
    });
  }

  /** Closes the worst position while the margin level is at or below the stop-out level; true when any closed. */
  async #stopOutIn(tx: SimulatedTradingTransaction, account: SimulatedAccount): Promise<boolean> {
    let closed = false;
    while (account.positions.size > 0) {
      const figures = this.#valuation.figures(account);
      if (figures.marginLevel === null || figures.marginLevel.gt(this.#stopOutLevel)) return closed;
      let worst: SimulatedPosition | null = null;
      let worstProfit: Decimal | null = null;
      for (const position of account.positions.values()) {
        const profit = this.#valuation.profit(position).plus(position.swap);
        if (worstProfit === null || profit.lt(worstProfit)) {
          worst = position;
          worstProfit = profit;
        }
      }
      await this.#closeIn(tx, account, worst!, 'stop_out', 'stop out');
      closed = true;
    }
    return closed;
  }

  async #applyRollover(at: Date): Promise<void> {
    if (this.#appliedRollovers.has(at.getTime())) return;
    this.#appliedRollovers.add(at.getTime());
    const endingDay = endingTradingDayWeekday(at, this.#tradingDay);
    if (WEEKEND.has(endingDay)) return;
    const book = await this.#openBook();
    for (const candidate of book.accounts.values()) {
      if (candidate.swapFree) continue;
      await this.#store.transaction(async (tx) => {
        const account = await this.#load(tx, candidate.login, true);
        if (account.positions.size === 0 || !(await tx.markRollover(account.login, at))) return;
        for (const position of account.positions.values()) {
          const nights = position.spec.tripleSwapDay === endingDay ? 3 : 1;
          const nightly = nightlySwapInProfitCurrency(position.spec, position.side, position.volume);
          const charge = toCents(this.#converter.signed(nightly.times(nights), position.spec.profitCurrency));
          position.swap = position.swap.plus(charge);
          await tx.updatePosition(positionRecord(position));
        }
        await this.#stopOutIn(tx, account);
      });
    }
  }

  /** True when it applied any rollover. */
  async #rollOverUntil(instant: Date): Promise<boolean> {
    if (!this.#autoRollover) return false;
    let applied = false;
    while (this.#nextRollover.getTime() <= instant.getTime()) {
      await this.#applyRollover(this.#nextRollover);
      this.#nextRollover = nextResetAfter(this.#nextRollover, this.#tradingDay);
      applied = true;
    }
    return applied;
  }

  #indexDependencies(symbols: readonly SimulatedSymbol[]): void {
    for (const { spec } of symbols) {
      const drivers = new Set<string>([spec.symbol]);
      for (const currency of [spec.profitCurrency, spec.marginCurrency]) {
        const route = this.#converter.routeSymbol(currency);
        if (route) drivers.add(route);
      }
      for (const driver of drivers) {
        const list = this.#affectedBy.get(driver) ?? [];
        list.push(spec.symbol);
        this.#affectedBy.set(driver, list);
      }
    }
  }
}

/** The stop a tick reaches: buys close at the bid (stop below, target above), sells at the ask (the mirror image). */
function triggerOf(position: SimulatedPosition, tick: Tick): DealReason | null {
  if (position.stopLoss === null && position.takeProfit === null) return null;
  const buy = position.side === 'buy';
  const price = buy ? tick.bid : tick.ask;
  if (position.stopLoss !== null && (buy ? price.lte(position.stopLoss) : price.gte(position.stopLoss))) return 'stop_loss';
  if (position.takeProfit !== null && (buy ? price.gte(position.takeProfit) : price.lte(position.takeProfit))) return 'take_profit';
  return null;
}

function accountRecord(account: SimulatedAccount): SimulatedAccountRecord {
  return {
    login: account.login,
    name: account.name,
    email: account.email,
    swapFree: account.swapFree,
    group: account.group,
    leverage: account.leverage,
    tradingEnabled: account.tradingEnabled,
    balance: account.balance,
  };
}

function positionRecord(position: SimulatedPosition): SimulatedPositionRecord {
  return {
    positionId: position.positionId,
    login: position.login,
    symbol: position.spec.symbol,
    side: position.side,
    volume: position.volume,
    openPrice: position.openPrice,
    openedAt: position.openedAt,
    stopLoss: position.stopLoss,
    takeProfit: position.takeProfit,
    swap: position.swap,
  };
}
