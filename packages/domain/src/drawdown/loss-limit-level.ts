import { ONE, type Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';
import type { LossLimitLevel, LossLimitName } from './loss-limit.js';

/** Builds a level; the warning sits where the used part of the allowance reaches the warning share. */
export function lossLimitLevel(limit: LossLimitName, floor: Decimal, allowance: Decimal, warning: Percent): LossLimitLevel {
  return {
    limit,
    floor,
    allowance,
    warningLevel: floor.plus(allowance.times(ONE.minus(warning.fraction))),
  };
}
