import { Decimal, HUNDRED, ZERO, dec, maxDecimal, toCents, type DecimalInput } from '../money/decimal.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachToData, type BreachRecordData } from '../drawdown/breach-record.js';
import { DrawdownRules } from '../drawdown/drawdown-rules.js';
import type { DrawdownState } from '../drawdown/drawdown-state.js';
import { observeEquity, lossLimitUsedPercent } from '../drawdown/evaluate.js';
import { isLossLimitOff, type LossLimitLevel } from '../drawdown/loss-limit.js';

/**
 * One loss limit as the trader sees it. Amounts are cent strings, percentages
 * have two decimals. A limit the rules have off (a competition without loss
 * limits) has no floor: every figure is null.
 */
export interface LossLimitMetrics {
  readonly floor: string | null;
  /** The loss the limit allows in money. */
  readonly allowance: string | null;
  /** Equity − floor, never below 0: how much more may be lost. */
  readonly remaining: string | null;
  /** `remaining` as a share of the initial balance (the unit the limits are stated in). */
  readonly remainingPercent: string | null;
  /** Share of the allowance already used. */
  readonly usedPercent: string | null;
  /** Equity at which the early warning fires. */
  readonly warningLevel: string | null;
}

const LIMIT_OFF: LossLimitMetrics = Object.freeze({
  floor: null,
  allowance: null,
  remaining: null,
  remainingPercent: null,
  usedPercent: null,
  warningLevel: null,
});

/**
 * The loss-limit part of the transparency view of rule book section 4, the
 * same for every account the breach engine watches (a challenge's phase
 * account, a funded account, a competition entry's account).
 */
export interface DrawdownMetrics {
  readonly currency: string;
  readonly tradingDay: string;
  /** UTC ISO-8601, so the trader never has to guess the time zone. */
  readonly nextResetAt: string;
  readonly calendar: { readonly timeZone: string; readonly resetTime: string };
  /** The balance the limits are stated against (a funded account's current allocation). */
  readonly initialBalance: string;
  readonly balance: string;
  readonly equity: string;
  readonly dayStartBalance: string;
  readonly dayStartEquity: string;
  readonly dailyLoss: LossLimitMetrics;
  readonly maxLoss: LossLimitMetrics;
  /** The full breach record of a breached (or failed) account. */
  readonly breach: BreachRecordData | null;
}

export interface LiveFigures {
  readonly now: Date;
  readonly balance: DecimalInput;
  readonly equity: DecimalInput;
}

/**
 * The loss limits of one account at `now` with its balance and equity. The
 * calendar is the one frozen in the rule snapshot. While the account trades,
 * the figures are observed as the engine would (a reset that passed
 * unobserved starts the new day; the trailing high may rise); otherwise the
 * stored state is shown as it ended. Pure: the same inputs give the same view.
 */
export function drawdownMetrics(snapshot: RuleSnapshot, stored: DrawdownState, trading: boolean, live: LiveFigures): DrawdownMetrics {
  const calendar = snapshot.calendar;
  const balance = dec(live.balance);
  const equity = dec(live.equity);
  const state = trading ? observeEquity(stored, snapshot, { balance, equity, at: live.now }) : stored;
  const floors = DrawdownRules.of(snapshot).floors(state);
  const initial = snapshot.initialBalance.amount;
  return {
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
    breach: stored.breach ? breachToData(stored.breach) : null,
  };
}

/** balance − initial, in money and in % of the initial balance. */
export function profitMetrics(balance: DecimalInput, initial: Decimal): { readonly amount: string; readonly percent: string } {
  const profit = dec(balance).minus(initial);
  return { amount: toCents(profit), percent: percentText(profit.dividedBy(initial).times(HUNDRED)) };
}

/** Percentage points with two decimals, half-up; a loss too small to show is "0.00", never "-0.00". */
export const percentText = (points: Decimal): string => {
  const shown = points.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (shown.isZero() ? ZERO : shown).toFixed(2);
};

function limitMetrics(level: LossLimitLevel, equity: Decimal, initial: Decimal): LossLimitMetrics {
  if (isLossLimitOff(level)) return LIMIT_OFF;
  const remaining = maxDecimal(equity.minus(level.floor), ZERO);
  return {
    floor: toCents(level.floor),
    allowance: toCents(level.allowance),
    remaining: toCents(remaining),
    remainingPercent: percentText(remaining.dividedBy(initial).times(HUNDRED)),
    usedPercent: percentText(lossLimitUsedPercent(level, equity)),
    warningLevel: toCents(level.warningLevel),
  };
}
