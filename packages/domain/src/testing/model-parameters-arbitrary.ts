import fc from 'fast-check';
import type { ModelParametersData, PhaseRuleData } from '../catalog/model-parameters.js';
import { ruleOptionsArbitrary, type FieldArbitraries } from './rule-options-arbitrary.js';
import { tradingRestrictionsArbitrary } from './trading-restrictions-arbitrary.js';

/** Currencies with two-decimal minor units, so every amount is booked to the cent. */
export const MODEL_CURRENCIES = ['USD', 'EUR', 'GBP'] as const;

/** Whole or half percentage points between `min` and `max`, as a point string ("8", "2.5"). */
const points = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min: min * 2, max: max * 2 }).map((halves) => (halves % 2 === 0 ? String(halves / 2) : `${(halves - 1) / 2}.5`));

/** An evaluation phase: a profit target and a minimum of trading days. */
export function phaseRuleArbitrary(): fc.Arbitrary<PhaseRuleData> {
  return fc.record({ profitTargetPercent: points(1, 20), minTradingDays: fc.integer({ min: 0, max: 10 }) });
}

/**
 * Every rule-bearing parameter of a model (rule book §2): one to three
 * phases, daily and max loss (the daily limit below the max one, as every
 * firm sets them), leverage, payout days, split, reset discount, the drawdown
 * options and the restrictions.
 */
export function modelParametersArbitrary(fields: FieldArbitraries<ModelParametersData> = {}): fc.Arbitrary<ModelParametersData> {
  return fc
    .record({
      currency: fields.currency ?? fc.constantFrom(...MODEL_CURRENCIES),
      phases: fields.phases ?? fc.array(phaseRuleArbitrary(), { minLength: 1, maxLength: 3 }),
      losses: fc.record({ daily: points(1, 10), extra: points(0.5, 10) }),
      leverage: fields.leverage ?? fc.constantFrom(1, 10, 30, 50, 100, 200, 500),
      firstPayoutDays: fields.firstPayoutDays ?? fc.integer({ min: 1, max: 30 }),
      payoutCycleDays: fields.payoutCycleDays ?? fc.integer({ min: 1, max: 30 }),
      profitSplitPercent: fields.profitSplitPercent ?? points(50, 100),
      resetDiscountPercent: fields.resetDiscountPercent ?? points(0, 50),
      rules: fields.rules ?? ruleOptionsArbitrary(),
      restrictions: fields.restrictions ?? tradingRestrictionsArbitrary(),
    })
    .chain(({ losses, ...rest }) =>
      fc.record({
        dailyLossPercent: fields.dailyLossPercent ?? fc.constant(losses.daily),
        maxLossPercent: fields.maxLossPercent ?? fc.constant(String(Number(losses.daily) + Number(losses.extra))),
      }).map((limits) => ({ ...rest, ...limits })),
    );
}
