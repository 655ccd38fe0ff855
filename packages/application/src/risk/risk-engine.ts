import type { Decimal } from 'decimal.js';
import {
  compareLocal,
  evaluate,
  rebaseDrawdown,
  rollDrawdownDay,
  verdictInputs,
  type DrawdownState,
  type EquityObservation,
  type RuleSnapshot,
  type TradingAccountOwner,
} from '@tradesense/domain';
import type { SymbolSpecification, Tick } from '../ports/price-feed.js';
import type { Deal } from '../ports/trading-platform.js';
import { ConversionRoutes } from '../shared-kernel/conversion-routes.js';
import { bookDeal } from './book-deal.js';
import { BookPosition, type BookPositionInput } from './book-position.js';
import { compareTickets } from '../shared/deal-ticket.js';
import { LiveQuote } from './live-quote.js';
import type { RiskListener } from './risk-events.js';
import { Screen, WatchedAccount } from './watched-account.js';

/** A trading account to watch, keyed by its login. */
export interface WatchAccountInput {
  readonly login: string;
  /** What the account belongs to; carried into every finding, never branched on. */
  readonly owner: TradingAccountOwner;
  readonly rules: RuleSnapshot;
  /** The trading account's breach-engine state (its floors are derived from it). */
  readonly state: DrawdownState;
  readonly balance: Decimal;
  readonly positions: readonly BookPositionInput[];
  /** The newest platform deal the balance and positions include; later deals are applied on top. */
  readonly bookTicket: string | null;
  /** When the figures were read: the account is evaluated at that instant once it can be valued. */
  readonly at: Date;
  /**
   * Whether a balance deal on this account is a firm operation (a payout
   * withdrawal or reversal, a scaling deposit) that moves the floors with the
   * money (`rebaseDrawdown`), rather than a result judged like a trade. The
   * one thing that differs between accounts, so it is said here by whoever
   * builds the watch from the account's owner (see `RiskWatchList`).
   */
  readonly firmBalanceOperations: boolean;
}

const TRADE_KINDS: ReadonlySet<Deal['kind']> = new Set(['buy', 'sell']);

export interface BookSnapshot {
  readonly balance: Decimal;
  readonly positions: readonly BookPositionInput[];
  readonly bookTicket: string | null;
  readonly at: Date;
}

/** Counters since the engine was built. */
export interface RiskEngineStats {
  ticks: number;
  /** Account valuations triggered by ticks. */
  accountChecks: number;
  /** …of which the float pre-check settled. */
  screened: number;
  /** Exact evaluations (ticks the pre-check could not settle, deals, balance changes, watch starts). */
  exact: number;
  /** Ticks an account could not be valued on yet (a quote it needs is missing). */
  unpriced: number;
  /** Valuations settled in floats except for an exact equity to keep the equity high. */
  highs: number;
}

/**
 * The real-time breach engine (rule book section 4, architecture "how data
 * flows" 2). It holds, per watched account, the frozen rules, the breach
 * engine's state, the balance and the open positions, and indexes accounts
 * by every symbol that moves their equity (a held symbol, or the cross rate
 * converting its profit currency). A tick touches only those accounts.
 *
 * Each touched account is first valued in floats; when that value provably
 * clears every alarm level (see `precheckBound`), nothing can happen and the
 * tick is settled without allocation. Otherwise equity is computed exactly
 * (Decimal, booked like the platform) and the domain's `evaluate` decides,
 * so every verdict, floor and input hash is the domain's own. An account
 * screened out on some ticks has its last observed figures recomputed
 * exactly before the next evaluation, so the state passed to `evaluate` is
 * the one evaluating every tick would have produced.
 *
 * A breach is reported once, and the account stops being watched; early
 * warnings once per limit per trading day (the domain state remembers them).
 * Deals and balance changes re-evaluate their account at once.
 *
 * Accounts are trading accounts keyed by their login, whatever they belong
 * to (a challenge phase, a funded account, a competition entry): the same
 * rules machinery judges them all, and findings carry the owner for whoever
 * acts on them. On an account with firm balance operations a balance deal
 * moves the floors with the money (`rebaseDrawdown`).
 */
