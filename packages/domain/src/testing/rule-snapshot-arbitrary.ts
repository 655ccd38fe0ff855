import fc from 'fast-check';
import type { TradingCalendarSettings } from '../calendar/trading-calendar.js';
import { ChallengeModel, type ChallengeModelState } from '../catalog/challenge-model.js';
import type { RuleOptionsData } from '../catalog/rule-options.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { unwrap } from '../shared/result.js';
import { challengeModelArbitrary } from './challenge-model-arbitrary.js';
import { firmCalendarArbitrary } from './firm-calendar-arbitrary.js';
import { ruleOptionsArbitrary, type FieldArbitraries } from './rule-options-arbitrary.js';

export interface RuleSnapshotArbitraryOptions {
  /** The models to freeze (default: `challengeModelArbitrary()`: seeded, edited and generated ones). */
  readonly model?: fc.Arbitrary<ChallengeModelState>;
  /** The firm calendar copied into the snapshot (default: `firmCalendarArbitrary()`). */
  readonly calendar?: fc.Arbitrary<TradingCalendarSettings>;
  /**
   * Pins drawdown options whatever the model says, e.g. `{ tolerance: fc.constant('0.00') }` for exact floors:
   * the named options replace the model's.
   */
  readonly rules?: FieldArbitraries<RuleOptionsData>;
}

/**
 * A rule snapshot frozen with `RuleSnapshot.freeze` (rule book §2) from a
 * model, one of its enabled sizes and a firm calendar: the rules a challenge,
 * a funded account or a trading account runs under.
 */
export function ruleSnapshotArbitrary(options: RuleSnapshotArbitraryOptions = {}): fc.Arbitrary<RuleSnapshot> {
  const pinned = options.rules && Object.keys(options.rules).length > 0 ? options.rules : null;
  const model = (options.model ?? challengeModelArbitrary()).chain((state) =>
    pinned
      ? ruleOptionsArbitrary(pinned).map((rules) => ({
          ...state,
          parameters: { ...state.parameters, rules: { ...state.parameters.rules, ...pick(rules, pinned) } },
        }))
      : fc.constant(state),
  );
  return fc
    .record({ model, calendar: options.calendar ?? firmCalendarArbitrary(), pick: fc.nat() })
    .map(({ model: state, calendar, pick: index }) => {
      const enabled = state.sizes.filter((size) => size.enabled);
      const size = enabled[index % enabled.length];
      if (!size) throw new RangeError(`Model ${state.id} has no enabled size to freeze`);
      return unwrap(RuleSnapshot.freeze(ChallengeModel.restore(state), size.balance, calendar));
    });
}

/** Only the options the caller pinned. */
function pick(rules: RuleOptionsData, pinned: FieldArbitraries<RuleOptionsData>): Partial<RuleOptionsData> {
  return Object.fromEntries(Object.keys(pinned).map((key) => [key, rules[key as keyof RuleOptionsData]]));
}
