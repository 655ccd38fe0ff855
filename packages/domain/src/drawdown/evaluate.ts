import { maxDecimal, ZERO, HUNDRED, type Decimal } from '../money/decimal.js';
import { compareLocal, type LocalDate } from '../calendar/local-date.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { stableHash } from '../shared/stable-hash.js';
import type { BreachRecord } from './breach-record.js';
import { DrawdownRules } from './drawdown-rules.js';
import { drawdownStateToData, type DrawdownState } from './drawdown-state.js';
import { observationToData, type EquityObservation } from './equity-observation.js';
import type { DrawdownFloors, LossLimitLevel, LossLimitName } from './loss-limit.js';
import { rollDrawdownDay } from './roll-drawdown-day.js';

/**
 * Version of the evaluation algorithm, part of every input hash: a verdict is
 * only replayable by the algorithm that produced it.
 */
export const DRAWDOWN_ENGINE_VERSION = 1;

export type VerdictKind = 'ok' | 'warning' | 'breach';

/** The used part of a limit reached the early-warning level (raised once per limit per trading day). */
export interface EarlyWarning {
  readonly limit: LossLimitName;
  /** Share of the allowance used, in percentage points, unrounded. */
  readonly usedPercent: Decimal;
  readonly floor: Decimal;
  readonly warningLevel: Decimal;
  readonly equity: Decimal;
  readonly at: Date;
  readonly tradingDay: LocalDate;
}

export interface DrawdownVerdict {
  /** `breach` once the account is breached (now or before), else `warning` while a limit is past its warning level. */
  readonly verdict: VerdictKind;
  readonly floors: DrawdownFloors;
  /** Present only on the evaluation that detected the breach: a breach is reported once. */
  readonly breach?: BreachRecord;
  /** True when the state was already breached: the evaluation was a no-op. */
  readonly alreadyBreached: boolean;
  /** Warnings raised by this evaluation (not already raised this trading day). */
  readonly warnings: readonly EarlyWarning[];
  readonly nextState: DrawdownState;
  /**
   * SHA-256 of the canonical inputs (engine version, state, snapshot,
   * observation). Computed on first read: most ticks never need it.
   */
  readonly inputHash: string;
}

/** What the input hash covers; the snapshot enters through its own content hash. */
export function verdictInputHash(state: DrawdownState, snapshot: RuleSnapshot, input: EquityObservation): string {
  return stableHash({
    engine: DRAWDOWN_ENGINE_VERSION,
    snapshot: snapshot.contentHash,
    state: drawdownStateToData(state),
    input: observationToData(input),
  });
}

/**
 * Observes the account without judging it: crosses any reset that passed
 * since the state's trading day (the last observed balance and equity are the
 * figures at that reset), then takes in the new figures.
 */
export function observeEquity(state: DrawdownState, snapshot: RuleSnapshot, input: EquityObservation): DrawdownState {
  const day = snapshot.calendar.tradingDayOf(input.at);
  const rolled =
    compareLocal(day, state.tradingDay) > 0
      ? rollDrawdownDay(state, { day, balance: state.lastBalance, equity: state.lastEquity })
      : state;
  return {
    ...rolled,
    lastBalance: input.balance,
    lastEquity: input.equity,
    highestEquity: maxDecimal(rolled.highestEquity, input.equity),
  };
}

/**
 * The breach engine (rule book section 4), as a pure function. A breach is
 * the first evaluated moment where equity ≤ floor − tolerance for either
 * limit; from then on evaluation is a no-op that keeps answering `breach`.
 * Comparisons are exact (Decimal): with a 95,000.00 floor, 95,000.01 is fine
 * and 95,000.00 breaches.
 */
export function evaluate(state: DrawdownState, snapshot: RuleSnapshot, input: EquityObservation): DrawdownVerdict {
  let hash: string | undefined;
  const inputHash = (): string => (hash ??= verdictInputHash(state, snapshot, input));
  const verdict = (fields: Omit<DrawdownVerdict, 'inputHash'>): DrawdownVerdict => ({
    ...fields,
    get inputHash() {
      return inputHash();
    },
  });
  const rules = DrawdownRules.of(snapshot);
  if (state.breach) {
    const floors = rules.floors(state);
    return verdict({ verdict: 'breach', floors, alreadyBreached: true, warnings: [], nextState: state });
  }

  const observed = observeEquity(state, snapshot, input);
  const floors = rules.floors(observed);
  const levels = [floors.dailyLoss, floors.maxLoss];
  const tolerance = snapshot.rules.tolerance;

  const breached = levels.filter((level) => input.equity.lessThanOrEqualTo(level.floor.minus(tolerance)));
  if (breached.length > 0) {
    // Equity falling crosses the higher floor first; on equal floors the max-loss limit is named.
    const rule = breached.reduce((a, b) => (b.floor.greaterThanOrEqualTo(a.floor) ? b : a));
    const breach: BreachRecord = {
      rule: rule.limit,
      floor: rule.floor,
      equity: input.equity,
      balance: input.balance,
      tick: input.tick ?? null,
      at: input.at,
      tradingDay: observed.tradingDay,
      inputHash: inputHash(),
    };
    const nextState = { ...observed, breach };
    return verdict({ verdict: 'breach', floors, breach, alreadyBreached: false, warnings: [], nextState });
  }

  const warned = levels.filter((level) => input.equity.lessThanOrEqualTo(level.warningLevel));
  const warnings = warned
    .filter((level) => !observed.warningsSent.includes(level.limit))
    .map((level) => earlyWarning(level, input, observed.tradingDay));
  return verdict({
    verdict: warned.length > 0 ? 'warning' : 'ok',
    floors,
    alreadyBreached: false,
    warnings,
    nextState:
      warnings.length > 0
        ? { ...observed, warningsSent: [...observed.warningsSent, ...warnings.map((warning) => warning.limit)] }
        : observed,
  });
}

/** Share of a limit's allowance used at `equity`, in percentage points (never below 0). */
export function lossLimitUsedPercent(level: LossLimitLevel, equity: Decimal): Decimal {
  if (level.allowance.isZero()) return ZERO;
  const used = level.floor.plus(level.allowance).minus(equity).dividedBy(level.allowance).times(HUNDRED);
  return maxDecimal(used, ZERO);
}

function earlyWarning(level: LossLimitLevel, input: EquityObservation, tradingDay: LocalDate): EarlyWarning {
  return {
    limit: level.limit,
    usedPercent: lossLimitUsedPercent(level, input.equity),
    floor: level.floor,
    warningLevel: level.warningLevel,
    equity: input.equity,
    at: input.at,
    tradingDay,
  };
}
