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
import { BalanceOperationJournal } from './balance-operation-journal.js';
import { CandleHistory } from './candle-history.js';
import { DEFAULT_COMMISSIONS, type CommissionSchedule } from './commission-schedule.js';
import { CurrencyConverter, type ApproxQuote } from './currency-converter.js';
import { DealLedger } from './deal-ledger.js';
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
  readonly firstLogin?: number;
}

const WEEKEND = new Set([0, 6]);
/** Percentage points above the stop-out level that still get the exact check. */
const STOP_OUT_SCREEN_MARGIN = 1;

/**
 * The embedded trading server: accounts, market orders with SL/TP, margin by
 * the MT5 calculation modes, profit converted through cross rates,
 * commissions, swaps at rollover and stop-out. Time only moves when the caller
 * says so (`advanceTo`, `pushTick`, or the explicit live mode), so a seed and a
 * sequence of calls always give the same books.
 */
export class SimulatedTradingServer {
  readonly #symbols = new Map<string, SimulatedSymbol>();
  readonly #quotes = new Map<string, Tick>();
  readonly #approxQuotes = new Map<string, ApproxQuote>();
  readonly #accounts = new Map<TradingLogin, SimulatedAccount>();
  readonly #positionsBySymbol = new Map<string, Set<SimulatedPosition>>();
  readonly #positionsById = new Map<string, SimulatedPosition>();
  /** Symbols whose price changes the valuation of positions in the keyed symbol. */
  readonly #affectedBy = new Map<string, string[]>();
  readonly #ledger = new DealLedger();
  readonly #journal = new BalanceOperationJournal();
  readonly #tickListeners = new KeyedListeners<Tick>();
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
  readonly accountCurrency: string;
  #now: Date;
  #nextLogin: number;
  #nextPositionId = 1;
  #nextRollover: Date;
  #liveTimer: NodeJS.Timeout | null = null;

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
    this.#commissions = options.commissions ?? DEFAULT_COMMISSIONS;
    this.#stopOutLevel = options.stopOutLevel ?? new Decimal(50);
    this.#stopOutScreen = this.#stopOutLevel.toNumber() + STOP_OUT_SCREEN_MARGIN;
    this.#tradingDay = options.tradingDay ?? NEW_YORK_5PM;
    this.#autoRollover = options.autoRollover ?? false;
    this.#now = options.startAt;
    this.#nextLogin = options.firstLogin ?? 5_000_001;
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
  advanceTo(instant: Date): void {
    if (instant.getTime() < this.#now.getTime()) return;
    for (const tick of this.#source.ticksUntil(instant)) {
      this.#rollOverUntil(tick.time);
      this.pushTick(tick);
    }
    this.#rollOverUntil(instant);
    this.#now = instant;
  }

  /** Applies one tick: quotes, stop levels, stop-out, then subscribers. */
  pushTick(tick: Tick): void {
    const spec = this.#symbols.get(tick.symbol)?.spec;
    if (!spec) throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Unknown symbol ${tick.symbol}`);
    if (tick.time.getTime() > this.#now.getTime()) this.#now = tick.time;
    this.#quotes.set(tick.symbol, tick);
    this.#approxQuotes.set(tick.symbol, { bid: tick.bid.toNumber(), ask: tick.ask.toNumber() });
    this.#candles.record(tick);
    this.#triggerStopLevels(tick.symbol);
    for (const login of this.#accountsAffectedBy(tick.symbol)) this.#enforceStopOut(login);
    this.#tickListeners.emit(tick.symbol, tick);
  }

  /** Timer-driven mode for the embedded runtime: follows the clock until stopped. */
  startLive(clock: Clock, intervalMs = 1_000): void {
    if (this.#liveTimer) return;
    this.advanceTo(clock.now());
    this.#liveTimer = setInterval(() => this.advanceTo(clock.now()), intervalMs);
    this.#liveTimer.unref();
  }

  stopLive(): void {
    if (this.#liveTimer) clearInterval(this.#liveTimer);
    this.#liveTimer = null;
  }

  get live(): boolean {
    return this.#liveTimer !== null;
  }

  /**
   * Charges one rollover's swap to every open position of accounts that are
   * not swap-free: the nightly swap, three times when the trading day that
   * ends here is the symbol's triple-swap day, nothing for weekend days.
   * Applying the same instant twice charges once.
   */
  applyRollover(at: Date): void {
    if (this.#appliedRollovers.has(at.getTime())) return;
    this.#appliedRollovers.add(at.getTime());
    const endingDay = endingTradingDayWeekday(at, this.#tradingDay);
    if (WEEKEND.has(endingDay)) return;
    for (const account of this.#accounts.values()) {
      if (account.swapFree || account.positions.size === 0) continue;
      for (const position of account.positions.values()) {
        const nights = position.spec.tripleSwapDay === endingDay ? 3 : 1;
        const nightly = nightlySwapInProfitCurrency(position.spec, position.side, position.volume);
        const charge = toCents(this.#converter.signed(nightly.times(nights), position.spec.profitCurrency));
        position.swap = position.swap.plus(charge);
      }
      this.#enforceStopOut(account.login);
    }
  }

  // ---- accounts ------------------------------------------------------------

  createAccount(request: CreateTradingAccountRequest): TradingAccountCredentials {
    if (!Number.isInteger(request.leverage) || request.leverage < 1) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Leverage must be a positive integer, got ${request.leverage}`);
    }
    const login = String(this.#nextLogin);
    this.#nextLogin += 1;
    this.#accounts.set(login, {
      login,
      name: request.name,
      email: request.email ?? null,
      swapFree: request.swapFree,
      group: request.group,
      leverage: request.leverage,
      tradingEnabled: true,
      balance: ZERO,
      positions: new Map(),
    });
    if (request.initialBalance.gt(0)) {
      this.balanceOperation({
        login,
        kind: 'deposit',
        amount: request.initialBalance,
        clientOperationId: `initial-balance:${login}`,
        comment: 'Initial balance',
      });
    }
    return { login, password: generatePlatformPassword(), investorPassword: generatePlatformPassword(), group: request.group };
  }

  account(login: TradingLogin): TradingAccountState {
    const account = this.#account(login);
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
  }

  positions(login: TradingLogin): OpenPosition[] {
    return [...this.#account(login).positions.values()].map((position) => this.#valuation.describe(position));
  }

  dealsAfter(login: TradingLogin, afterDealId: string | null, limit: number): Deal[] {
    this.#account(login);
    return this.#ledger.after(login, afterDealId, limit);
  }

  dealsBetween(login: TradingLogin, from: Date, to: Date): Deal[] {
    this.#account(login);
    return this.#ledger.between(login, from, to);
  }

  onDeal(login: TradingLogin, listener: (deal: Deal) => void): Subscription {
    return this.#ledger.onDeal(login, listener);
  }

  get dealCount(): number {
    return this.#ledger.count;
  }

  balanceOperation(request: BalanceOperationRequest): BalanceOperationResult {
    const account = this.#account(request.login);
    const amount = request.amount;
    if (!amount.isFinite() || amount.decimalPlaces() > 2 || amount.isZero()) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Amount must be a non-zero cent amount, got ${amount.toString()}`);
    }
    if (request.kind !== 'correction' && amount.isNegative()) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `A ${request.kind} amount must be positive`);
    }
    const signed = request.kind === 'withdrawal' ? amount.negated() : amount;
    const replayed = this.#journal.replay(request.clientOperationId, request.login, request.kind, signed);
    if (replayed) return replayed;
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
    const deal = this.#ledger.record({
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
    this.#journal.remember(request.clientOperationId, request.login, request.kind, signed, deal.dealId);
    this.#enforceStopOut(account.login);
    return { dealId: deal.dealId, amount: signed, replayed: false };
  }

  changeGroup(login: TradingLogin, group: string): void {
    this.#account(login).group = group;
  }

  changeLeverage(login: TradingLogin, leverage: number): void {
    if (!Number.isInteger(leverage) || leverage < 1) {
      throw new TradingPlatformError('PLATFORM.INVALID_REQUEST', `Leverage must be a positive integer, got ${leverage}`);
    }
    this.#account(login).leverage = leverage;
    this.#enforceStopOut(login);
  }

  setTradingEnabled(login: TradingLogin, enabled: boolean): void {
    this.#account(login).tradingEnabled = enabled;
  }

  // ---- trading ---------------------------------------------------------------

  /** A trader's market order: fills at the ask for buys, the bid for sells. */
  placeMarketOrder(order: MarketOrder): OrderFill {
    const account = this.#account(order.login);
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

    const position: SimulatedPosition = {
      positionId: String(this.#nextPositionId),
      login: account.login,
      spec,
      side: order.side,
      volume: order.volume,
      openPrice: price,
      openedAt: this.#now,
      approx: { units: order.volume.times(spec.contractSize).toNumber(), openPrice: price.toNumber(), marginRate: spec.marginRate.toNumber() },
      stopLoss,
      takeProfit,
      swap: ZERO,
    };
    const commission = this.#commission(spec.assetClass, order.volume);
    const before = this.#valuation.figures(account);
    const required = this.#valuation.margin(position, account.leverage);
    // Profit conversion needs its cross rate too; fail before anything is booked.
    this.#valuation.profit(position);
    if (before.equity.plus(commission).minus(before.margin).minus(toCents(required)).isNegative()) {
      throw new TradingPlatformError('PLATFORM.NOT_ENOUGH_MONEY', 'Not enough free margin for this order', 10019, {
        requiredMargin: toCents(required).toFixed(2),
        freeMargin: before.freeMargin.toFixed(2),
      });
    }
    this.#nextPositionId += 1;
    account.positions.set(position.positionId, position);
    this.#index(position);
    account.balance = account.balance.plus(commission);
    const deal = this.#recordTrade(position, order.side, 'in', 'client', price, ZERO, ZERO, commission, order.comment ?? '');
    return { positionId: position.positionId, dealId: deal.dealId, price };
  }

  modifyPosition(positionId: string, stops: { stopLoss: Decimal | null; takeProfit: Decimal | null }): void {
    const position = this.#position(positionId);
    const tick = this.#valuation.tickOf(position.spec.symbol);
    this.#checkStops(position.side, position.side === 'buy' ? tick.bid : tick.ask, stops.stopLoss, stops.takeProfit);
    position.stopLoss = stops.stopLoss;
    position.takeProfit = stops.takeProfit;
  }

  /** Closes a position at the market; a trader's own close needs trading enabled. */
  closePosition(positionId: string, reason: DealReason = 'client', comment = ''): Deal {
    const position = this.#position(positionId);
    const account = this.#account(position.login);
    if (reason === 'client' && !account.tradingEnabled) {
      throw new TradingPlatformError('PLATFORM.TRADE_DISABLED', `Trading is disabled on ${account.login}`, 10017);
    }
    const price = this.#valuation.closePrice(position);
    const profit = this.#valuation.profit(position);
    const commission = this.#commission(position.spec.assetClass, position.volume);
    account.positions.delete(position.positionId);
    this.#unindex(position);
    account.balance = account.balance.plus(profit).plus(position.swap).plus(commission);
    const side: DealKind = position.side === 'buy' ? 'sell' : 'buy';
    return this.#recordTrade(position, side, 'out', reason, price, profit, position.swap, commission, comment);
  }

  closeAllPositions(login: TradingLogin, reason: DealReason = 'dealer', comment = ''): { positionId: string; dealId: string }[] {
    const account = this.#account(login);
    return [...account.positions.keys()].map((positionId) => ({
      positionId,
      dealId: this.closePosition(positionId, reason, comment).dealId,
    }));
  }

  // ---- internals ---------------------------------------------------------------

  #account(login: TradingLogin): SimulatedAccount {
    const account = this.#accounts.get(login);
    if (!account) throw new TradingPlatformError('PLATFORM.ACCOUNT_NOT_FOUND', `No trading account ${login}`, 13);
    return account;
  }

  #position(positionId: string): SimulatedPosition {
    const position = this.#positionsById.get(positionId);
    if (position) return position;
    throw new TradingPlatformError('PLATFORM.POSITION_NOT_FOUND', `No open position ${positionId}`, 13);
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

  #recordTrade(
    position: SimulatedPosition,
    kind: DealKind,
    entry: 'in' | 'out',
    reason: DealReason,
    price: Decimal,
    profit: Decimal,
    swap: Decimal,
    commission: Decimal,
    comment: string,
  ): Deal {
    return this.#ledger.record({
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

  #triggerStopLevels(symbol: string): void {
    const positions = this.#positionsBySymbol.get(symbol);
    if (!positions) return;
    const tick = this.#quotes.get(symbol)!;
    const triggered: [SimulatedPosition, DealReason][] = [];
    for (const position of positions) {
      if (position.stopLoss === null && position.takeProfit === null) continue;
      const buy = position.side === 'buy';
      const price = buy ? tick.bid : tick.ask;
      // Buys close at the bid: the stop is below, the target above; sells the mirror image.
      if (position.stopLoss !== null && (buy ? price.lte(position.stopLoss) : price.gte(position.stopLoss))) triggered.push([position, 'stop_loss']);
      else if (position.takeProfit !== null && (buy ? price.gte(position.takeProfit) : price.lte(position.takeProfit))) triggered.push([position, 'take_profit']);
    }
    for (const [position, reason] of triggered) this.closePosition(position.positionId, reason);
  }

  #enforceStopOut(login: TradingLogin): void {
    const account = this.#accounts.get(login);
    if (!account) return;
    // Float screening: only accounts within reach of the level get the exact check.
    const approximate = this.#valuation.approximateMarginLevel(account);
    if (approximate === null || approximate > this.#stopOutScreen) return;
    while (account.positions.size > 0) {
      const figures = this.#valuation.figures(account);
      if (figures.marginLevel === null || figures.marginLevel.gt(this.#stopOutLevel)) return;
      let worst: SimulatedPosition | null = null;
      let worstProfit: Decimal | null = null;
      for (const position of account.positions.values()) {
        const profit = this.#valuation.profit(position).plus(position.swap);
        if (worstProfit === null || profit.lt(worstProfit)) {
          worst = position;
          worstProfit = profit;
        }
      }
      this.closePosition(worst!.positionId, 'stop_out', 'stop out');
    }
  }

  #rollOverUntil(instant: Date): void {
    if (!this.#autoRollover) return;
    while (this.#nextRollover.getTime() <= instant.getTime()) {
      this.applyRollover(this.#nextRollover);
      this.#nextRollover = nextResetAfter(this.#nextRollover, this.#tradingDay);
    }
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

  #accountsAffectedBy(symbol: string): Set<TradingLogin> {
    const logins = new Set<TradingLogin>();
    for (const held of this.#affectedBy.get(symbol) ?? []) {
      for (const position of this.#positionsBySymbol.get(held) ?? []) logins.add(position.login);
    }
    return logins;
  }

  #index(position: SimulatedPosition): void {
    let set = this.#positionsBySymbol.get(position.spec.symbol);
    if (!set) this.#positionsBySymbol.set(position.spec.symbol, (set = new Set()));
    set.add(position);
    this.#positionsById.set(position.positionId, position);
  }

  #unindex(position: SimulatedPosition): void {
    this.#positionsBySymbol.get(position.spec.symbol)?.delete(position);
    this.#positionsById.delete(position.positionId);
  }
}
