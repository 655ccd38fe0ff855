import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { compareLocal, type LocalDate } from '../calendar/local-date.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachToData, type BreachRecord } from '../drawdown/breach-record.js';
import type { DrawdownState } from '../drawdown/drawdown-state.js';
import type { EquityObservation } from '../drawdown/equity-observation.js';
import type { DrawdownVerdict } from '../drawdown/evaluate.js';
import { floorText, type DrawdownFloors } from '../drawdown/loss-limit.js';
import type { Money } from '../money/money.js';
import { AccountRisk, type DrawdownStep } from './account-risk.js';
import type { TradingAccountDeal } from './trading-account-deal.js';
import { RestrictionBook, type ExcludedProfitData, type TradingAccountViolationData } from './restriction-book.js';
import { judgeRestriction, type RestrictionJudgement } from '../restrictions/restriction-judgement.js';
import { violationToData, type RestrictionViolationData } from '../restrictions/restriction-violation.js';
import { MaxOpenLotsPerAssetClass } from '../restrictions/max-open-lots-per-asset-class.js';
import { MaxTradeLotsPerAssetClass } from '../restrictions/max-trade-lots-per-asset-class.js';
import { MaxTradesPerDay } from '../restrictions/max-trades-per-day.js';
import { NewsWindow, type NewsEventFact } from '../restrictions/news-window.js';
import { WeekendHoldingBan } from '../restrictions/weekend-holding-ban.js';
import { Consistency, type ConsistencyCheck } from '../restrictions/consistency.js';
import { Decimal } from '../money/decimal.js';
import { TradingAccountErrorCode } from './trading-account-errors.js';
import type { BalanceOperationCause, TradingAccountEvent } from './trading-account-events.js';
import type { TradingAccountOwner } from './trading-account-owner.js';
import type { TradingAccountOverrideData, TradingAccountState, TradingAccountStatus } from './trading-account-state.js';

export interface OpenTradingAccount {
  readonly login: string;
  readonly traderId: string;
  readonly owner: TradingAccountOwner;
  readonly rules: RuleSnapshot;
  readonly at: Date;
}

/** What a day rollover did. */
export interface TradingDayRoll {
  /** False when the account was already in that trading day (a repeated rollover). */
  readonly rolled: boolean;
  readonly day: LocalDate;
  /** The day-start figures judged against the new day's floors. */
  readonly verdict: DrawdownVerdict | null;
}

/** What a deal did. */
export interface DealRecorded {
  /** The rollover crossed first when the deal is the first news from a new trading day. */
  readonly rollover: TradingDayRoll | null;
  /** False when that rollover found a breach and the deal was not applied. */
  readonly applied: boolean;
  readonly verdict: DrawdownVerdict | null;
  /** The restriction violations the deal caused (rule book §14); absent when none. */
  readonly violations?: readonly RestrictionViolationData[];
}

/** What a deal is judged with besides itself: the high-impact events near it, for the news window (§14). */
export interface DealContext {
  readonly newsEvents?: readonly NewsEventFact[];
}

/** An admin's clearing of a restriction violation (the caller audits it). */
export interface ClearRestrictionViolation {
  readonly violationId: string;
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
}

/** The firm trading days a payout request covers, both included. */
export interface PayoutPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** The figures at a reset instant and when they were observed (null: never). */
export interface DayStartFiguresObserved {
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly observedAt: Date | null;
}

/** An admin's clearing of a breach, with the account's figures now (its positions were closed at the breach). */
export interface OverrideTradingAccountBreach {
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
  readonly balance: Decimal;
  readonly equity: Decimal;
}

/** A firm balance operation: a payout withdrawal (negative), its reversal, a scaling deposit with the new allocation. */
export interface BalanceOperation {
  readonly cause: BalanceOperationCause;
  readonly amount: Money;
  readonly at: Date;
  /** The allocation the rules are measured against from now on (a scaling deposit); null keeps it. */
  readonly allocation: Money | null;
}

type CoreState = Omit<TradingAccountState, 'rules' | 'drawdown' | 'lastBalanceOperationAt' | 'restrictionBook'>;

