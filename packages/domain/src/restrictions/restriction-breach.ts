import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { BreachRecord } from '../drawdown/breach-record.js';
import { drawdownStateToData, type DrawdownState } from '../drawdown/drawdown-state.js';
import { observationToData, type EquityObservation } from '../drawdown/equity-observation.js';
import { DRAWDOWN_ENGINE_VERSION, evaluate, type DrawdownVerdict } from '../drawdown/evaluate.js';
import { Decimal } from '../money/decimal.js';
import { stableHash } from '../shared/stable-hash.js';
import { replayRestriction } from './restriction-replay.js';
import type { RestrictionViolationInputs } from './restriction-violation.js';

/** What a restriction breach's hash covers: the drawdown inputs and the restriction's own. */
export function restrictionBreachInputHash(
  state: DrawdownState,
  snapshot: RuleSnapshot,
  input: EquityObservation,
  restriction: RestrictionViolationInputs,
): string {
  return stableHash({
    engine: DRAWDOWN_ENGINE_VERSION,
    snapshot: snapshot.contentHash,
    state: drawdownStateToData(state),
    input: observationToData(input),
    restriction,
  });
}

/**
 * A verdict on the account's figures at a restriction violation whose action
 * is `breach` (rule book §14): the loss limits are judged first, as on any
 * observation (a loss-limit breach found there is the verdict); otherwise the
 * violation, judged again from its inputs, is the breach. Its record names
 * the restriction as the rule, its limit as the floor, the figures at that
 * instant and the violation's id, so the account's breach lifecycle (§4)
 * handles, overrides and replays it like any other.
 */
export function evaluateRestrictionBreach(
  state: DrawdownState,
  snapshot: RuleSnapshot,
  input: EquityObservation,
  restriction: RestrictionViolationInputs,
): DrawdownVerdict {
  const base = evaluate(state, snapshot, input);
  if (base.breach || base.alreadyBreached) return base;
  const replay = replayRestriction(restriction);
  const violation = replay.ok ? replay.value.violation : null;
  if (!violation || violation.action !== 'breach') return base;
  const inputHash = restrictionBreachInputHash(state, snapshot, input, restriction);
  const breach: BreachRecord = {
    rule: violation.restriction,
    floor: new Decimal(violation.limit),
    equity: input.equity,
    balance: input.balance,
    tick: input.tick ?? null,
    at: input.at,
    tradingDay: base.nextState.tradingDay,
    inputHash,
    violationId: violation.id,
  };
  return { ...base, verdict: 'breach', breach, nextState: { ...base.nextState, breach }, inputHash };
}
