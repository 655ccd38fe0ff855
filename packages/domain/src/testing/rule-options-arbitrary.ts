import fc from 'fast-check';
import { DAILY_LOSS_BASES, DAILY_LOSS_REFERENCES, MAX_LOSS_MODES, type RuleOptionsData } from '../catalog/rule-options.js';

/** One arbitrary per field: a caller pins a field with `fc.constant(...)` and lets the rest vary. */
export type FieldArbitraries<T> = { readonly [K in keyof T]?: fc.Arbitrary<T[K]> };

/** Cents as a two-decimal amount string. */
export const centsToAmount = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * A model's drawdown options (rule book §2), every value of every option:
 * both daily-loss bases and references, the three max-loss modes, an
 * early-warning share, the inactivity days and a tolerance (often zero, as
 * seeded).
 */
export function ruleOptionsArbitrary(fields: FieldArbitraries<RuleOptionsData> = {}): fc.Arbitrary<RuleOptionsData> {
  return fc.record({
    dailyLossBasis: fields.dailyLossBasis ?? fc.constantFrom(...DAILY_LOSS_BASES),
    dailyLossReference: fields.dailyLossReference ?? fc.constantFrom(...DAILY_LOSS_REFERENCES),
    maxLossMode: fields.maxLossMode ?? fc.constantFrom(...MAX_LOSS_MODES),
    earlyWarningPercent: fields.earlyWarningPercent ?? fc.integer({ min: 50, max: 95 }).map(String),
    inactivityDays: fields.inactivityDays ?? fc.integer({ min: 1, max: 60 }),
    tolerance:
      fields.tolerance ?? fc.oneof({ weight: 2, arbitrary: fc.constant('0.00') }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }).map(centsToAmount) }),
  });
}
