import fc from 'fast-check';
import {
  ACTIONABLE_RESTRICTIONS,
  MAX_WEEKEND_CUT_OFF_MINUTES,
  RESTRICTION_ACTIONS,
  type RestrictionActions,
  type TradingRestrictionsData,
} from '../catalog/trading-restrictions.js';
import { centsToAmount, type FieldArbitraries } from './rule-options-arbitrary.js';

/** Asset classes a lot limit may name (lower-case, as the catalog requires). */
export const ASSET_CLASSES = ['forex', 'indices', 'metals', 'crypto', 'energies'] as const;

/** Lot limits per asset class: one to three classes, each from 0.01 to 50.00 lots. */
export function lotLimitsArbitrary(): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.constantFrom(...ASSET_CLASSES), fc.integer({ min: 1, max: 5000 }).map(centsToAmount), { minKeys: 1, maxKeys: 3 });
}

/** Actions an admin chose for some restrictions (§14), or none (the field absent). */
export function restrictionActionsArbitrary(): fc.Arbitrary<RestrictionActions | undefined> {
  return fc.option(
    fc.dictionary(fc.constantFrom(...ACTIONABLE_RESTRICTIONS), fc.constantFrom(...RESTRICTION_ACTIONS), { minKeys: 1, maxKeys: 3 }),
    { nil: undefined },
  );
}

/** Minutes before Friday's reset for the weekend cut-off, or none (the field absent: 0). */
export function weekendCutOffMinutesArbitrary(): fc.Arbitrary<number | undefined> {
  return fc.option(fc.integer({ min: 1, max: MAX_WEEKEND_CUT_OFF_MINUTES }), { nil: undefined });
}

/**
 * A model's trading restrictions (rule book §2), each off (`null` / `false`)
 * or on with a value: lots per asset class (open and of one trade), trades
 * per day, the weekend holding ban with its cut-off minutes, the news window
 * and the consistency share, and the actions an admin chose (§14). Optional
 * fields are absent when off or at their default, as the catalog writes them.
 */
export function tradingRestrictionsArbitrary(fields: FieldArbitraries<TradingRestrictionsData> = {}): fc.Arbitrary<TradingRestrictionsData> {
  return fc
    .record({
      base: baseRestrictionsArbitrary(fields),
      maxTradeLotsPerAssetClass: fields.maxTradeLotsPerAssetClass ?? fc.option(lotLimitsArbitrary(), { nil: undefined }),
      weekendCutOffMinutes: fields.weekendCutOffMinutes ?? weekendCutOffMinutesArbitrary(),
      actions: fields.actions ?? restrictionActionsArbitrary(),
    })
    .map(({ base, maxTradeLotsPerAssetClass, weekendCutOffMinutes, actions }) => ({
      ...base,
      ...(maxTradeLotsPerAssetClass ? { maxTradeLotsPerAssetClass } : {}),
      ...(weekendCutOffMinutes ? { weekendCutOffMinutes } : {}),
      ...(actions ? { actions } : {}),
    }));
}

function baseRestrictionsArbitrary(fields: FieldArbitraries<TradingRestrictionsData>) {
  return fc.record({
    maxOpenLotsPerAssetClass:
      fields.maxOpenLotsPerAssetClass ??
      fc.option(lotLimitsArbitrary()),
    maxTradesPerDay: fields.maxTradesPerDay ?? fc.option(fc.integer({ min: 1, max: 200 })),
    weekendHoldingBan: fields.weekendHoldingBan ?? fc.boolean(),
    newsWindowMinutes: fields.newsWindowMinutes ?? fc.option(fc.integer({ min: 1, max: 60 })),
    consistencyPercent: fields.consistencyPercent ?? fc.option(fc.integer({ min: 10, max: 90 }).map(String)),
  });
}
