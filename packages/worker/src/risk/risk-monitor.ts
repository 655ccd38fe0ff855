import {
  RiskEngine,
  type BreachDetected,
  type Clock,
  type Deal,
  type EarlyWarningsRaised,
  type ExactEvaluation,
  type PriceFeed,
  type RiskListener,
  type RiskWatchCandidate,
  type RiskWatchList,
  type RiskWatchSignals,
  type Subscription,
  type Tick,
  type TradingDayClosed,
  type TradingPlatform,
  type UseCases,
  type WorkerRegistry,
} from '@tradesense/application';
import type { RiskMetrics } from '@tradesense/bootstrap';
import { breachToData, type Decimal, type TradingAccountOwner, type TradingCalendar } from '@tradesense/domain';
import type { Logger } from 'pino';
import { readAccountBook } from './account-book.js';
import { rendezvousOwner } from './rendezvous.js';

/** The use cases the monitor drives: the trading accounts' own, the same for every kind of owner. */
export type RiskUseCases = Pick<UseCases, 'recordAccountDeals' | 'evaluateEquity' | 'handleAccountBreach'>;

export interface RiskMonitorOptions {
  readonly workerId: string;
  readonly clock: Clock;
  readonly registry: WorkerRegistry;
  /** A worker whose heartbeat is older than this is gone, and its accounts move. */
  readonly leaseMs: number;
  readonly watchList: RiskWatchList;
  readonly platform: TradingPlatform;
  readonly feed: PriceFeed;
  readonly useCases: RiskUseCases;
  /** The firm's calendar: when the reset instants come. */
  readonly calendar: TradingCalendar;
  readonly logger: Logger;
  /** How long after a reset open positions are read again for the swaps charged at it. */
  readonly swapResyncDelayMs?: number;
  /** Accounts whose books are read at the same time when watching starts. */
  readonly loadConcurrency?: number;
  /** Committed announcements of accounts to watch now; without it new accounts wait for the next `rebalance`. */
  readonly signals?: RiskWatchSignals;
  /** Where the engine's figures, feed lag and tick-to-verdict times go; without it the tick path does no timing. */
  readonly metrics?: RiskMetrics;
}

interface AccountRef {
  readonly login: string;
  readonly owner: TradingAccountOwner;
}

interface Watch extends AccountRef {
  /** Balance deals are firm operations: the stored rules are taken again after one (see `refreshRules`). */
  readonly firmBalanceOperations: boolean;
  deals: Subscription | null;
}

/** A breach to hand to `handleAccountBreach`: the one found in memory (`detected`), or the one the account holds. */
interface BreachJob extends AccountRef {
  readonly detected?: NonNullable<Parameters<RiskUseCases['handleAccountBreach']['execute']>[0]['detected']>;
}

const TRADE_KINDS: ReadonlySet<Deal['kind']> = new Set(['buy', 'sell']);

/**
 * The risk monitor loop of one worker (architecture "how data flows" 2). It
 * watches the trading accounts this worker owns, whatever they belong to (a
 * challenge phase, a funded account, a competition entry), feeds the risk
 * engine with the price feed's ticks for the symbols they hold and with each
 * account's platform deals (which it also records through
 * `recordAccountDeals`, from the account's stored cursor), and acts on the
 * engine's findings through the trading accounts' use cases, keyed by
 * login: `handleAccountBreach` for a breach (trading disabled first,
 * positions closed, the account ended, verdict stored, e-mail, the owner
 * reacting), `evaluateEquity` to store an early warning (the account raises
 * it once per limit per trading day) and the closing figures at each reset.
 * Nothing here depends on the kind of owner: what differs (balance deals
 * that are firm operations) comes with the watch.
 *
 * Ownership: each active trading account belongs to exactly one live worker,
 * chosen by rendezvous hashing of its login over the workers whose heartbeat
 * is within the lease. `rebalance` recomputes it (the worker calls it after
 * every heartbeat): accounts this worker no longer owns are released, newly
 * owned ones are loaded and watched.
 *
 * A newly opened account (a fulfilled challenge, a next phase, a reset, an
 * activated funded account, trading re-enabled by an override) is announced
 * by the transaction that stores it (`signals`); its owner, by the live
 * workers of the last `rebalance`, watches it at once, so its first trades
 * are watched tick by tick. `rebalance` stays the safety net: it finds what
 * a lost announcement missed.
 */
