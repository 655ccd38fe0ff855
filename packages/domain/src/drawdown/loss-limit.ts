import { Decimal, ZERO } from '../money/decimal.js';

/** The two loss limits of rule book section 4. */
export const LOSS_LIMITS = ['daily_loss', 'max_loss'] as const;
export type LossLimitName = (typeof LOSS_LIMITS)[number];

/**
 * Where one loss limit stands for the current evaluation state. Equity at or
 * below `floor − tolerance` is a breach; at or below `warningLevel` the early
 * warning fires.
 */
export interface LossLimitLevel {
  readonly limit: LossLimitName;
  readonly floor: Decimal;
  /** The loss the limit allows, in money (booked to the cent). */
  readonly allowance: Decimal;
  /** floor + allowance × (1 − warning %): the equity at which the used part reaches the warning level. */
  readonly warningLevel: Decimal;
}

const NO_FLOOR = new Decimal(-Infinity);

/**
 * A loss limit the rule snapshot has off (a competition run without loss
 * limits): its floor and warning level sit at minus infinity, so no equity is
 * ever at or below them: it never breaches and never warns, and every
 * comparison with floors (the engine's, the risk monitor's pre-check) needs
 * no special case. Wherever a floor is shown as data it reads `null`.
 */
export function lossLimitOff(limit: LossLimitName): LossLimitLevel {
  return { limit, floor: NO_FLOOR, allowance: ZERO, warningLevel: NO_FLOOR };
}

/** True when the level is a limit the snapshot has off (see `lossLimitOff`). */
export const isLossLimitOff = (level: LossLimitLevel): boolean => !level.floor.isFinite();

/** The floor as shown in events and views: its exact decimal string, or null for a limit that is off. */
export const floorText = (level: LossLimitLevel): string | null => (isLossLimitOff(level) ? null : level.floor.toFixed());

export interface DrawdownFloors {
  readonly dailyLoss: LossLimitLevel;
  readonly maxLoss: LossLimitLevel;
}
