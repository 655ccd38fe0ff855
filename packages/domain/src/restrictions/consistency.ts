import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { Decimal, ZERO, maxDecimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';
import { stableHash } from '../shared/stable-hash.js';
import { RESTRICTIONS_ENGINE_VERSION } from './restriction-violation.js';

/** The net profit of one firm trading day of the payout period. */
export interface DailyNetProfit {
  readonly tradingDay: string;
  readonly netProfit: Decimal;
}

/** What the consistency rule answers at a payout request, with its figures. */
export interface ConsistencyCheck {
  readonly restriction: 'consistency';
  /** False: the request is refused. */
  readonly allowed: boolean;
  readonly percent: string;
  /** The best day (the earliest of equal ones) and its net profit; null with no day in the period. */
  readonly bestDay: string | null;
  readonly bestDayProfit: string;
  readonly totalProfit: string;
  /** Best day ÷ X, up to the cent: the period's total at which the request would be allowed. */
  readonly totalNeeded: string;
  /** What is still missing of it (0.00 when allowed). */
  readonly stillNeeded: string;
  /** Hash of what the check read (engine, snapshot, percent, days), so it replays. */
  readonly inputHash: string;
}

/**
 * Consistency (rule book §14), checked at a payout request and shown live:
 * the best firm trading day's net profit must be at most X% of the period's
 * total net profit; equal is allowed. Otherwise the request is refused,
 * naming the total still needed, best day ÷ X.
 */
export class Consistency {
  readonly restriction = 'consistency' as const;

  constructor(readonly percent: Percent) {}

  static of(snapshot: RuleSnapshot): Consistency | null {
    const percent = snapshot.restrictions.consistencyPercent;
    return percent ? new Consistency(percent) : null;
  }

  check(days: readonly DailyNetProfit[], snapshotHash = ''): ConsistencyCheck {
    const ordered = [...days].sort((a, b) => (a.tradingDay < b.tradingDay ? -1 : a.tradingDay > b.tradingDay ? 1 : 0));
    const best = ordered.reduce<DailyNetProfit | null>((top, day) => (top === null || day.netProfit.greaterThan(top.netProfit) ? day : top), null);
    const bestProfit = best ? maxDecimal(best.netProfit, ZERO) : ZERO;
    const total = ordered.reduce((sum, day) => sum.plus(day.netProfit), ZERO);
    const allowed = bestProfit.lessThanOrEqualTo(total.times(this.percent.fraction));
    // Rounded up: a total of exactly this much is allowed.
    const needed = bestProfit.dividedBy(this.percent.fraction).toDecimalPlaces(2, Decimal.ROUND_UP);
    const missing = allowed ? ZERO : maxDecimal(needed.minus(total), ZERO);
    return {
      restriction: this.restriction,
      allowed,
      percent: this.percent.points.toFixed(),
      bestDay: best?.tradingDay ?? null,
      bestDayProfit: bestProfit.toFixed(2),
      totalProfit: total.toFixed(2),
      totalNeeded: needed.toFixed(2),
      stillNeeded: missing.toFixed(2),
      inputHash: stableHash({
        engine: RESTRICTIONS_ENGINE_VERSION,
        snapshot: snapshotHash,
        restriction: this.restriction,
        percent: this.percent.points.toFixed(),
        days: ordered.map((day) => ({ tradingDay: day.tradingDay, netProfit: day.netProfit.toFixed() })),
      }),
    };
  }
}