export class RiskMonitor {
  readonly engine: RiskEngine;
  private readonly log: Logger;
  private readonly watches = new Map<string, Watch>();
  private readonly ticks = new Map<string, Subscription>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Breaches this worker reported and is handling (by login); their watch stays until the handling ends. */
  private readonly breaches = new Set<string>();
  /** Breaches whose handling failed unexpectedly: retried at each rebalance. */
  private readonly unhandled = new Map<string, BreachJob>();
  private readonly swapResyncs = new Set<string>();
  private rebalancing: Promise<void> = Promise.resolve();
  /** The live workers the last `rebalance` saw: whom an announced account belongs to. */
  private live: readonly string[] = [];
  private unlisten: (() => Promise<void>) | undefined;
  private resetTimer: NodeJS.Timeout | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private running = false;
  private unwatchFigures: (() => void) | undefined;
  /** When the tick being processed reached the engine (performance.now()), for its verdicts' latency; -1 between ticks. */
  private tickStartedAt = -1;
  /** One listener for every symbol: no closure is made per tick. */
  private readonly onTick = (tick: Tick): void => {
    const { metrics } = this.options;
    if (metrics) {
      this.tickStartedAt = performance.now();
      metrics.tickProcessed((this.options.clock.now().getTime() - tick.time.getTime()) / 1000);
    }
    try {
      this.engine.onTick(tick);
    } catch (error) {
      this.log.error({ err: error, symbol: tick.symbol }, 'risk engine failed on a tick');
    } finally {
      this.tickStartedAt = -1;
    }
  };

  constructor(private readonly options: RiskMonitorOptions) {
    this.log = options.logger.child({ component: 'risk-monitor' });
    this.engine = new RiskEngine(this.engineListener());
  }

  /** Logins of the trading accounts the engine watches now. */
  watching(): string[] {
    return this.engine.watchedLogins();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const { engine } = this;
    this.unwatchFigures = this.options.metrics?.watch(() => ({
      ticks: engine.stats.ticks,
      exactEvaluations: engine.stats.exact,
      screenedEvaluations: engine.stats.screened,
      watchedAccounts: engine.size,
      accountsNearLevel: () => engine.accountsNearLevel(),
    }));
    this.engine.defineSymbols(await this.options.feed.symbols());
    // Listening before the first look at the accounts: one stored in between is announced, not missed.
    await this.listen();
    await this.rebalance();
    this.scheduleReset();
  }

  /** Recomputes which accounts this worker owns, releases the others and watches the new ones. */
  rebalance(): Promise<void> {
    return this.serialised(() => this.rebalanceNow(), 'risk rebalance failed');
  }

  /**
   * The firm's reset instant: every watched account takes its current figures
   * as the new day's start (the timer calls this; tests call it directly).
   */
  rollover(at: Date): void {
    this.engine.rollover(at);
  }

