import { Decimal, HUNDRED, ZERO, dec, maxDecimal, minDecimal, toCents, type DecimalInput } from '../money/decimal.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachToData, type BreachRecordData } from '../drawdown/breach-record.js';
import { DrawdownRules } from '../drawdown/drawdown-rules.js';
import { drawdownStateFromData, openDrawdownState, type DrawdownState } from '../drawdown/drawdown-state.js';
import { observeEquity, lossLimitUsedPercent } from '../drawdown/evaluate.js';
import type { LossLimitLevel } from '../drawdown/loss-limit.js';
import { PhasePassPolicy } from '../challenge/phase-pass-policy.js';
import type { ChallengeState } from '../challenge/challenge-state.js';
import type { ChallengeStatus } from '../challenge/challenge-status.js';

/** One loss limit as the trader sees it. Amounts are cent strings, percentages have two decimals. */
export interface LossLimitMetrics {
  readonly floor: string;
  /** The loss the limit allows in money. */
  readonly allowance: string;
  /** Equity − floor, never below 0: how much more may be lost. */
  readonly remaining: string;
  /** `remaining` as a share of the initial balance (the unit the limits are stated in). */
  readonly remainingPercent: string;
  /** Share of the allowance already used. */
  readonly usedPercent: string;
  /** Equity at which the early warning fires. */
  readonly warningLevel: string;
}

/** The transparency view of rule book section 4, as plain JSON. */
export interface AccountMetrics {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  readonly phase: number;
  readonly phaseCount: number;
  readonly trial: boolean;
  readonly currency: string;
  readonly tradingDay: string;
  /** UTC ISO-8601, so the trader never has to guess the time zone. */
  readonly nextResetAt: string;
  readonly calendar: { readonly timeZone: string; readonly resetTime: string };
  readonly initialBalance: string;
  readonly balance: string;
  readonly equity: string;
  readonly dayStartBalance: string;
  readonly dayStartEquity: string;
  readonly dailyLoss: LossLimitMetrics;
  readonly maxLoss: LossLimitMetrics;
  readonly profit: {
    /** balance − initial. */
    readonly amount: string;
    readonly percent: string;
    readonly targetBalance: string;
    readonly targetPercent: string;
    /** Share of the target profit reached, clamped to 0–100. */
    readonly progressPercent: string;
  };
  readonly tradingDays: { readonly done: number; readonly needed: number };
  /** The full breach record of a breached (or failed) account. */
  readonly breach: BreachRecordData | null;
}

export interface LiveFigures {
  readonly now: Date;
  readonly balance: DecimalInput;
  readonly equity: DecimalInput;
}

/**
 * The account metrics of a challenge at `now` with the platform's live
 * balance and equity. Pure: the same state and figures give the same view.
 * The calendar is the one frozen in the challenge's rule snapshot. While the
 * account trades, the live figures are observed as the engine would (a reset
 * that passed unobserved starts the new day; the trailing high may rise);
 * otherwise the stored state is shown as it ended.
 */
export function accountMetrics(challenge: ChallengeState, live: LiveFigures): AccountMetrics {
  const snapshot = RuleSnapshot.restore(challenge.rules);
  const calendar = snapshot.calendar;
  const balance = dec(live.balance);
  const equity = dec(live.equity);
  const stored: DrawdownState = challenge.drawdown
    ? drawdownStateFromData(challenge.drawdown)
    : openDrawdownState(snapshot, live.now);
  const trading = challenge.status === 'active' && !challenge.phasePassed && !stored.breach;
  const state = trading ? observeEquity(stored, snapshot, { balance, equity, at: live.now }) : stored;
  const floors = DrawdownRules.of(snapshot).floors(state);
  const initial = snapshot.initialBalance.amount;

  const policy = PhasePassPolicy.of(snapshot, challenge.phase);
  const targetBalance = policy.profitTarget.targetBalance;
  const profit = balance.minus(initial);
  const targetProfit = targetBalance.minus(initial);
  const progress = targetProfit.isZero() ? ZERO : profit.dividedBy(targetProfit).times(HUNDRED);

  return {
    challengeId: challenge.id,
    status: challenge.status,
    phase: challenge.phase,
    phaseCount: snapshot.phaseCount,
    trial: challenge.trial,
    currency: snapshot.currency,
    tradingDay: calendar.tradingDayOf(live.now),
    nextResetAt: calendar.nextReset(live.now).toISOString(),
    calendar: snapshot.calendarSettings,
    initialBalance: toCents(initial),
    balance: toCents(balance),
    equity: toCents(equity),
    dayStartBalance: toCents(state.dayStartBalance),
    dayStartEquity: toCents(state.dayStartEquity),
    dailyLoss: limitMetrics(floors.dailyLoss, equity, initial),
    maxLoss: limitMetrics(floors.maxLoss, equity, initial),
    profit: {
      amount: toCents(profit),
      percent: percent(profit.dividedBy(initial).times(HUNDRED)),
      targetBalance: toCents(targetBalance),
      targetPercent: percent(policy.profitTarget.targetPercent.points),
      progressPercent: percent(minDecimal(maxDecimal(progress, ZERO), HUNDRED)),
    },
    tradingDays: { done: challenge.tradingDays.length, needed: policy.minTradingDays.required },
    breach: stored.breach ? breachToData(stored.breach) : null,
  };
}

function limitMetrics(level: LossLimitLevel, equity: Decimal, initial: Decimal): LossLimitMetrics {
  const remaining = maxDecimal(equity.minus(level.floor), ZERO);
  return {
    floor: toCents(level.floor),
    allowance: toCents(level.allowance),
    remaining: toCents(remaining),
    remainingPercent: percent(remaining.dividedBy(initial).times(HUNDRED)),
    usedPercent: percent(lossLimitUsedPercent(level, equity)),
    warningLevel: toCents(level.warningLevel),
  };
}

/** A loss too small to show rounds to "0.00", never "-0.00". */
const percent = (points: Decimal): string => {
  const shown = points.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (shown.isZero() ? new Decimal(0) : shown).toFixed(2);
};