/**
 * One platform login the firm watches, whatever it belongs to (a challenge
 * phase, a funded account, a competition entry): the risk lifecycle of
 * docs/rules.md §4, written once. It owns the frozen rule snapshot, the
 * drawdown state and the day roll, the open positions, the firm's balance
 * operations (rebased so a payout or a scaling deposit is never a breach) and
 * the breach lifecycle: detected on the evaluation that finds it
 * (`TradingAccountBreachDetected`, trading stops being accepted), handled
 * once after the caller disabled trading and closed the positions
 * (`markBreached`; a second call is a no-op), cleared by an admin with a
 * reason (`overrideBreach`), replayable from the inputs its detection event
 * carries. Its owner reacts to its events; it never reads the clock.
 */
export class TradingAccount extends AggregateRoot<TradingAccountEvent> {
  private core: CoreState;
  private risk: AccountRisk;
  private book: RestrictionBook;

  private constructor(core: CoreState, risk: AccountRisk, book: RestrictionBook = RestrictionBook.restore(undefined)) {
    super();
    this.core = core;
    this.risk = risk;
    this.book = book;
  }

  /** A fresh account: its initial balance is the day-start of the trading day it opens in (§4). */
  static open(input: OpenTradingAccount): Result<TradingAccount> {
    const login = input.login.trim();
    if (login === '') {
      return err(domainError(TradingAccountErrorCode.LOGIN_REQUIRED, 'A trading account needs its platform login', {}));
    }
    const risk = AccountRisk.open(input.rules, input.at);
    const account = new TradingAccount(
      {
        login,
        traderId: input.traderId,
        owner: input.owner,
        status: 'active',
        openPositions: [],
        lastTradeAt: null,
        breachedAt: null,
        overrides: [],
        openedAt: input.at,
        closedAt: null,
        closeCause: null,
        updatedAt: input.at,
        version: 0,
      },
      risk,
    );
    account.emit('TradingAccountOpened', input.at, {
      traderId: input.traderId,
      modelId: input.rules.modelId,
      modelVersion: input.rules.modelVersion,
      currency: input.rules.initialBalance.currency,
      initialBalance: input.rules.initialBalance.toFixed(),
      tradingDay: risk.state.tradingDay,
    });
    return ok(account);
  }

  static restore(state: TradingAccountState): TradingAccount {
    const { rules, drawdown, lastBalanceOperationAt, restrictionBook, ...core } = state;
    return new TradingAccount(
      cloneCore(core),
      AccountRisk.restore({ rules, drawdown, lastBalanceOperationAt }),
      RestrictionBook.restore(restrictionBook ? (JSON.parse(JSON.stringify(restrictionBook)) as typeof restrictionBook) : undefined),
    );
  }

  get login(): string {
    return this.core.login;
  }
  get traderId(): string {
    return this.core.traderId;
  }
  get owner(): TradingAccountOwner {
    return this.core.owner;
  }
  get status(): TradingAccountStatus {
    return this.core.status;
  }
  get version(): number {
    return this.core.version;
  }
  get rules(): RuleSnapshot {
    return this.risk.rules;
  }
  get drawdown(): DrawdownState {
    return this.risk.state;
  }
  get floors(): DrawdownFloors {
    return this.risk.floors();
  }
  /** The detected breach: set while it is handled and after. */
  get breach(): BreachRecord | null {
    return this.risk.breach;
  }
  get openPositions(): readonly string[] {
    return this.core.openPositions;
  }
  get lastTradeAt(): Date | null {
    return this.core.lastTradeAt;
  }
  get lastBalanceOperationAt(): Date | null {
    return this.risk.lastBalanceOperationAt;
  }
  get overrides(): readonly TradingAccountOverrideData[] {
    return this.core.overrides;
  }
  get openedAt(): Date {
    return this.core.openedAt;
  }
  /** The restriction violations found on the account, cleared ones included (§14). */
  get violations(): readonly TradingAccountViolationData[] {
    return this.book.violations;
  }
  /** Closing deals' net results left out of targets and payouts, cleared violations' included. */
  get excludedProfitEntries(): readonly ExcludedProfitData[] {
    return this.book.excludedProfit;
  }
  /** The net result left out of targets and payouts now: entries whose violation was not cleared. */
  get excludedProfit(): Decimal {
    return this.book.excludedTotal();
  }
  /** Watched, and no breach detected: deals and prices are evaluated. */
  get isTrading(): boolean {
    return this.core.status === 'active' && this.risk.breach === null;
  }

