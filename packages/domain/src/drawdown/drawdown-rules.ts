import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { DailyLossRule } from './daily-loss-rule.js';
import type { DrawdownState } from './drawdown-state.js';
import type { DrawdownFloors } from './loss-limit.js';
import { MaxLossRule } from './max-loss-rule.js';

/** The loss limits a rule snapshot asks for, composed once per snapshot. */
export class DrawdownRules {
  readonly dailyLoss: DailyLossRule;
  readonly maxLoss: MaxLossRule;

  private constructor(snapshot: RuleSnapshot) {
    this.dailyLoss = DailyLossRule.of(snapshot);
    this.maxLoss = MaxLossRule.of(snapshot);
  }

  private static readonly cache = new WeakMap<RuleSnapshot, DrawdownRules>();

  /** Rules are derived data of an immutable snapshot, so they are built once per snapshot instance. */
  static of(snapshot: RuleSnapshot): DrawdownRules {
    let rules = DrawdownRules.cache.get(snapshot);
    if (!rules) {
      rules = new DrawdownRules(snapshot);
      DrawdownRules.cache.set(snapshot, rules);
    }
    return rules;
  }

  floors(state: DrawdownState): DrawdownFloors {
    return { dailyLoss: this.dailyLoss.level(state), maxLoss: this.maxLoss.level(state) };
  }
}