  /** Resolves once every piece of queued work (breach handling, warnings, closing figures) has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops listening; breach handling already started is finished first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.resetTimer);
    clearTimeout(this.resyncTimer);
    await this.unlisten?.().catch((error: unknown) => this.log.warn({ err: error }, 'risk watch signal not closed'));
    this.unlisten = undefined;
    await this.rebalancing;
    for (const subscription of this.ticks.values()) subscription.unsubscribe();
    this.ticks.clear();
    await this.idle();
    for (const login of [...this.watches.keys()]) this.release(login);
    for (const login of this.engine.watchedLogins()) this.engine.unwatch(login);
    this.unwatchFigures?.();
    this.unwatchFigures = undefined;
  }

  // --- ownership -----------------------------------------------------------

  private async rebalanceNow(): Promise<void> {
    if (!this.running) return;
    const { clock, registry, leaseMs, workerId, watchList } = this.options;
    const live = (await registry.live(new Date(clock.now().getTime() - leaseMs))).map((worker) => worker.id);
    this.live = live;
    const candidates = await watchList.candidates();
    // A worker missing from the live list is presumed gone by the others: it must not watch anything.
    const owned = live.includes(workerId) ? candidates.filter((candidate) => rendezvousOwner(candidate.login, live) === workerId) : [];
    const wanted = new Map(owned.map((candidate) => [candidate.login, candidate]));

    for (const login of [...this.watches.keys()]) {
      if (this.breaches.has(login)) continue;
      const candidate = wanted.get(login);
      if (!candidate || candidate.pendingBreach) this.release(login);
    }
    for (const job of [...this.unhandled.values()]) this.handleBreach(job);
    for (const candidate of owned) {
      if (candidate.pendingBreach) this.handleBreach({ login: candidate.login, owner: candidate.owner });
    }
    const fresh = owned.filter(
      (candidate) =>
        !candidate.pendingBreach &&
        !this.watches.has(candidate.login) &&
        !this.breaches.has(candidate.login) &&
        !this.unhandled.has(candidate.login),
    );
    await inBatches(fresh, this.options.loadConcurrency ?? 8, (candidate) => this.watch(candidate));
  }

  /** Rebalances and announced accounts run one at a time: an account is never loaded twice at once. */
  private serialised(work: () => Promise<void>, failure: string): Promise<void> {
    const run = this.rebalancing.then(work);
    this.rebalancing = run.catch((error: unknown) => this.log.error({ err: error }, failure));
    return run;
  }

  private async listen(): Promise<void> {
    const { signals } = this.options;
    if (!signals) return;
    try {
      this.unlisten = await signals.listen({
        announced: (login) => {
          if (!this.running) return;
          const run = this.serialised(() => this.watchAnnounced(login), 'announced account not watched');
          void this.track(run.catch(() => undefined));
        },
        // Announcements made while the signal was down are lost: look at every account again.
        resumed: () => {
          if (this.running) void this.rebalance().catch(() => undefined);
        },
        failed: (error) => this.log.warn({ err: error }, 'risk watch signal lost; new accounts wait for the next rebalance'),
      });
    } catch (error) {
      this.log.error({ err: error }, 'risk watch signal not available; new accounts wait for the next rebalance');
    }
  }

  /** An announced account: watched now if this worker owns it among the live workers the last rebalance saw. */
  private async watchAnnounced(login: string): Promise<void> {
    const { workerId } = this.options;
    if (!this.running || !this.live.includes(workerId) || rendezvousOwner(login, this.live) !== workerId) return;
    if (this.breaches.has(login) || this.unhandled.has(login)) return;
    const candidate = await this.options.watchList.candidate(login);
    if (!candidate || !this.running) return;
    const watch = this.watches.get(login);
    if (watch && !candidate.pendingBreach) return;
    if (watch) this.release(login);
    if (candidate.pendingBreach) this.handleBreach({ login, owner: candidate.owner });
    else await this.watch(candidate);
  }

  private async watch(candidate: RiskWatchCandidate): Promise<void> {
    const { login, owner, firmBalanceOperations } = candidate;
    const watch: Watch = { login, owner, firmBalanceOperations, deals: null };
    this.watches.set(login, watch);
    const current = () => this.running && this.watches.get(login) === watch;
    try {
      const cursor = await this.options.watchList.dealCursor(login);
      const book = await readAccountBook(this.options.platform, login, cursor, this.options.clock);
      if (!current()) return;
      // Watching evaluates at once: an account already below a floor is reported (and handled) here.
      this.engine.watch({ login, owner, rules: candidate.rules, state: candidate.state, firmBalanceOperations, ...book });
      // From the recorded cursor: the deals the book already holds are recorded but not booked twice.
      watch.deals = this.options.platform.subscribeDeals(login, cursor, (deal) => this.track(this.onDeal(watch, deal)));
    } catch (error) {
      this.log.error({ err: error, login }, 'account could not be watched');
      if (this.watches.get(login) === watch) this.release(login);
    }
  }

  private release(login: string): void {
    const watch = this.watches.get(login);
    if (watch) {
      watch.deals?.unsubscribe();
      this.watches.delete(login);
    }
    this.engine.unwatch(login);
  }