  /**
   * A trade deal. When it is the first news from a new trading day the
   * rollover runs first, from the last known figures; if that breaches, the
   * deal is not applied. Otherwise the position book follows the deal and the
   * figures after it are evaluated, unless they predate the firm's last
   * balance operation or the current trading day (a deal delivered late):
   * then only the book changes.
   */
  recordDeal(deal: TradingAccountDeal, context: DealContext = {}): Result<DealRecorded> {
    const ready = this.requireTrading();
    if (!ready.ok) return ready;
    const rollover = this.catchUp(deal.at);
    if (!this.isTrading) return ok({ rollover, applied: false, verdict: null });
    const tradingDay = this.risk.rules.calendar.tradingDayOf(deal.at);
    // Judged on the book before the deal: the open lots and the trades counted so far.
    const judgements = this.judgeDeal(deal, tradingDay, context.newsEvents ?? []);

    // A deal executed before the firm's last balance operation (or an override) is delivered late:
    // the position book takes it, but its figures predate money the floors were already moved by.
    const fresh = this.figuresFit(deal.at);
    const open = this.core.openPositions;
    const openPositions =
      deal.action === 'open'
        ? open.includes(deal.positionId)
          ? open
          : [...open, deal.positionId]
        : deal.action === 'close'
          ? open.filter((id) => id !== deal.positionId)
          : open;
    const lastTradeAt = this.core.lastTradeAt && this.core.lastTradeAt > deal.at ? this.core.lastTradeAt : deal.at;
    this.core = { ...this.core, openPositions, lastTradeAt, updatedAt: deal.at };
    this.book = this.book.afterDeal(deal, tradingDay, this.risk.rules);
    if (deal.action !== 'partial_close') {
      this.emit('TradingAccountDealRecorded', deal.at, {
        action: deal.action,
        positionId: deal.positionId,
        tradingDay,
        balance: deal.balance.toFixed(),
        equity: deal.equity.toFixed(),
        openPositions: openPositions.length,
      });
    }
    let verdict = fresh ? this.step({ balance: deal.balance, equity: deal.equity, at: deal.at, tick: null }) : null;
    // A late deal's figures predate money the floors moved by: a restriction breach is judged on the account's last figures.
    const figures = fresh
      ? { balance: deal.balance, equity: deal.equity, at: deal.at, tick: null }
      : { balance: this.risk.state.lastBalance, equity: this.risk.state.lastEquity, at: deal.at, tick: null };
    const violations: RestrictionViolationData[] = [];
    for (const judgement of judgements) {
      const recorded = this.recordViolation(judgement, tradingDay, figures);
      if (recorded) violations.push(recorded.violation);
      if (recorded?.verdict) verdict = recorded.verdict;
    }
    if (deal.action !== 'open' && deal.netProfit) this.excludeClosedResult(deal, deal.netProfit);
    return ok({ rollover, applied: true, verdict, ...(violations.length > 0 ? { violations } : {}) });
  }

