import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import { LotLimitPerAssetClass, lotLimitsFromData, lotsFactFromData, type LotsFact } from './lot-limits.js';

/** An opening deal's own lots. */
export type TradeLotsFact = LotsFact;

/**
 * Max lots of one trade per asset class (rule book §7, §14): an opening deal
 * above its class's limit violates, whatever else is open; equal is allowed.
 * Default `flag`; a competition entry's snapshot defaults to `breach`
 * (disqualified).
 */
export class MaxTradeLotsPerAssetClass extends LotLimitPerAssetClass<TradeLotsFact> {
  readonly restriction = 'max_trade_lots_per_asset_class' as const;

  /** The rule of a snapshot, or null when it is off. */
  static of(snapshot: RuleSnapshot): MaxTradeLotsPerAssetClass | null {
    const limits = snapshot.restrictions.maxTradeLotsPerAssetClass;
    return limits ? new MaxTradeLotsPerAssetClass(limits, snapshot.restrictionAction('max_trade_lots_per_asset_class')) : null;
  }

  static fromData(data: Readonly<Record<string, unknown>>): MaxTradeLotsPerAssetClass {
    return new MaxTradeLotsPerAssetClass(lotLimitsFromData(data['limits'] as Record<string, unknown>), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): TradeLotsFact {
    return lotsFactFromData(data);
  }

  protected measure(fact: TradeLotsFact) {
    return { observed: fact.lots, details: { assetClass: fact.assetClass } };
  }
}
