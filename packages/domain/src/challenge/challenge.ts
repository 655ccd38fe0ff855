import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { compareLocal, type LocalDate } from '../calendar/local-date.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachFromData, breachToData, type BreachRecord, type BreachRecordData } from '../drawdown/breach-record.js';
import type { DealAction } from '../trading-account/trading-account-deal.js';
import { ChallengeErrorCode } from './challenge-errors.js';
import type { ChallengeEvent } from './challenge-events.js';
import type { BreachOverrideData, ChallengeState, PhaseRecordData, StoredChallengeState } from './challenge-state.js';
import type { ChallengeStatus, ExpiryReason } from './challenge-status.js';
import { InactivityRule } from './inactivity-rule.js';
import { PhasePassPolicy, type PhasePassCheck } from './phase-pass-policy.js';

export interface CreateChallenge {
  readonly id: string;
  readonly traderId: string;
  readonly rules: RuleSnapshot;
  readonly trial?: boolean;
  readonly at: Date;
}


export interface ResetChallenge {
  /** The fresh trading account the restarted phase 1 runs on. */
  readonly account: string;
  /** What the trader paid for the reset: must be price × (1 − reset discount). */
  readonly paid: Money;
  readonly at: Date;
}

/**
 * A deal the current phase's trading account took in
 * (`TradingAccountDealRecorded`), with the account's figures right after it.
 */
export interface TradingActivity {
  /** The platform login the deal was on. */
  readonly account: string;
  readonly action: DealAction;
  readonly at: Date;
  /** The trading day of the deal on the firm calendar (docs/rules.md §1). */
  readonly tradingDay: LocalDate;
  readonly balance: Decimal;
  /** Positions still open on the account after the deal. */
  readonly openPositions: number;
}

/** What a trading account's deal did to the challenge. */
export interface TradingActivityOutcome {
  /** The trading day newly counted by this deal, if any. */
  readonly countedDay: LocalDate | null;
  /** The pass check a closing deal ran, if any. */
  readonly passCheck: PhasePassCheck | null;
  readonly passed: boolean;
}

/** A trading day the current phase's trading account started (`TradingDayRolled`), with its figures at the reset. */
export interface TradingDayStart {
  readonly account: string;
  readonly day: LocalDate;
  /** The reset instant. */
  readonly at: Date;
  readonly balance: Decimal;
  readonly openPositions: number;
}

/** What a trading day start did to the challenge. */
export interface TradingDayStartOutcome {
  readonly passCheck: PhasePassCheck | null;
  readonly passed: boolean;
  readonly expired: boolean;
}

/** An admin's clearing of the trading account's breach (`TradingAccountBreachOverridden`). */
export interface ReinstateAfterOverride {
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
  /** The verdict the admin cleared, as the trading account recorded it. */
  readonly original: BreachRecordData;
  /** The platform login whose breach was cleared. */
  readonly account: string;
}

/**
 * A trader's challenge (rule book section 3): phases with a profit target and
 * minimum trading days on a frozen rule snapshot. Ids and instants come in as
 * arguments; every status change records an event with its time and cause;
 * expected refusals are `DomainError` results with `CHALLENGE.*` codes.
 *
 * The loss limits of each phase are watched by that phase's `TradingAccount`
 * (docs/rules.md §4), which owns the drawdown state, the day roll, the breach
 * and its override. The challenge reacts to that account's events
 * (`recordTradingActivity`, `recordTradingDayStarted`, `failOnBreach`,
 * `reinstateAfterOverride`): it counts trading days, checks the phase target
 * and the inactivity limit (§3), and keeps the breach it failed on.
 */
export class Challenge extends AggregateRoot<ChallengeEvent> {
  readonly rules: RuleSnapshot;
  private core: ChallengeState;

  private constructor(core: ChallengeState, rules: RuleSnapshot) {
    super();
    this.core = core;
    this.rules = rules;
  }

