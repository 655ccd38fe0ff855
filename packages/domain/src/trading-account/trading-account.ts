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
import type { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { AccountRisk, type DrawdownStep } from './account-risk.js';
import type { TradingAccountDeal } from './trading-account-deal.js';
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

type CoreState = Omit<TradingAccountState, 'rules' | 'drawdown' | 'lastBalanceOperationAt'>;

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

  private constructor(core: CoreState, risk: AccountRisk) {
    super();
    this.core = core;
    this.risk = risk;
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
    const { rules, drawdown, lastBalanceOperationAt, ...core } = state;
    return new TradingAccount(cloneCore(core), AccountRisk.restore({ rules, drawdown, lastBalanceOperationAt }));
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
  recordDeal(deal: TradingAccountDeal): Result<DealRecorded> {
    const ready = this.requireTrading();
    if (!ready.ok) return ready;
    const rollover = this.catchUp(deal.at);
    if (!this.isTrading) return ok({ rollover, applied: false, verdict: null });

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
    if (deal.action !== 'partial_close') {
      this.emit('TradingAccountDealRecorded', deal.at, {
        action: deal.action,
        positionId: deal.positionId,
        tradingDay: this.risk.rules.calendar.tradingDayOf(deal.at),
        balance: deal.balance.toFixed(),
        equity: deal.equity.toFixed(),
        openPositions: openPositions.length,
      });
    }
    if (!fresh) return ok({ rollover, applied: true, verdict: null });
    const verdict = this.step({ balance: deal.balance, equity: deal.equity, at: deal.at, tick: null });
    return ok({ rollover, applied: true, verdict });
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
    return { ...cloneCore(this.core), ...this.risk.toData() };
  }

  // --- internals -----------------------------------------------------------

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
