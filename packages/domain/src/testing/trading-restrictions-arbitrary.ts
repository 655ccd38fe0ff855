import fc from 'fast-check';
import type { TradingRestrictionsData } from '../catalog/trading-restrictions.js';
import { centsToAmount, type FieldArbitraries } from './rule-options-arbitrary.js';

/** Asset classes a lot limit may name (lower-case, as the catalog requires). */
export const ASSET_CLASSES = ['forex', 'indices', 'metals', 'crypto', 'energies'] as const;

/**
 * A model's trading restrictions (rule book §2), each off (`null` / `false`)
 * or on with a value: lots per asset class, trades per day, the weekend
 * holding ban, the news window and the consistency share.
 */
export function tradingRestrictionsArbitrary(fields: FieldArbitraries<TradingRestrictionsData> = {}): fc.Arbitrary<TradingRestrictionsData> {
  return fc.record({
    maxOpenLotsPerAssetClass:
      fields.maxOpenLotsPerAssetClass ??
      fc.option(fc.dictionary(fc.constantFrom(...ASSET_CLASSES), fc.integer({ min: 1, max: 5000 }).map(centsToAmount), { minKeys: 1, maxKeys: 3 })),
    maxTradesPerDay: fields.maxTradesPerDay ?? fc.option(fc.integer({ min: 1, max: 200 })),
    weekendHoldingBan: fields.weekendHoldingBan ?? fc.boolean(),
    newsWindowMinutes: fields.newsWindowMinutes ?? fc.option(fc.integer({ min: 1, max: 60 })),
    consistencyPercent: fields.consistencyPercent ?? fc.option(fc.integer({ min: 10, max: 90 }).map(String)),
  });
}