  /** A bought (or trial) challenge waiting for payment and its trading account. */
  static create(input: CreateChallenge): Challenge {
    const challenge = new Challenge(
      {
        id: input.id,
        version: 0,
        traderId: input.traderId,
        rules: input.rules.toJSON(),
        trial: input.trial ?? false,
        status: 'pending_payment',
        phase: 1,
        phasePassed: false,
        account: null,
        phaseStartedAt: null,
        tradingDays: [],
        lastTradeAt: null,
        breach: null,
        lastBalance: null,
        history: [],
        overrides: [],
        attempt: 1,
        fundedAccountId: null,
        createdAt: input.at,
        activatedAt: null,
        endedAt: null,
        updatedAt: input.at,
      },
      input.rules,
    );
    challenge.emit('ChallengeCreated', input.at, {
      from: null,
      to: 'pending_payment',
      cause: input.trial ? 'trial_started' : 'purchased',
      traderId: input.traderId,
      modelId: input.rules.modelId,
      modelVersion: input.rules.modelVersion,
      initialBalance: input.rules.initialBalance.toFixed(),
      price: input.rules.price.toFixed(),
      trial: input.trial ?? false,
    });
    return challenge;
  }

  /**
   * Reloads a stored challenge. Rows stored while a challenge kept drawdown
   * state of its own still carry a `drawdown` key: it is ignored, except
   * that its breach (set while a breach was pending or after the challenge
   * failed on it) and its last balance fill a missing `breach` and
   * `lastBalance`, so such rows load with the breach and figures they had.
   */
  static restore(state: StoredChallengeState): Challenge {
    const { drawdown, breach, lastBalance, openPositions: _heldByTheAccount, ...rest } = state;
    const core: ChallengeState = {
      ...rest,
      breach: breach ?? drawdown?.breach ?? null,
      lastBalance: lastBalance ?? drawdown?.lastBalance ?? null,
    };
    return new Challenge(cloneCore(core), RuleSnapshot.restore(state.rules));
  }

  get id(): string {
    return this.core.id;
  }
  get traderId(): string {
    return this.core.traderId;
  }
  get status(): ChallengeStatus {
    return this.core.status;
  }
  get phase(): number {
    return this.core.phase;
  }
  get phasePassed(): boolean {
    return this.core.phasePassed;
  }
  get trial(): boolean {
    return this.core.trial;
  }
  get account(): string | null {
    return this.core.account;
  }
  get attempt(): number {
    return this.core.attempt;
  }
  get countedTradingDays(): readonly LocalDate[] {
    return this.core.tradingDays;
  }
  /** The breach the challenge failed on, as its trading account reported it to `failOnBreach`. */
  get breach(): BreachRecord | null {
    const { breach } = this.core;
    return breach ? breachFromData(breach) : null;
  }
  get overrides(): readonly BreachOverrideData[] {
    return this.core.overrides;
  }
  get history(): readonly PhaseRecordData[] {
    return this.core.history;
  }
  /** True while the account may trade: active, current phase not yet passed, no breach detected. */
  get isTrading(): boolean {
    return this.core.status === 'active' && !this.core.phasePassed && !this.breach;
  }

  /** Price of a reset: price × (1 − reset discount), booked to the cent. */
  resetPrice(): Money {
    return this.rules.resetPrice();
  }

  /**
   * The current phase against its pass conditions (docs/rules.md §3) with the
   * trading account's balance and open positions: the counted trading days
   * and any breach kept are the challenge's own.
   */
  checkPhaseWith(balance: Decimal, openPositions: number): PhasePassCheck {
    return PhasePassPolicy.of(this.rules, this.core.phase).check({
      balance,
      countedDays: this.core.tradingDays.length,
      openPositions,
      breached: this.breach !== null,
    });
  }

  /** Payment confirmed and trading account provisioned: phase 1 starts. */
  activate(account: string, at: Date): Result<void> {
    if (this.core.status !== 'pending_payment') return this.refuse('activate');
    if (account.trim() === '') return err(this.error(ChallengeErrorCode.ACCOUNT_REQUIRED, 'A trading account is required'));
    this.startPhase(account, at);
    this.core = { ...this.core, status: 'active', activatedAt: at };
    this.emit('ChallengeActivated', at, {
      from: 'pending_payment',
      to: 'active',
      cause: 'account_provisioned',
      account,
      phase: this.core.phase,
    });
    return ok(undefined);
  }

  /**
   * Phase 2 (or any next phase) on a fresh account: same initial balance,
   * fresh counters; the passed phase stays in the history.
   */
  startNextPhase(account: string, at: Date): Result<void> {
    if (this.core.status !== 'active') return this.refuse('start the next phase of');
    if (!this.core.phasePassed) {
      return err(this.error(ChallengeErrorCode.PHASE_NOT_PASSED, `Phase ${this.core.phase} is not passed yet`));
    }
    if (account.trim() === '') return err(this.error(ChallengeErrorCode.ACCOUNT_REQUIRED, 'A trading account is required'));
    this.core = { ...this.core, phase: this.core.phase + 1, phasePassed: false };
    this.startPhase(account, at);
    this.emit('ChallengePhaseStarted', at, { phase: this.core.phase, account });
    return ok(undefined);
  }