export class RiskEngine {
  readonly stats: RiskEngineStats = { ticks: 0, accountChecks: 0, screened: 0, exact: 0, unpriced: 0, highs: 0 };
  private readonly quotes = new Map<string, LiveQuote<WatchedAccount>>();
  private readonly specs = new Map<string, SymbolSpecification>();
  private readonly routesByCurrency = new Map<string, ConversionRoutes>();
  /** Watched accounts by login. */
  private readonly byLogin = new Map<string, WatchedAccount>();

  constructor(
    private readonly listener: RiskListener,
    symbols: readonly SymbolSpecification[] = [],
  ) {
    this.defineSymbols(symbols);
  }

  /** Symbol specifications (contract size, profit currency) and, through them, the cross-rate routes. */
  defineSymbols(symbols: readonly SymbolSpecification[]): void {
    for (const spec of symbols) this.specs.set(spec.symbol, spec);
    this.routesByCurrency.clear();
  }

  get size(): number {
    return this.byLogin.size;
  }

  /** Whether the trading account with this login is watched. */
  isWatching(login: string): boolean {
    return this.byLogin.has(login);
  }

  /** The logins of every watched account. */
  watchedLogins(): string[] {
    return [...this.byLogin.keys()];
  }

  /** The breach-engine state the engine holds for an account. */
  stateOf(login: string): DrawdownState | undefined {
    return this.byLogin.get(login)?.state;
  }

  /** The rules a watched account is measured against. */
  rulesOf(login: string): RuleSnapshot | undefined {
    return this.byLogin.get(login)?.snapshot;
  }

  /** The newest platform deal a watched account's book includes. */
  bookTicketOf(login: string): string | null | undefined {
    return this.byLogin.get(login)?.bookTicket;
  }

  /** Exact equity of a watched account at the latest quotes (null when it cannot be valued yet). */
  equityOf(login: string): Decimal | null {
    const account = this.byLogin.get(login);
    return account && account.priced ? account.exactEquity() : null;
  }

  /**
   * Watched accounts whose equity is in the early-warning band of a limit.
   * Valued exactly at the latest quotes on every call (one pass over the
   * accounts), so it is meant for occasional reads such as a metrics scrape,
   * not for every tick.
   */
  accountsNearLevel(): number {
    let near = 0;
    for (const account of this.byLogin.values()) if (account.withinWarningBand()) near += 1;
    return near;
  }

  /** Symbols whose ticks the watched accounts need. */
  neededSymbols(): string[] {
    return [...this.quotes.values()].filter((quote) => quote.dependents.length > 0).map((quote) => quote.symbol);
  }

  /**
   * Starts watching an account (replacing an earlier watch of the same
   * login). An already breached state is not watched. Throws RangeError
   * when a position's symbol or its profit currency cannot be valued.
   */
  watch(input: WatchAccountInput): boolean {
    this.unwatch(input.login);
    if (input.state.breach) return false;
    const { login, owner, rules, state, balance, bookTicket, firmBalanceOperations } = input;
    const account = new WatchedAccount(login, owner, rules, state, balance, bookTicket, firmBalanceOperations);
    for (const position of input.positions) account.positions.push(this.bookPosition(account, position));
    this.byLogin.set(account.login, account);
    this.reindex(account);
    if (account.priced) this.judge(account, null, input.at, null);
    return true;
  }

  unwatch(login: string): boolean {
    const account = this.byLogin.get(login);
    if (!account) return false;
    this.detach(account);
    return true;
  }