  /**
   * The clock reached (or passed) a weekend cut-off (§14): the positions still
   * open then, opened at or before it, violate the weekend holding ban at the
   * cut-off instant. Nothing when the ban is off or no position was held;
   * asking again about the same cut-off records nothing more.
   */
  checkWeekendCutOff(at: Date): Result<RestrictionViolationData | null> {
    const ready = this.requireTrading();
    if (!ready.ok) return ready;
    const rule = WeekendHoldingBan.of(this.risk.rules);
    if (!rule) return ok(null);
    // A position the book has no opening instant for was open before the book kept one.
    const positions = this.core.openPositions.map((positionId) => ({
      positionId,
      openedAt: new Date(this.book.position(positionId)?.openedAt ?? 0),
    }));
    const judgement = judgeRestriction(rule, { at, positions }, this.risk.rules.contentHash);
    const violation = judgement.violation;
    if (!violation || this.book.violation(violation.id)) return ok(null);
    if (violation.action === 'breach') this.catchUp(violation.at);
    if (!this.isTrading) return ok(null);
    const state = this.risk.state;
    const figures = { balance: state.lastBalance, equity: state.lastEquity, at: violation.at, tick: null };
    const recorded = this.recordViolation(judgement, this.risk.rules.calendar.tradingDayOf(violation.at), figures);
    return ok(recorded?.violation ?? null);
  }

  /**
   * Consistency at a payout request (§14), a pure query: the best firm
   * trading day's net profit in the period against the period's total; null
   * when the snapshot has no consistency rule.
   */
  consistencyAtPayoutRequest(period: PayoutPeriod): ConsistencyCheck | null {
    const rule = Consistency.of(this.risk.rules);
    if (!rule) return null;
    const days = Object.entries(this.book.dailyNetProfit)
      .filter(([day]) => compareLocal(day, period.from) >= 0 && compareLocal(day, period.to) <= 0)
      .map(([tradingDay, netProfit]) => ({ tradingDay, netProfit: new Decimal(netProfit) }));
    return rule.check(days, this.risk.rules.contentHash);
  }

  /**
   * An admin clears a violation with a reason (the caller writes the audit
   * log). The violation stays as found, marked cleared; an excluded net
   * result counts again. Its action is not undone: a closed position stays
   * closed, and a restriction breach is cleared by `overrideBreach`.
   */
  clearViolation(input: ClearRestrictionViolation): Result<TradingAccountViolationData> {
    const reason = input.reason.trim();
    if (reason === '') return err(this.error(TradingAccountErrorCode.REASON_REQUIRED, 'Clearing a violation needs a reason'));
    const record = this.book.violation(input.violationId);
    if (!record) {
      return err(this.error(TradingAccountErrorCode.VIOLATION_NOT_FOUND, 'No such violation on the account', { violationId: input.violationId }));
    }
    if (record.cleared) {
      return err(
        this.error(TradingAccountErrorCode.VIOLATION_ALREADY_CLEARED, 'The violation was already cleared', {
          violationId: input.violationId,
          clearedAt: record.cleared.at,
        }),
      );
    }
    const cleared = { adminId: input.adminId, reason, at: input.at.toISOString() };
    this.book = this.book.withCleared(input.violationId, cleared);
    this.core = { ...this.core, updatedAt: input.at };
    this.emit('TradingAccountRestrictionViolationCleared', input.at, {
      violationId: input.violationId,
      adminId: input.adminId,
      reason,
      original: record.violation,
      excludedTotal: this.book.excludedTotal().toFixed(),
    });
    return ok({ ...record, cleared });
  }

  /**
   * One balance/equity observation (a tick that moved a held symbol, a
   * balance change). When it is the first news from a new trading day the
   * rollover runs first; if that breaches, its verdict is returned and the
   * observation is not applied. Figures observed before the firm's last
   * balance operation are refused (`TRADING_ACCOUNT.STALE_OBSERVATION`): they
   * do not include money the floors were already moved by; so are figures
   * from a trading day already closed.
   */
  evaluateEquity(observation: EquityObservation): Result<DrawdownVerdict> {
    const ready = this.requireTrading();
    if (!ready.ok) return ready;
    if (!this.figuresFit(observation.at)) {
      return err(
        this.error(TradingAccountErrorCode.STALE_OBSERVATION, 'The figures predate the last balance operation or the current trading day', {
          observedAt: observation.at.toISOString(),
          lastBalanceOperationAt: this.risk.lastBalanceOperationAt?.toISOString() ?? null,
          tradingDay: this.risk.state.tradingDay,
        }),
      );
    }
    const rollover = this.catchUp(observation.at);
    if (rollover?.verdict?.breach) return ok(rollover.verdict);
    return ok(this.step(observation));
  }

