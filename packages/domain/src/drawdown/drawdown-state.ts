import { Decimal } from '../money/decimal.js';
import type { LocalDate } from '../calendar/local-date.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { breachFromData, breachToData, type BreachRecord, type BreachRecordData } from './breach-record.js';
import type { LossLimitName } from './loss-limit.js';

/**
 * Everything the breach engine remembers about one trading account between
 * evaluations, and nothing more. The risk monitor keeps it in memory per
 * account; the challenge stores it; a verdict is replayed from it.
 */
export interface DrawdownState {
  readonly initialBalance: Decimal;
  /** The trading day the day-start figures belong to. */
  readonly tradingDay: LocalDate;
  readonly dayStartBalance: Decimal;
  readonly dayStartEquity: Decimal;
  /** Last observed figures: they become the day-start snapshot if a reset passes unobserved. */
  readonly lastBalance: Decimal;
  readonly lastEquity: Decimal;
  /** High-water mark of `trailing_equity` (starts at the initial balance). */
  readonly highestEquity: Decimal;
  /** High-water mark of `trailing_eod_balance` (starts at the initial balance). */
  readonly highestEodBalance: Decimal;
  /** Limits whose early warning was already raised this trading day. */
  readonly warningsSent: readonly LossLimitName[];
  readonly breach: BreachRecord | null;
}

/** Plain JSON form (exact decimal strings). */
export interface DrawdownStateData {
  readonly initialBalance: string;
  readonly tradingDay: string;
  readonly dayStartBalance: string;
  readonly dayStartEquity: string;
  readonly lastBalance: string;
  readonly lastEquity: string;
  readonly highestEquity: string;
  readonly highestEodBalance: string;
  readonly warningsSent: readonly LossLimitName[];
  readonly breach: BreachRecordData | null;
}

/**
 * The state of a fresh trading account: an account that starts mid-day uses
 * its initial balance as the day-start snapshot (rule book section 4).
 */
export function openDrawdownState(snapshot: RuleSnapshot, at: Date): DrawdownState {
  const initial = snapshot.initialBalance.amount;
  return {
    initialBalance: initial,
    tradingDay: snapshot.calendar.tradingDayOf(at),
    dayStartBalance: initial,
    dayStartEquity: initial,
    lastBalance: initial,
    lastEquity: initial,
    highestEquity: initial,
    highestEodBalance: initial,
    warningsSent: [],
    breach: null,
  };
}

export const drawdownStateToData = (state: DrawdownState): DrawdownStateData => ({
  initialBalance: state.initialBalance.toFixed(),
  tradingDay: state.tradingDay,
  dayStartBalance: state.dayStartBalance.toFixed(),
  dayStartEquity: state.dayStartEquity.toFixed(),
  lastBalance: state.lastBalance.toFixed(),
  lastEquity: state.lastEquity.toFixed(),
  highestEquity: state.highestEquity.toFixed(),
  highestEodBalance: state.highestEodBalance.toFixed(),
  // Sorted so that the order warnings fired in does not change the input hash.
  warningsSent: [...state.warningsSent].sort(),
  breach: state.breach ? breachToData(state.breach) : null,
});

export const drawdownStateFromData = (data: DrawdownStateData): DrawdownState => ({
  initialBalance: new Decimal(data.initialBalance),
  tradingDay: data.tradingDay,
  dayStartBalance: new Decimal(data.dayStartBalance),
  dayStartEquity: new Decimal(data.dayStartEquity),
  lastBalance: new Decimal(data.lastBalance),
  lastEquity: new Decimal(data.lastEquity),
  highestEquity: new Decimal(data.highestEquity),
  highestEodBalance: new Decimal(data.highestEodBalance),
  warningsSent: [...data.warningsSent],
  breach: data.breach ? breachFromData(data.breach) : null,
});
