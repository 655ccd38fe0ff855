import { ONE, roundToCents, type Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';

/** Profit target (rule book section 3): balance ≥ initial × (1 + target). */
export class ProfitTargetRule {
  /** The balance to reach, booked to the cent. */
  readonly targetBalance: Decimal;

  constructor(
    readonly initialBalance: Decimal,
    readonly targetPercent: Percent,
  ) {
    this.targetBalance = roundToCents(initialBalance.times(ONE.plus(targetPercent.fraction)));
  }

  isMet(balance: Decimal): boolean {
    return balance.greaterThanOrEqualTo(this.targetBalance);
  }
}