  /** A price tick: values only the accounts that depend on the symbol. */
  onTick(tick: Tick): void {
    let quote = this.quotes.get(tick.symbol);
    if (quote === undefined) {
      quote = new LiveQuote<WatchedAccount>(tick.symbol);
      this.quotes.set(tick.symbol, quote);
    } else if (tick.time.getTime() < quote.timeMs) {
      // An older tick (a seeded last price arriving after live ones) changes nothing.
      return;
    }
    quote.update(tick);
    this.stats.ticks += 1;
    const atMs = quote.timeMs;
    const dependents = quote.dependents;
    // Backwards: a breached account is swap-removed from this list, and only already visited ones move.
    for (let i = dependents.length - 1; i >= 0; i -= 1) {
      const account = dependents[i]!;
      this.stats.accountChecks += 1;
      const screen = account.screen(atMs);
      if (screen === Screen.SAFE) {
        account.stale = true;
        this.stats.screened += 1;
      } else if (screen === Screen.EXACT) {
        this.judge(account, quote, tick.time, tick);
      } else if (screen === Screen.HIGH) {
        account.observeHigh(account.exactEquity());
        this.stats.highs += 1;
      } else {
        this.stats.unpriced += 1;
      }
    }
  }

  /**
   * A platform deal of a watched account: applied to the book (once: deals up
   * to the book's ticket are already in it), then the account is evaluated.
   * Returns whether the deal changed the book.
   */
  onDeal(login: string, deal: Deal): boolean {
    const account = this.byLogin.get(login);
    if (!account) return false;
    if (account.bookTicket !== null && compareTickets(deal.dealId, account.bookTicket) <= 0) return false;
    this.catchUp(account);
    if (account.firmBalanceOperations && !TRADE_KINDS.has(deal.kind)) {
      // A firm balance operation: the floors move with the money (the stored account does the same).
      const amount = deal.profit.plus(deal.swap).plus(deal.commission);
      account.adopt(rebaseDrawdown(account.state, amount, account.state.initialBalance));
    }
    bookDeal(account, deal, (input) => this.bookPosition(account, input));
    account.bookTicket = deal.dealId;
    this.reindex(account);
    if (account.priced) this.judge(account, null, deal.time, null);
    return true;
  }

  /** A balance change the platform reported outside the deal stream. */
  onBalanceChange(login: string, balance: Decimal, at: Date): boolean {
    const account = this.byLogin.get(login);
    if (!account) return false;
    this.catchUp(account);
    account.setBalance(balance);
    if (account.priced) this.judge(account, null, at, null);
    return true;
  }

  /**
   * Measures a watched account against other rules from now on (its
   * allocation grew with scaling), then evaluates it at `at`.
   */
  useRules(login: string, rules: RuleSnapshot, at: Date): boolean {
    const account = this.byLogin.get(login);
    if (!account) return false;
    this.catchUp(account);
    account.useRules(rules);
    if (account.priced) this.judge(account, null, at, null);
    return true;
  }

  /**
   * Replaces an account's balance and positions with a fresh read from the
   * platform (after a rollover charged swaps, or after a reconnect), then
   * evaluates it.
   */
  resync(login: string, book: BookSnapshot): boolean {
    const account = this.byLogin.get(login);
    if (!account) return false;
    this.catchUp(account);
    const positions = book.positions.map((position) => this.bookPosition(account, position));
    account.positions.length = 0;
    account.positions.push(...positions);
    account.setBalance(book.balance);
    account.bookTicket = book.bookTicket;
    this.reindex(account);
    if (account.priced) this.judge(account, null, book.at, null);
    return true;
  }

  /**
   * The firm's reset instant passed: every account still in an earlier
   * trading day takes its current figures as the new day's start (what its
   * next evaluation would do) and its floors and warnings are renewed.
   */
  rollover(at: Date): void {
    for (const account of this.byLogin.values()) {
      const day = account.snapshot.calendar.tradingDayOf(at);
      const before = account.state;
      if (compareLocal(day, before.tradingDay) <= 0) continue;
      const priced = account.priced;
      const balance = priced ? account.balance : before.lastBalance;
      const equity = priced ? account.exactEquity() : before.lastEquity;
      account.adopt(rollDrawdownDay(before, { day, balance, equity }));
      account.stale = false;
      this.listener.dayClosed?.({
        login: account.login,
        owner: account.owner,
        closedDay: before.tradingDay,
        day,
        at: account.snapshot.calendar.startOf(day),
        balance,
        equity,
        openPositions: account.positions.length,
      });
    }
  }

  // --- internals -----------------------------------------------------------