  /** Inactivity or the end of a trial. */
  expire(reason: ExpiryReason, at: Date): Result<void> {
    if (this.core.status !== 'active') return this.refuse('expire');
    if (this.breach) return err(this.error(ChallengeErrorCode.ALREADY_BREACHED, 'A breach is being handled'));
    this.core = { ...this.core, status: 'expired', endedAt: at, updatedAt: at };
    this.emit('ChallengeExpired', at, { from: 'active', to: 'expired', cause: reason, reason });
    return ok(undefined);
  }

  /** Restarts a failed or expired challenge at phase 1 on a fresh account, once the reset price is paid. */
  reset(input: ResetChallenge): Result<void> {
    const from = this.core.status;
    if (from !== 'failed' && from !== 'expired') return this.refuse('reset');
    const price = this.resetPrice();
    if (!input.paid.equals(price)) {
      return err(
        this.error(ChallengeErrorCode.RESET_PRICE_MISMATCH, `A reset costs ${price.toFixed()} ${price.currency}`, {
          expected: price.toFixed(),
          paid: input.paid.toFixed(),
        }),
      );
    }
    if (input.account.trim() === '') {
      return err(this.error(ChallengeErrorCode.ACCOUNT_REQUIRED, 'A trading account is required'));
    }
    this.closePhaseRecord(from, input.at);
    this.core = {
      ...this.core,
      status: 'active',
      phase: 1,
      phasePassed: false,
      attempt: this.core.attempt + 1,
      endedAt: null,
    };
    this.startPhase(input.account, input.at);
    this.emit('ChallengeReset', input.at, {
      from,
      to: 'active',
      cause: 'reset_paid',
      attempt: this.core.attempt,
      price: price.toFixed(),
      account: input.account,
    });
    return ok(undefined);
  }

  /** KYC approved and agreement signed: the funded account exists (section 5). */
  markFunded(fundedAccountId: string, at: Date): Result<void> {
    if (this.core.status !== 'pending_kyc') return this.refuse('fund');
    this.core = { ...this.core, status: 'funded', fundedAccountId, endedAt: at, updatedAt: at };
    this.emit('ChallengeFunded', at, {
      from: 'pending_kyc',
      to: 'funded',
      cause: 'kyc_approved_agreement_signed',
      fundedAccountId,
    });
    return ok(undefined);
  }

  cancel(reason: string, at: Date): Result<void> {
    const from = this.core.status;
    if (from !== 'pending_payment' && from !== 'active') return this.refuse('cancel');
    if (reason.trim() === '') return err(this.error(ChallengeErrorCode.REASON_REQUIRED, 'A reason is required'));
    this.core = { ...this.core, status: 'cancelled', endedAt: at, updatedAt: at };
    this.emit('ChallengeCancelled', at, { from, to: 'cancelled', cause: reason });
    return ok(undefined);
  }

  /** A refund or chargeback (section 9). A funded challenge has moved on to its funded account and is not refunded here. */
  refund(reason: string, at: Date): Result<void> {
    const from = this.core.status;
    if (from === 'refunded' || from === 'cancelled' || from === 'funded') return this.refuse('refund');
    if (reason.trim() === '') return err(this.error(ChallengeErrorCode.REASON_REQUIRED, 'A reason is required'));
    this.core = { ...this.core, status: 'refunded', endedAt: at, updatedAt: at };
    this.emit('ChallengeRefunded', at, { from, to: 'refunded', cause: reason });
    return ok(undefined);
  }

