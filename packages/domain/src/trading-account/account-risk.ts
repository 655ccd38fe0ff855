import { compareLocal, type LocalDate } from '../calendar/local-date.js';
import { RuleSnapshot, type RuleSnapshotData } from '../catalog/rule-snapshot.js';
import type { BreachRecord } from '../drawdown/breach-record.js';
import { DrawdownRules } from '../drawdown/drawdown-rules.js';
import {
  drawdownStateFromData,
  drawdownStateToData,
  openDrawdownState,
  type DrawdownState,
  type DrawdownStateData,
} from '../drawdown/drawdown-state.js';
import type { EquityObservation } from '../drawdown/equity-observation.js';
import { evaluate, type DrawdownVerdict } from '../drawdown/evaluate.js';
import type { DrawdownFloors } from '../drawdown/loss-limit.js';
import { rebaseDrawdown } from '../drawdown/rebase-drawdown.js';
import { resumeDrawdown } from '../drawdown/resume-drawdown.js';
import { rollDrawdownDay } from '../drawdown/roll-drawdown-day.js';
import { verdictInputs, type VerdictInputs } from '../drawdown/verdict-replay.js';
import type { Decimal } from '../money/decimal.js';
import { evaluateRestrictionBreach } from '../restrictions/restriction-breach.js';
import type { RestrictionViolationInputs } from '../restrictions/restriction-violation.js';
import type { Money } from '../money/money.js';

/** Plain JSON form, stored with the account. */
export interface AccountRiskData {
  /** The frozen rules, measured against the current allocation (a scaling deposit grows it). */
  readonly rules: RuleSnapshotData;
  readonly drawdown: DrawdownStateData;
  /**
   * The last firm balance operation (or breach override): figures observed
   * before it do not fit the state it left.
   */
  readonly lastBalanceOperationAt: Date | null;
}

/** One evaluation and what is needed to store and replay it. */
export interface DrawdownStep {
  readonly verdict: DrawdownVerdict;
  /** What `evaluate` read; set when the step found the breach. */
  readonly inputs: VerdictInputs | null;
}

/** The day-start snapshot of a trading day and the floors that hold in it. */
export interface DayStart {
  readonly day: LocalDate;
  /** The reset instant the day starts at. */
  readonly at: Date;
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly floors: DrawdownFloors;
}

export interface DrawdownRoll {
  readonly next: AccountRisk;
  readonly dayStart: DayStart;
  /** The day-start figures judged against the new day's floors. */
  readonly step: DrawdownStep;
}

/**
 * The breach engine's view of one trading account (docs/rules.md §4), for
 * every kind of account (a funded account keeps the evaluation's loss rules,
 * §5): the frozen rule snapshot, the
 * drawdown state (day-start snapshot, high-water marks, warnings raised
 * today, the breach record) and when the firm last moved money on the
 * account. Immutable: every change returns a new value; the aggregate
 * records the events.
 */
export class AccountRisk {
  private constructor(
    readonly rules: RuleSnapshot,
    readonly state: DrawdownState,
    readonly lastBalanceOperationAt: Date | null,
  ) {}

  /** A fresh account: the initial balance is the day-start of the trading day it opens in. */
  static open(rules: RuleSnapshot, at: Date): AccountRisk {
    return new AccountRisk(rules, openDrawdownState(rules, at), null);
  }

  static restore(data: AccountRiskData): AccountRisk {
    return new AccountRisk(RuleSnapshot.restore(data.rules), drawdownStateFromData(data.drawdown), data.lastBalanceOperationAt);
  }

  toData(): AccountRiskData {
    return { rules: this.rules.toJSON(), drawdown: drawdownStateToData(this.state), lastBalanceOperationAt: this.lastBalanceOperationAt };
  }

  get breach(): BreachRecord | null {
    return this.state.breach;
  }

  floors(): DrawdownFloors {
    return DrawdownRules.of(this.rules).floors(this.state);
  }

  /** Whether figures observed at `at` were taken after the last firm balance operation. */
  fitsFiguresFrom(at: Date): boolean {
    return this.lastBalanceOperationAt === null || at.getTime() >= this.lastBalanceOperationAt.getTime();
  }

  /** The trading day `at` falls in, when it is later than the state's: a reset passed. */
  dayAfterReset(at: Date): LocalDate | null {
    const day = this.rules.calendar.tradingDayOf(at);
    return compareLocal(day, this.state.tradingDay) > 0 ? day : null;
  }

  /** Evaluates one observation in the state's trading day. */
  evaluate(observation: EquityObservation): { next: AccountRisk; step: DrawdownStep } {
    const verdict = evaluate(this.state, this.rules, observation);
    const inputs = verdict.breach ? verdictInputs(this.state, this.rules, observation) : null;
    return { next: this.with(verdict.nextState), step: { verdict, inputs } };
  }

  /**
   * The figures at a restriction violation whose action is `breach` (§14):
   * the loss limits first, then the violation as the breach.
   */
  evaluateRestriction(observation: EquityObservation, restriction: RestrictionViolationInputs): { next: AccountRisk; step: DrawdownStep } {
    const verdict = evaluateRestrictionBreach(this.state, this.rules, observation, restriction);
    const inputs = verdict.breach ? verdictInputs(this.state, this.rules, observation, restriction) : null;
    return { next: this.with(verdict.nextState), step: { verdict, inputs } };
  }

  /**
   * The reset into `day` with the figures at the reset: the day-start
   * snapshot (and the trailing end-of-day high), then those figures judged
   * against the new floors.
   */
  roll(day: LocalDate, balance: Decimal, equity: Decimal): DrawdownRoll {
    const rolled = this.with(rollDrawdownDay(this.state, { day, balance, equity }));
    const at = this.rules.calendar.startOf(day);
    const dayStart: DayStart = { day, at, balance, equity, floors: rolled.floors() };
    const { next, step } = rolled.evaluate({ balance, equity, at, tick: null });
    return { next, dayStart, step };
  }

  /**
   * A firm balance operation of `amount` at `at`: the figures shift by it
   * (see `rebaseDrawdown`), and with `allocation` the rules are measured
   * against the new allocation from now on.
   */
  rebase(amount: Decimal, at: Date, allocation: Money | null): AccountRisk {
    if (this.state.breach) return new AccountRisk(this.rules, this.state, at);
    const rules =
      allocation && !allocation.equals(this.rules.initialBalance) ? this.rules.withInitialBalance(allocation) : this.rules;
    return new AccountRisk(rules, rebaseDrawdown(this.state, amount, rules.initialBalance.amount), at);
  }

  /**
   * Trading again once an admin cleared the breach: the day starts afresh at
   * `at` from the figures then (the positions were closed at the breach), in
   * the trading day `at` falls in, with the high-water marks kept and the
   * warnings free to fire again. Figures observed before `at` no longer fit:
   * they may predate the closing of the positions.
   */
  resume(at: Date, balance: Decimal, equity: Decimal): AccountRisk {
    const day = this.rules.calendar.tradingDayOf(at);
    return new AccountRisk(this.rules, resumeDrawdown(this.state, { day, balance, equity }), at);
  }

  /** The breach that ends the account: the one detected before stands, else `record`. */
  withBreach(record: BreachRecord): AccountRisk {
    return this.state.breach ? this : this.with({ ...this.state, breach: record });
  }

  private with(state: DrawdownState): AccountRisk {
    return new AccountRisk(this.rules, state, this.lastBalanceOperationAt);
  }
}
