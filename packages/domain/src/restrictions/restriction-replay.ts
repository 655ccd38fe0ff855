import { canonicalJson } from '../shared/canonical-json.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { MaxOpenLotsPerAssetClass } from './max-open-lots-per-asset-class.js';
import { MaxTradeLotsPerAssetClass } from './max-trade-lots-per-asset-class.js';
import { MaxTradesPerDay } from './max-trades-per-day.js';
import { NewsWindow } from './news-window.js';
import { restrictionInputHash } from './restriction-judgement.js';
import {
  RESTRICTIONS_ENGINE_VERSION,
  violationToData,
  type RestrictionViolation,
  type RestrictionViolationData,
  type RestrictionViolationInputs,
} from './restriction-violation.js';
import { WeekendHoldingBan } from './weekend-holding-ban.js';

export const RestrictionErrorCode = {
  /** The violation was found by another version of the rules. */
  ENGINE_VERSION_MISMATCH: 'RESTRICTION.ENGINE_VERSION_MISMATCH',
  VIOLATION_NOT_FOUND: 'RESTRICTION.VIOLATION_NOT_FOUND',
  ALREADY_CLEARED: 'RESTRICTION.ALREADY_CLEARED',
} as const;
export type RestrictionErrorCode = (typeof RestrictionErrorCode)[keyof typeof RestrictionErrorCode];

export interface RestrictionReplay {
  readonly violation: RestrictionViolation | null;
  readonly inputHash: string;
}

/** Runs a stored judgement again: the rule from its options, on its fact. */
export function replayRestriction(inputs: RestrictionViolationInputs): Result<RestrictionReplay> {
  if (inputs.engine !== RESTRICTIONS_ENGINE_VERSION) {
    return err(
      domainError(RestrictionErrorCode.ENGINE_VERSION_MISMATCH, 'The violation was found by another version of the rules', {
        stored: inputs.engine,
        current: RESTRICTIONS_ENGINE_VERSION,
      }),
    );
  }
  return ok({ violation: judgeAgain(inputs), inputHash: restrictionInputHash(inputs) });
}

function judgeAgain({ restriction, rule, fact }: RestrictionViolationInputs): RestrictionViolation | null {
  switch (restriction) {
    case 'max_open_lots_per_asset_class':
      return MaxOpenLotsPerAssetClass.fromData(rule).judge(MaxOpenLotsPerAssetClass.factFromData(fact));
    case 'max_trade_lots_per_asset_class':
      return MaxTradeLotsPerAssetClass.fromData(rule).judge(MaxTradeLotsPerAssetClass.factFromData(fact));
    case 'max_trades_per_day':
      return MaxTradesPerDay.fromData(rule).judge(MaxTradesPerDay.factFromData(fact));
    case 'weekend_holding_ban':
      return WeekendHoldingBan.fromData(rule).judge(WeekendHoldingBan.factFromData(fact));
    case 'news_window':
      return NewsWindow.fromData(rule).judge(NewsWindow.factFromData(fact));
  }
}

/** A violation as stored: what was found, what it was found from, and that hash. */
export interface StoredViolation {
  readonly violation: RestrictionViolationData;
  readonly inputs: RestrictionViolationInputs;
  readonly inputHash: string;
}

export interface StoredViolationReplay {
  readonly replayed: RestrictionViolationData | null;
  readonly replayedHash: string;
  /** The replay found the same violation, field by field, from inputs with the same hash. */
  readonly matches: boolean;
}

/** Replays a stored violation and compares it with what was stored (as `replayStoredVerdict` does for a breach). */
export function replayStoredViolation(stored: StoredViolation): Result<StoredViolationReplay> {
  const replay = replayRestriction(stored.inputs);
  if (!replay.ok) return replay;
  const replayed = replay.value.violation ? violationToData(replay.value.violation) : null;
  const matches =
    replayed !== null && replay.value.inputHash === stored.inputHash && canonicalJson(replayed) === canonicalJson(stored.violation);
  return ok({ replayed, replayedHash: replay.value.inputHash, matches });
}
