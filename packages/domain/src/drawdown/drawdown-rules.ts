import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { DailyLossRule } from './daily-loss-rule.js';
import type { DrawdownState } from './drawdown-state.js';
import { lossLimitOff, type DrawdownFloors } from './loss-limit.js';
import { MaxLossRule } from './max-loss-rule.js';

/**
 * The loss limits a rule snapshot asks for, composed once per snapshot. A
 * limit the snapshot has off is null here and an unreachable level in
 * `floors` (`lossLimitOff`).
 */
export class DrawdownRules {
  readonly dailyLoss: DailyLossRule | null;
  readonly maxLoss: MaxLossRule | null;

  private constructor(snapshot: RuleSnapshot) {
    this.dailyLoss = snapshot.isLossLimitOn('daily_loss') ? DailyLossRule.of(snapshot) : null;
    this.maxLoss = snapshot.isLossLimitOn('max_loss') ? MaxLossRule.of(snapshot) : null;
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
    return {
      dailyLoss: this.dailyLoss ? this.dailyLoss.level(state) : OFF.dailyLoss,
      maxLoss: this.maxLoss ? this.maxLoss.level(state) : OFF.maxLoss,
    };
  }
}

const OFF: DrawdownFloors = { dailyLoss: lossLimitOff('daily_loss'), maxLoss: lossLimitOff('max_loss') };