  // --- inputs --------------------------------------------------------------

  private async onDeal(watch: Watch, deal: Deal): Promise<void> {
    const { login } = watch;
    try {
      this.engine.onDeal(login, deal);
    } catch (error) {
      // A deal the engine cannot value (unknown symbol): better unwatched and loud than wrong.
      this.log.error({ err: error, login, dealId: deal.dealId }, 'deal could not be booked; account not watched');
      this.engine.unwatch(login);
    }
    // A throw here makes the platform's feed offer the deal again; booking it twice is a no-op.
    const intake = await this.options.useCases.recordAccountDeals.recordDeal(deal);
    if (!intake.ok) {
      this.log.warn({ login, dealId: deal.dealId, error: intake.error }, 'deal not recorded');
    } else if (intake.value.breach?.ok) {
      // The account found the breach itself and it is handled: nothing left to watch.
      this.engine.unwatch(login);
    }
    // A firm balance operation: the engine moved the floors with it; a scaling deposit also changes the
    // rules' balance, which the stored account holds once the operation commits.
    // Not awaited: the lock waits for that transaction, and later deals must not wait behind it.
    if (watch.firmBalanceOperations && !TRADE_KINDS.has(deal.kind)) void this.track(this.refreshRules(watch, deal.time));
  }

  /** Takes the stored trading account's rules (its allocation after a scaling deposit) into the engine. */
  private async refreshRules(watch: Watch, at: Date): Promise<void> {
    const { login } = watch;
    try {
      // Read with the row lock: the operation's transaction, which booked the deal, commits first.
      const stored = await this.options.watchList.candidate(login, { lock: true });
      const rules = this.engine.rulesOf(login);
      if (!stored || !rules || this.watches.get(login) !== watch) return;
      if (stored.rules.contentHash !== rules.contentHash) this.engine.useRules(login, stored.rules, at);
    } catch (error) {
      this.log.warn({ err: error, login }, 'trading account rules not refreshed');
    }
  }

  private engineListener(): RiskListener {
    return {
      breach: (event) => this.onBreach(event),
      warning: (event) => this.onWarnings(event),
      dayClosed: (event) => this.onDayClosed(event),
      symbolNeeded: (symbol) => this.subscribeTicks(symbol),
      // Deferred: the feed may be in the middle of delivering this very symbol.
      symbolReleased: (symbol) => queueMicrotask(() => this.unsubscribeTicks(symbol)),
      // Only with metrics: the engine builds the event only for a listener that wants it.
      ...(this.options.metrics ? { evaluated: (event: ExactEvaluation) => this.onEvaluated(event) } : {}),
    };
  }

  /** An exact verdict on a tick: how long after the tick reached the engine (deals and watch starts are not ticks). */
  private onEvaluated(event: ExactEvaluation): void {
    if (event.observation.tick && this.tickStartedAt >= 0) {
      this.options.metrics?.verdictReached((performance.now() - this.tickStartedAt) / 1000);
    }
  }

  private subscribeTicks(symbol: string): void {
    if (this.ticks.has(symbol) || !this.running) return;
    this.ticks.set(symbol, this.options.feed.subscribe([symbol], this.onTick));
    // The latest price, so an account can be valued before the symbol next ticks (an older tick is ignored).
    void this.track(this.seedLastTick(symbol));
  }

  private async seedLastTick(symbol: string): Promise<void> {
    try {
      const tick = await this.options.feed.lastTick(symbol);
      if (tick && this.running) this.onTick(tick);
    } catch (error) {
      this.log.warn({ err: error, symbol }, 'last price not available');
    }
  }

  private unsubscribeTicks(symbol: string): void {
    if (this.engine.neededSymbols().includes(symbol)) return;
    this.ticks.get(symbol)?.unsubscribe();
    this.ticks.delete(symbol);
  }

  // --- findings ------------------------------------------------------------

  private onBreach(event: BreachDetected): void {
    const breach = event.verdict.breach!;
    this.log.warn(
      { login: event.login, owner: event.owner, rule: breach.rule, floor: breach.floor.toFixed(2), equity: breach.equity.toFixed(2) },
      'breach detected',
    );
    const detected = { breach: breachToData(breach), inputs: event.inputs };
    this.handleBreach({ login: event.login, owner: event.owner, detected });
  }