  /**
   * Reaction to a deal on a trading account (`TradingAccountDealRecorded`).
   * Only the current phase's account counts, and only while the challenge
   * trades: a late deal from an earlier phase's login, or one after the
   * phase was passed or the challenge ended, changes nothing. An opening
   * deal counts its trading day (once: docs/rules.md §3); a closing one runs
   * the pass check on the balance and open positions the account reported.
   */
  recordTradingActivity(fact: TradingActivity): Result<TradingActivityOutcome> {
    if (!this.tradesOn(fact.account)) return ok({ countedDay: null, passCheck: null, passed: false });
    const countedDay = fact.action === 'open' ? this.countTradingDay(fact.tradingDay, fact.at) : null;
    // Any deal is a trade for the inactivity limit; one delivered late does not move it back.
    const { lastTradeAt } = this.core;
    this.core = {
      ...this.core,
      lastTradeAt: lastTradeAt && lastTradeAt > fact.at ? lastTradeAt : fact.at,
      lastBalance: fact.balance.toFixed(),
      updatedAt: fact.at,
    };
    if (fact.action !== 'close') return ok({ countedDay, passCheck: null, passed: false });
    const passCheck = this.checkPhaseWith(fact.balance, fact.openPositions);
    if (passCheck.passed) this.passPhase(fact.at, fact.balance);
    return ok({ countedDay, passCheck, passed: passCheck.passed });
  }

  /**
   * Reaction to a trading day start on the trading account
   * (`TradingDayRolled`). The target is checked at every rollover
   * (docs/rules.md §3), so a phase can pass here (minimum days reached, the
   * target met, nothing open); if not, the inactivity limit may expire the
   * challenge. Another account's day, or a challenge not trading, changes
   * nothing.
   */
  recordTradingDayStarted(fact: TradingDayStart): Result<TradingDayStartOutcome> {
    if (!this.tradesOn(fact.account)) return ok({ passCheck: null, passed: false, expired: false });
    this.core = { ...this.core, lastBalance: fact.balance.toFixed(), updatedAt: fact.at };
    const passCheck = this.checkPhaseWith(fact.balance, fact.openPositions);
    if (passCheck.passed) {
      this.passPhase(fact.at, fact.balance);
      return ok({ passCheck, passed: true, expired: false });
    }
    const expired = this.idleOn(fact.day);
    if (expired) this.expire('inactivity', fact.at);
    return ok({ passCheck, passed: false, expired });
  }

  /**
   * Reaction to the trading account's handled breach
   * (`TradingAccountBreached`): the challenge fails on it and keeps the
   * record. A second call is a no-op (docs/rules.md §4: a second detection
   * is a no-op; the first breach stands), and so is a breach of a login that
   * is no longer the current phase's. A breach on the account of a passed
   * phase is refused (`CHALLENGE.AWAITING_NEXT_PHASE`).
   */
  failOnBreach(breach: BreachRecord, at: Date, account: string): Result<void> {
    if (this.core.status === 'failed') return ok(undefined);
    if (account !== this.core.account) return ok(undefined);
    if (this.core.status !== 'active') return this.refuse('fail');
    if (this.core.phasePassed) {
      return err(this.error(ChallengeErrorCode.AWAITING_NEXT_PHASE, 'The phase was passed; its account is closed'));
    }
    const record = breachToData(this.breach ?? breach);
    this.core = { ...this.core, status: 'failed', breach: record, endedAt: at, updatedAt: at };
    this.emit('ChallengeFailed', at, { from: 'active', to: 'failed', cause: `breach:${record.rule}`, breach: record });
    return ok(undefined);
  }

  /**
   * Reaction to an admin clearing the trading account's breach
   * (`TradingAccountBreachOverridden`, docs/rules.md §4): a failed challenge
   * (or an active one with its breach pending) is active again, the original
   * verdict stays in `overrides`, and `ChallengeReinstated` is recorded. The
   * floors it trades on from now are the trading account's. An active
   * challenge without a breach (one that never failed on it, or is
   * reinstated already) and another login's override change nothing.
   */
  reinstateAfterOverride(input: ReinstateAfterOverride): Result<void> {
    const reason = input.reason.trim();
    if (reason === '') return err(this.error(ChallengeErrorCode.REASON_REQUIRED, 'An override needs a reason'));
    if (input.account !== this.core.account) return ok(undefined);
    const from = this.core.status;
    const pending = from === 'active' && this.breach !== null;
    if (from === 'active' && !pending) return ok(undefined);
    if (from !== 'failed' && !pending) {
      return err(this.error(ChallengeErrorCode.NOT_BREACHED, 'There is no breach to override', { status: from }));
    }
    const { adminId, at, original } = input;
    const override: BreachOverrideData = { adminId, reason, at, previousStatus: from, original };
    this.core = {
      ...this.core,
      status: 'active',
      breach: null,
      endedAt: null,
      updatedAt: at,
      overrides: [...this.core.overrides, override],
    };
    this.emit('ChallengeReinstated', at, { from, to: 'active', cause: reason, adminId, original, account: input.account });
    return ok(undefined);
  }