  /**
   * The reset instant: the day-start snapshot (and trailing end-of-day high),
   * then the day-start figures judged against the new floors. Figures
   * observed before the last balance operation (or never observed) give way
   * to the account's own last figures, which that operation already moved.
   * Repeating a rollover for a day already started is a no-op.
   */
  rollTradingDay(at: Date, figures: DayStartFiguresObserved): Result<TradingDayRoll> {
    const ready = this.requireTrading();
    if (!ready.ok) return ready;
    const day = this.risk.rules.calendar.tradingDayOf(at);
    if (compareLocal(day, this.risk.state.tradingDay) <= 0) return ok({ rolled: false, day, verdict: null });
    const fresh = figures.observedAt !== null && this.risk.fitsFiguresFrom(figures.observedAt);
    const balance = fresh ? figures.balance : this.risk.state.lastBalance;
    const equity = fresh ? figures.equity : this.risk.state.lastEquity;
    return ok(this.rollTo(day, balance, equity));
  }

  /**
   * A firm balance operation booked with a payout or a scaling: every figure
   * the floors are measured from moves by the same amount, so the operation
   * neither breaches nor frees up room (§5, §6).
   */
  applyBalanceOperation(operation: BalanceOperation): Result<void> {
    if (this.core.status === 'closed') return this.closed();
    const currency = this.risk.rules.initialBalance.currency;
    const foreign = [operation.amount, operation.allocation].find((money) => money !== null && money.currency !== currency);
    if (foreign) {
      return err(
        this.error(TradingAccountErrorCode.CURRENCY_MISMATCH, `The account is in ${currency}`, { currency, given: foreign.currency }),
      );
    }
    // A breached account is not grown: its allocation would be lost to the breach's figures.
    // Money still moves on it (a rejected payout's reversal), and an override resumes from the
    // figures then, which include it.
    if (operation.allocation !== null && this.risk.breach) {
      return err(this.error(TradingAccountErrorCode.ALREADY_BREACHED, 'A breached account cannot take a new allocation'));
    }
    this.risk = this.risk.rebase(operation.amount.amount, operation.at, operation.allocation);
    this.core = { ...this.core, updatedAt: operation.at };
    if (this.risk.breach) return ok(undefined);
    const floors = this.risk.floors();
    this.emit('TradingAccountLimitsRebased', operation.at, {
      cause: operation.cause,
      amount: operation.amount.toFixed(),
      initialBalance: this.risk.rules.initialBalance.toFixed(),
      dailyLossFloor: floorText(floors.dailyLoss),
      maxLossFloor: floorText(floors.maxLoss),
    });
    return ok(undefined);
  }

  /**
   * Ends the account on its breach, once trading was disabled and positions
   * closed (§4's order). The breach detected before stands; else `breach`
   * (found outside the aggregate) is recorded. A second call is a no-op that
   * records nothing (§4: a second detection is a no-op).
   */
  markBreached(breach: BreachRecord | null, at: Date): Result<void> {
    if (this.core.status === 'breached') return ok(undefined);
    if (this.core.status === 'closed') return this.closed();
    const record = this.risk.breach ?? breach;
    if (!record) return err(this.error(TradingAccountErrorCode.NOT_BREACHED, 'No breach to end the account on'));
    this.risk = this.risk.withBreach(record);
    const cause = `breach:${record.rule}`;
    this.core = { ...this.core, status: 'breached', breachedAt: at, openPositions: [], updatedAt: at };
    this.book = this.book.withoutPositions();
    this.emit('TradingAccountBreached', at, { cause, breach: breachToData(record) });
    return ok(undefined);
  }

