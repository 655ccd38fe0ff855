import type { Decimal } from '../money/decimal.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { MinTradingDaysRule } from './min-trading-days-rule.js';
import { ProfitTargetRule } from './profit-target-rule.js';

/** Where a phase stands against its pass conditions. */
export interface PhasePassCheck {
  readonly phase: number;
  readonly passed: boolean;
  readonly profitTarget: { readonly met: boolean; readonly targetBalance: Decimal; readonly balance: Decimal };
  readonly minTradingDays: { readonly met: boolean; readonly required: number; readonly done: number };
  readonly noOpenPositions: { readonly met: boolean; readonly open: number };
  /** A detected breach blocks a pass even before the challenge is failed. */
  readonly notBreached: boolean;
}

export interface PhaseProgress {
  readonly balance: Decimal;
  readonly countedDays: number;
  readonly openPositions: number;
  readonly breached: boolean;
}

/**
 * A phase is passed when, with no open positions, balance ≥ initial × (1 +
 * target) and the trading-day count ≥ the phase minimum (rule book section 3).
 */
export class PhasePassPolicy {
  readonly profitTarget: ProfitTargetRule;
  readonly minTradingDays: MinTradingDaysRule;

  constructor(
    readonly phase: number,
    initialBalance: Decimal,
    snapshot: RuleSnapshot,
  ) {
    const rule = snapshot.phase(phase);
    this.profitTarget = new ProfitTargetRule(initialBalance, rule.profitTargetPercent);
    this.minTradingDays = new MinTradingDaysRule(rule.minTradingDays);
  }

  static of(snapshot: RuleSnapshot, phase: number): PhasePassPolicy {
    return new PhasePassPolicy(phase, snapshot.initialBalance.amount, snapshot);
  }

  check(progress: PhaseProgress): PhasePassCheck {
    const profitTarget = {
      met: this.profitTarget.isMet(progress.balance),
      targetBalance: this.profitTarget.targetBalance,
      balance: progress.balance,
    };
    const minTradingDays = {
      met: this.minTradingDays.isMet(progress.countedDays),
      required: this.minTradingDays.required,
      done: progress.countedDays,
    };
    const noOpenPositions = { met: progress.openPositions === 0, open: progress.openPositions };
    return {
      phase: this.phase,
      passed: profitTarget.met && minTradingDays.met && noOpenPositions.met && !progress.breached,
      profitTarget,
      minTradingDays,
      noOpenPositions,
      notBreached: !progress.breached,
    };
  }
}