  private handleBreach(job: BreachJob): void {
    const { login } = job;
    if (this.breaches.has(login)) return;
    this.breaches.add(login);
    this.unhandled.delete(login);
    void this.track(this.runBreachHandling(job));
  }

  private async runBreachHandling(job: BreachJob): Promise<void> {
    const { login, detected } = job;
    const { useCases } = this.options;
    try {
      const result = await useCases.handleAccountBreach.execute({ login, ...(detected ? { detected } : {}) });
      if (result.ok) {
        this.log.info({ login, handled: result.value.handled }, 'breach handled');
        // The positions closed by the handling are deals too: take them in before letting go.
        await useCases.recordAccountDeals.execute({ login });
      } else {
        this.log.error({ login, error: result.error }, 'breach not handled');
      }
    } catch (error) {
      this.log.error({ err: error, login }, 'breach handling failed; will retry');
      this.unhandled.set(login, job);
    } finally {
      this.breaches.delete(login);
      if (!this.engine.isWatching(login) && this.watches.has(login)) this.release(login);
    }
  }

  private onWarnings(event: EarlyWarningsRaised): void {
    const { observation } = event;
    this.store(event, observation.balance, observation.equity, observation.at, observation.tick ?? null);
  }

  private onDayClosed(event: TradingDayClosed): void {
    // A flat account's equity is its balance, already stored by the intake of its last deal.
    if (event.openPositions === 0) return;
    // The figures at the close, stamped just before the reset so they belong to the day that ended:
    // the day-start snapshot and the account's own rollover start from them.
    this.store(event, event.balance, event.equity, new Date(event.at.getTime() - 1), null);
    this.swapResyncs.add(event.login);
    if (!this.resyncTimer && this.running) {
      this.resyncTimer = setTimeout(() => void this.resyncSwaps(), this.options.swapResyncDelayMs ?? 60_000);
      this.resyncTimer.unref();
    }
  }

  /** Stores an observation through the trading account (it raises its warnings once, and may find a breach itself). */
  private store(ref: AccountRef, balance: Decimal, equity: Decimal, at: Date, tick: Tick | null): void {
    void this.track(this.runStore(ref, balance, equity, at, tick));
  }

  private async runStore(ref: AccountRef, balance: Decimal, equity: Decimal, at: Date, tick: Tick | null): Promise<void> {
    const { login } = ref;
    try {
      const result = await this.options.useCases.evaluateEquity.execute({ login, balance, equity, at, tick });
      if (!result.ok) this.log.warn({ login, error: result.error }, 'equity observation not stored');
      else if (result.value.breachHandling?.ok) this.engine.unwatch(login);
    } catch (error) {
      this.log.error({ err: error, login }, 'equity observation failed');
    }
  }

  /** Swaps are charged at the reset without a deal: read the positions again. */
  private async resyncSwaps(): Promise<void> {
    this.resyncTimer = undefined;
    const due = [...this.swapResyncs];
    this.swapResyncs.clear();
    await inBatches(due, this.options.loadConcurrency ?? 8, async (login) => {
      const watch = this.watches.get(login);
      if (!watch || !this.engine.isWatching(login)) return;
      try {
        const book = await readAccountBook(this.options.platform, login, this.engine.bookTicketOf(login) ?? null, this.options.clock);
        if (this.watches.get(login) === watch) this.engine.resync(login, book);
      } catch (error) {
        this.log.warn({ err: error, login }, 'positions not re-read after the reset');
      }
    });
  }

  private scheduleReset(): void {
    if (!this.running) return;
    const now = this.options.clock.now();
    const next = this.options.calendar.nextReset(now);
    this.resetTimer = setTimeout(() => {
      this.rollover(next);
      this.scheduleReset();
    }, Math.max(0, next.getTime() - now.getTime()));
    this.resetTimer.unref();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.then(
      () => this.inFlight.delete(promise),
      () => this.inFlight.delete(promise),
    );
    return promise;
  }
}

/** Runs `work` over `items`, at most `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