  /**
   * An admin clears a false breach (§4), detected or handled. The breach
   * closed the positions, so the account resumes from its figures now as a
   * fresh day start in the current trading day; the max-loss floor stays
   * where the rules put it. Figures that would breach again at once are
   * refused (`TRADING_ACCOUNT.OVERRIDE_BEYOND_LIMIT`). The original verdict
   * stays in `overrides` and travels with `TradingAccountBreachOverridden`.
   */
  overrideBreach(input: OverrideTradingAccountBreach): Result<TradingAccountOverrideData> {
    const reason = input.reason.trim();
    if (reason === '') return err(this.error(TradingAccountErrorCode.REASON_REQUIRED, 'An override needs a reason'));
    const record = this.risk.breach;
    const previousStatus = this.core.status;
    if (!record || previousStatus === 'closed') {
      return err(this.error(TradingAccountErrorCode.NOT_BREACHED, 'There is no breach to override', { status: previousStatus }));
    }
    const { adminId, at, balance, equity } = input;
    const resumed = this.risk.resume(at, balance, equity);
    const again = resumed.evaluate({ balance, equity, at, tick: null }).step.verdict.breach;
    if (again) {
      return err(
        this.error(TradingAccountErrorCode.OVERRIDE_BEYOND_LIMIT, 'The account is at a loss floor now: cleared, it would breach again at once', {
          rule: again.rule,
          floor: again.floor.toFixed(),
          equity: equity.toFixed(),
        }),
      );
    }
    const override: TradingAccountOverrideData = {
      adminId,
      reason,
      at,
      previousStatus,
      breachedAt: this.core.breachedAt,
      original: breachToData(record),
      balance: balance.toFixed(),
      equity: equity.toFixed(),
    };
    this.risk = resumed;
    this.core = {
      ...this.core,
      status: 'active',
      breachedAt: null,
      openPositions: [],
      overrides: [...this.core.overrides, override],
      updatedAt: at,
    };
    this.book = this.book.withoutPositions();
    this.emit('TradingAccountBreachOverridden', at, {
      ...this.floorsNow(),
      adminId,
      reason,
      original: override.original,
      breachedAt: (override.breachedAt ?? record.at).toISOString(),
      previousStatus,
    });
    return ok(override);
  }

  /**
   * The account is no longer watched: its phase was passed or ended, its
   * owner moved on. Closing twice changes nothing; a breached account stays
   * breached (its record is what the owner acted on), and an account whose
   * breach was detected is refused until the breach is handled or cleared.
   */
  close(cause: string, at: Date): Result<void> {
    if (this.core.status !== 'active') return ok(undefined);
    if (cause.trim() === '') return err(this.error(TradingAccountErrorCode.REASON_REQUIRED, 'Closing an account needs a cause'));
    // A detected breach is handled (or cleared) first: closed, it would never reach the owner.
    if (this.risk.breach) {
      return err(this.error(TradingAccountErrorCode.ALREADY_BREACHED, 'A detected breach must be handled before the account closes'));
    }
    this.core = { ...this.core, status: 'closed', closedAt: at, closeCause: cause, updatedAt: at };
    this.emit('TradingAccountClosed', at, { cause, balance: this.risk.state.lastBalance.toFixed() });
    return ok(undefined);
  }

  toState(): TradingAccountState {
    const restrictionBook = this.book.toData();
    return { ...cloneCore(this.core), ...this.risk.toData(), ...(restrictionBook ? { restrictionBook } : {}) };
  }

  // --- internals -----------------------------------------------------------