  /** Exact evaluation through the domain, and what follows from its verdict. */
  private judge(account: WatchedAccount, previousOf: LiveQuote | null, at: Date, tick: Tick | null): void {
    if (account.stale) account.catchUpLastFigures(account.exactEquity(previousOf));
    const observation: EquityObservation = { balance: account.balance, equity: account.exactEquity(), at, tick };
    const before = account.state;
    const verdict = evaluate(before, account.snapshot, observation);
    account.adopt(verdict.nextState, verdict.floors);
    this.stats.exact += 1;
    const { login, owner } = account;
    this.listener.evaluated?.({ login, owner, verdict, observation });
    const next = verdict.nextState;
    if (next.tradingDay !== before.tradingDay) {
      this.listener.dayClosed?.({
        login,
        owner,
        closedDay: before.tradingDay,
        day: next.tradingDay,
        at: account.snapshot.calendar.startOf(next.tradingDay),
        balance: next.dayStartBalance,
        equity: next.dayStartEquity,
        openPositions: account.positions.length,
      });
    }
    if (verdict.breach) {
      this.detach(account);
      this.listener.breach({ login, owner, verdict, observation, inputs: verdictInputs(before, account.snapshot, observation) });
      return;
    }
    if (verdict.warnings.length > 0) this.listener.warning({ login, owner, warnings: verdict.warnings, observation });
  }

  /** Before the book changes: the last (screened-out) observation's figures, exactly. */
  private catchUp(account: WatchedAccount): void {
    if (account.stale && account.priced) account.catchUpLastFigures(account.exactEquity());
  }

  private bookPosition(account: WatchedAccount, input: BookPositionInput): BookPosition {
    const spec = this.specs.get(input.symbol);
    if (!spec) throw new RangeError(`The price feed has no symbol ${input.symbol} to value position ${input.positionId}`);
    const route = this.routes(account.snapshot.currency).route(spec.profitCurrency);
    if (route === undefined) {
      throw new RangeError(`No cross rate converts ${spec.profitCurrency} into ${account.snapshot.currency} for ${input.symbol}`);
    }
    return new BookPosition(input, spec, route, this.quote(input.symbol), route ? this.quote(route.symbol) : null);
  }

  private routes(currency: string): ConversionRoutes {
    let routes = this.routesByCurrency.get(currency);
    if (!routes) {
      routes = new ConversionRoutes(currency, [...this.specs.values()]);
      this.routesByCurrency.set(currency, routes);
    }
    return routes;
  }

  private quote(symbol: string): LiveQuote<WatchedAccount> {
    let quote = this.quotes.get(symbol);
    if (!quote) {
      quote = new LiveQuote<WatchedAccount>(symbol);
      this.quotes.set(symbol, quote);
    }
    return quote;
  }

  /** Registers the account with exactly the symbols its positions depend on now (and gives its pre-check the book). */
  private reindex(account: WatchedAccount): void {
    account.packPositions();
    const wanted = new Map<string, number>();
    for (const position of account.positions) {
      for (const symbol of position.drivers) wanted.set(symbol, (wanted.get(symbol) ?? 0) + 1);
    }
    for (const symbol of account.drivers.keys()) {
      if (!wanted.has(symbol)) this.release(account, symbol);
    }
    for (const symbol of wanted.keys()) {
      if (account.drivers.has(symbol)) continue;
      const dependents = this.quote(symbol).dependents;
      dependents.push(account);
      if (dependents.length === 1) this.listener.symbolNeeded?.(symbol);
    }
    account.drivers.clear();
    for (const [symbol, count] of wanted) account.drivers.set(symbol, count);
  }

  private release(account: WatchedAccount, symbol: string): void {
    const dependents = this.quotes.get(symbol)?.dependents;
    if (!dependents) return;
    const index = dependents.indexOf(account);
    if (index < 0) return;
    dependents[index] = dependents[dependents.length - 1]!;
    dependents.pop();
    if (dependents.length === 0) this.listener.symbolReleased?.(symbol);
  }

  private detach(account: WatchedAccount): void {
    for (const symbol of account.drivers.keys()) this.release(account, symbol);
    account.drivers.clear();
    if (this.byLogin.get(account.login) === account) this.byLogin.delete(account.login);
  }
}