  toState(): ChallengeState {
    return cloneCore(this.core);
  }

  // --- internals -----------------------------------------------------------

  private startPhase(account: string, at: Date): void {
    // The fresh account reports its own figures; the ended attempt's breach stays in `history`.
    this.core = {
      ...this.core,
      breach: null,
      lastBalance: null,
      account,
      phaseStartedAt: at,
      tradingDays: [],
      lastTradeAt: null,
      updatedAt: at,
    };
  }

  /** True when the challenge trades on `account`: the current phase's, active, not passed, no breach. */
  private tradesOn(account: string): boolean {
    return this.isTrading && this.core.account === account;
  }

  /** The balance a phase record closes on: the last one the trading account reported, else the initial one. */
  private knownBalance(): Decimal {
    const reported = this.core.lastBalance;
    return reported === null ? this.rules.initialBalance.amount : new Decimal(reported);
  }

  /**
   * Inactivity (docs/rules.md §3): with the last trade (or the phase start)
   * on day L, the start of day L+31 (for 30 idle days) expires the challenge.
   */
  private idleOn(day: LocalDate): boolean {
    const lastActivity = this.core.lastTradeAt ?? this.core.phaseStartedAt;
    if (!lastActivity) return false;
    const inactivity = new InactivityRule(this.rules.rules.inactivityDays);
    return inactivity.isExpired(this.rules.calendar.tradingDayOf(lastActivity), day);
  }

  private countTradingDay(day: LocalDate, at: Date): LocalDate | null {
    if (this.core.tradingDays.includes(day)) return null;
    const tradingDays = [...this.core.tradingDays, day].sort(compareLocal);
    this.core = { ...this.core, tradingDays };
    this.emit('ChallengeTradingDayCounted', at, {
      phase: this.core.phase,
      day,
      counted: tradingDays.length,
      required: this.rules.phase(this.core.phase).minTradingDays,
    });
    return day;
  }

  private passPhase(at: Date, balance: Decimal = this.knownBalance()): void {
    const lastPhase = this.rules.isLastPhase(this.core.phase);
    this.closePhaseRecord('passed', at, balance);
    this.emit('ChallengePhasePassed', at, {
      phase: this.core.phase,
      account: this.core.account ?? '',
      balance: balance.toFixed(),
      tradingDays: this.core.tradingDays.length,
      lastPhase,
    });
    if (lastPhase) {
      this.core = { ...this.core, status: 'pending_kyc', phasePassed: true, updatedAt: at };
      this.emit('ChallengePassed', at, {
        from: 'active',
        to: 'pending_kyc',
        cause: 'last_phase_passed',
        phases: this.rules.phaseCount,
      });
    } else {
      this.core = { ...this.core, phasePassed: true, updatedAt: at };
    }
  }

  private closePhaseRecord(outcome: PhaseRecordData['outcome'], at: Date, balance: Decimal = this.knownBalance()): void {
    const { account, phaseStartedAt } = this.core;
    if (!account || !phaseStartedAt) return;
    const record: PhaseRecordData = {
      phase: this.core.phase,
      attempt: this.core.attempt,
      account,
      startedAt: phaseStartedAt,
      endedAt: at,
      outcome,
      tradingDays: [...this.core.tradingDays],
      finalBalance: balance.toFixed(),
      breach: this.breach ? breachToData(this.breach) : null,
    };
    this.core = { ...this.core, history: [...this.core.history, record] };
  }

  private refuse(action: string): Result<never> {
    return err(
      this.error(ChallengeErrorCode.INVALID_TRANSITION, `Cannot ${action} a challenge that is ${this.core.status}`, {
        status: this.core.status,
      }),
    );
  }

  private error(code: ChallengeErrorCode, message: string, details: Record<string, unknown> = {}): DomainError {
    return domainError(code, message, { challengeId: this.core.id, ...details });
  }

  private emit<T extends ChallengeEvent['type']>(type: T, at: Date, payload: EventPayload<ChallengeEvent, T>): void {
    this.recordEvent(type, this.core.id, at, payload);
  }
}

function cloneCore(core: ChallengeState): ChallengeState {
  return {
    ...core,
    tradingDays: [...core.tradingDays],
    history: core.history.map((record) => ({ ...record, tradingDays: [...record.tradingDays] })),
    overrides: core.overrides.map((override) => ({ ...override })),
  };
}