  /** The deal-triggered restrictions of the snapshot, each on the facts the deal carries. */
  private judgeDeal(deal: TradingAccountDeal, tradingDay: LocalDate, newsEvents: readonly NewsEventFact[]): RestrictionJudgement[] {
    const rules = this.risk.rules;
    const hash = rules.contentHash;
    const judgements: RestrictionJudgement[] = [];
    const base = { dealId: deal.dealId, positionId: deal.positionId, at: deal.at };
    if (deal.action === 'open') {
      const { assetClass, volume } = deal;
      const tradeLots = MaxTradeLotsPerAssetClass.of(rules);
      if (tradeLots && assetClass && volume) judgements.push(judgeRestriction(tradeLots, { ...base, assetClass, lots: volume }, hash));
      const openLots = MaxOpenLotsPerAssetClass.of(rules);
      if (openLots && assetClass && volume) {
        judgements.push(judgeRestriction(openLots, { ...base, assetClass, lots: volume, openLotsBefore: this.book.openLotsOf(assetClass) }, hash));
      }
      const trades = MaxTradesPerDay.of(rules);
      // A deal of a day already left is not counted again.
      if (trades && !this.book.isPastCountedDay(tradingDay)) {
        judgements.push(judgeRestriction(trades, { ...base, action: deal.action, tradingDay, tradesBefore: this.book.tradesIn(tradingDay) }, hash));
      }
    }
    const news = NewsWindow.of(rules);
    // One violation per position: an end already judged inside a window leaves the other nothing to add.
    if (news && newsEvents.length > 0 && !this.book.violation(`${news.restriction}:${deal.positionId}`)) {
      const position = this.book.position(deal.positionId);
      judgements.push(
        judgeRestriction(
          news,
          {
            ...base,
            side: deal.action === 'open' ? 'open' : 'close',
            assetClass: deal.assetClass ?? position?.assetClass ?? null,
            baseCurrency: deal.baseCurrency ?? null,
            quoteCurrency: deal.quoteCurrency ?? null,
            events: newsEvents.map((event) => ({ id: event.id, at: event.at, currency: event.currency, impact: event.impact })),
          },
          hash,
        ),
      );
    }
    return judgements.filter((judgement) => judgement.violation !== null);
  }

  /**
   * Records a violation once (its id is derived from its cause) and takes its
   * action: `breach` enters the breach lifecycle with a verdict, `close` asks
   * for the positions to be closed, `exclude_profit` leaves their net result
   * out from now on, `flag` only records.
   */
  private recordViolation(
    judgement: RestrictionJudgement,
    tradingDay: LocalDate,
    figures: EquityObservation,
  ): { violation: RestrictionViolationData; verdict: DrawdownVerdict | null } | null {
    const found = judgement.violation;
    if (!found || this.book.violation(found.id)) return null;
    const violation = violationToData(found);
    this.book = this.book.withViolation({ violation, tradingDay, inputs: judgement.inputs, inputHash: judgement.inputHash, cleared: null });
    this.core = { ...this.core, updatedAt: found.at };
    this.emit('TradingAccountRestrictionViolated', found.at, { violation, tradingDay, inputs: judgement.inputs, inputHash: judgement.inputHash });
    switch (found.action) {
      case 'breach': {
        if (!this.isTrading) return { violation, verdict: null };
        const { next, step } = this.risk.evaluateRestriction(figures, judgement.inputs);
        this.risk = next;
        this.recordStep(step);
        return { violation, verdict: step.verdict };
      }
      case 'close':
        this.emit('TradingAccountPositionCloseRequired', found.at, {
          violationId: found.id,
          restriction: found.restriction,
          positionIds: violation.positionIds,
        });
        return { violation, verdict: null };
      case 'exclude_profit':
      case 'flag':
        return { violation, verdict: null };
    }
  }

  /** A closing deal of a position an `exclude_profit` violation names: its net result is left out. */
  private excludeClosedResult(deal: TradingAccountDeal, netProfit: Decimal): void {
    const record = this.book.excludingViolation(deal.positionId);
    if (!record) return;
    const entry: ExcludedProfitData = {
      violationId: record.violation.id,
      positionId: deal.positionId,
      dealId: deal.dealId,
      amount: netProfit.toFixed(),
      at: deal.at.toISOString(),
    };
    this.book = this.book.withExcluded(entry);
    this.emit('TradingAccountProfitExcluded', deal.at, {
      violationId: entry.violationId,
      positionId: entry.positionId,
      dealId: entry.dealId,
      amount: entry.amount,
      excludedTotal: this.book.excludedTotal().toFixed(),
    });
  }

  private requireTrading(): Result<void> {
    if (this.core.status === 'closed') return this.closed();
    if (this.core.status === 'breached' || this.risk.breach) {
      return err(this.error(TradingAccountErrorCode.ALREADY_BREACHED, 'A breach was detected on the account', { status: this.core.status }));
    }
    return ok(undefined);
  }

