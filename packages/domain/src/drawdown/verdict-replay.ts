import { RuleSnapshot, type RuleSnapshotData } from '../catalog/rule-snapshot.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { breachToData, type BreachRecordData } from './breach-record.js';
import { DrawdownErrorCode } from './drawdown-errors.js';
import { drawdownStateFromData, drawdownStateToData, type DrawdownState, type DrawdownStateData } from './drawdown-state.js';
import {
  observationFromData,
  observationToData,
  type EquityObservation,
  type EquityObservationData,
} from './equity-observation.js';
import { DRAWDOWN_ENGINE_VERSION, evaluate, type DrawdownVerdict, type VerdictKind } from './evaluate.js';
import { evaluateRestrictionBreach } from '../restrictions/restriction-breach.js';
import type { RestrictionViolationInputs } from '../restrictions/restriction-violation.js';
import { floorText, isLossLimitOff, type LossLimitLevel, type LossLimitName } from './loss-limit.js';

/** Everything `evaluate` read, as plain JSON: store it next to a verdict to replay it later. */
export interface VerdictInputs {
  readonly engine: number;
  readonly state: DrawdownStateData;
  readonly snapshot: RuleSnapshotData;
  readonly input: EquityObservationData;
  /**
   * A restriction breach's own inputs (rule book §14): the verdict is then
   * `evaluateRestrictionBreach`'s. Absent on every loss-limit verdict.
   */
  readonly restriction?: RestrictionViolationInputs;
}

/** One level as plain JSON; a limit the snapshot has off has no floor and no warning level (null). */
export interface LossLimitLevelData {
  readonly limit: LossLimitName;
  readonly floor: string | null;
  readonly allowance: string;
  readonly warningLevel: string | null;
}

/** A verdict as plain JSON: what two evaluations are compared on. */
export interface DrawdownVerdictData {
  readonly verdict: VerdictKind;
  readonly floors: { readonly dailyLoss: LossLimitLevelData; readonly maxLoss: LossLimitLevelData };
  readonly breach: BreachRecordData | null;
  readonly alreadyBreached: boolean;
  readonly warnings: readonly {
    readonly limit: LossLimitName;
    readonly usedPercent: string;
    readonly floor: string;
    readonly warningLevel: string;
    readonly equity: string;
    readonly at: string;
    readonly tradingDay: string;
  }[];
  readonly nextState: DrawdownStateData;
  readonly inputHash: string;
}

export const verdictInputs = (
  state: DrawdownState,
  snapshot: RuleSnapshot,
  input: EquityObservation,
  restriction?: RestrictionViolationInputs,
): VerdictInputs => ({
  engine: DRAWDOWN_ENGINE_VERSION,
  state: drawdownStateToData(state),
  snapshot: snapshot.toJSON(),
  input: observationToData(input),
  ...(restriction ? { restriction } : {}),
});

/**
 * Runs a stored evaluation again. The result (and its `inputHash`) equals the
 * original verdict when the stored inputs are the ones it was made from.
 */
export function replayVerdict(inputs: VerdictInputs): Result<DrawdownVerdict> {
  if (inputs.engine !== DRAWDOWN_ENGINE_VERSION) {
    return err(
      domainError(DrawdownErrorCode.ENGINE_VERSION_MISMATCH, 'The verdict was made by another engine version', {
        stored: inputs.engine,
        current: DRAWDOWN_ENGINE_VERSION,
      }),
    );
  }
  const snapshot = RuleSnapshot.fromJSON(inputs.snapshot);
  if (!snapshot.ok) {
    return err(domainError(DrawdownErrorCode.INVALID_VERDICT_INPUTS, snapshot.error.message, snapshot.error.details));
  }
  const state = drawdownStateFromData(inputs.state);
  const input = observationFromData(inputs.input);
  return ok(inputs.restriction ? evaluateRestrictionBreach(state, snapshot.value, input, inputs.restriction) : evaluate(state, snapshot.value, input));
}

const levelToData = (level: LossLimitLevel): LossLimitLevelData => ({
  limit: level.limit,
  floor: floorText(level),
  allowance: level.allowance.toFixed(),
  warningLevel: isLossLimitOff(level) ? null : level.warningLevel.toFixed(),
});

export const verdictToData = (verdict: DrawdownVerdict): DrawdownVerdictData => ({
  verdict: verdict.verdict,
  floors: { dailyLoss: levelToData(verdict.floors.dailyLoss), maxLoss: levelToData(verdict.floors.maxLoss) },
  breach: verdict.breach ? breachToData(verdict.breach) : null,
  alreadyBreached: verdict.alreadyBreached,
  warnings: verdict.warnings.map((warning) => ({
    limit: warning.limit,
    usedPercent: warning.usedPercent.toFixed(),
    floor: warning.floor.toFixed(),
    warningLevel: warning.warningLevel.toFixed(),
    equity: warning.equity.toFixed(),
    at: warning.at.toISOString(),
    tradingDay: warning.tradingDay,
  })),
  nextState: drawdownStateToData(verdict.nextState),
  inputHash: verdict.inputHash,
});