  /**
   * Figures the state can take: observed after the firm's last balance
   * operation, and in the state's trading day or later. A tick or deal from
   * an earlier trading day arrives late: that day was closed and its
   * successor's floors hold, which it must not be judged against.
   */
  private figuresFit(at: Date): boolean {
    if (!this.risk.fitsFiguresFrom(at)) return false;
    return compareLocal(this.risk.rules.calendar.tradingDayOf(at), this.risk.state.tradingDay) >= 0;
  }

  /** Runs the rollover a deal or tick from a later trading day implies, with the last known figures. */
  private catchUp(at: Date): TradingDayRoll | null {
    const day = this.risk.dayAfterReset(at);
    if (day === null) return null;
    return this.rollTo(day, this.risk.state.lastBalance, this.risk.state.lastEquity);
  }

  private rollTo(day: LocalDate, balance: Decimal, equity: Decimal): TradingDayRoll {
    const roll = this.risk.roll(day, balance, equity);
    this.risk = roll.next;
    this.core = { ...this.core, updatedAt: roll.dayStart.at };
    const floors = roll.dayStart.floors;
    this.emit('TradingDayRolled', roll.dayStart.at, {
      tradingDay: day,
      dayStartBalance: balance.toFixed(),
      dayStartEquity: equity.toFixed(),
      dailyLossFloor: floorText(floors.dailyLoss),
      maxLossFloor: floorText(floors.maxLoss),
      nextResetAt: this.risk.rules.calendar.endOf(day).toISOString(),
    });
    this.recordStep(roll.step);
    return { rolled: true, day, verdict: roll.step.verdict };
  }

  private step(observation: EquityObservation): DrawdownVerdict {
    const { next, step } = this.risk.evaluate(observation);
    this.risk = next;
    this.recordStep(step);
    return step.verdict;
  }

  /** The events of one evaluation: warnings raised, a breach detected. */
  private recordStep(step: DrawdownStep): void {
    for (const warning of step.verdict.warnings) {
      this.emit('EarlyWarningRaised', warning.at, {
        limit: warning.limit,
        usedPercent: warning.usedPercent.toDecimalPlaces(2).toFixed(2),
        floor: warning.floor.toFixed(),
        equity: warning.equity.toFixed(),
        tradingDay: warning.tradingDay,
      });
    }
    const breach = step.verdict.breach;
    if (breach && step.inputs) {
      this.emit('TradingAccountBreachDetected', breach.at, { breach: breachToData(breach), inputs: step.inputs });
    }
  }

  private floorsNow() {
    const floors = this.risk.floors();
    const state = this.risk.state;
    return {
      tradingDay: state.tradingDay,
      dayStartBalance: state.dayStartBalance.toFixed(),
      dayStartEquity: state.dayStartEquity.toFixed(),
      dailyLossFloor: floorText(floors.dailyLoss),
      maxLossFloor: floorText(floors.maxLoss),
      nextResetAt: this.risk.rules.calendar.endOf(state.tradingDay).toISOString(),
    };
  }

  private closed(): Result<never> {
    return err(this.error(TradingAccountErrorCode.CLOSED, `Trading account ${this.core.login} is closed`, { cause: this.core.closeCause }));
  }

  private error(code: TradingAccountErrorCode, message: string, details: Record<string, unknown> = {}): DomainError {
    return domainError(code, message, { login: this.core.login, owner: this.core.owner.kind, ownerId: this.core.owner.id, ...details });
  }

  /** Every event names the login and the owner, so the owner's handlers can react. */
  private emit<T extends TradingAccountEvent['type']>(type: T, at: Date, payload: Omit<EventPayload<TradingAccountEvent, T>, 'owner' | 'login'>): void {
    this.recordEvent(type, this.core.login, at, { owner: this.core.owner, login: this.core.login, ...payload } as unknown as EventPayload<TradingAccountEvent, T>);
  }
}

function cloneCore(core: CoreState): CoreState {
  return { ...core, openPositions: [...core.openPositions], overrides: core.overrides.map((override) => ({ ...override })) };
}
