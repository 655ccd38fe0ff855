import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import { Decimal } from '../money/decimal.js';
import { LotLimitPerAssetClass, lotLimitsFromData, lotsFactFromData, type LotsFact } from './lot-limits.js';

/** An opening deal with the open lots of its asset class just before it. */
export interface OpenLotsFact extends LotsFact {
  readonly openLotsBefore: Decimal;
}

/**
 * Max open lots per asset class (rule book §14): an opening deal that takes
 * its class's open lots above the limit violates; equal to the limit is
 * allowed; a class without a limit is free. Its default action closes the
 * position that deal opened.
 */
export class MaxOpenLotsPerAssetClass extends LotLimitPerAssetClass<OpenLotsFact> {
  readonly restriction = 'max_open_lots_per_asset_class' as const;

  /** The rule of a snapshot, or null when it is off. */
  static of(snapshot: RuleSnapshot): MaxOpenLotsPerAssetClass | null {
    const limits = snapshot.restrictions.maxOpenLotsPerAssetClass;
    return limits ? new MaxOpenLotsPerAssetClass(limits, snapshot.restrictionAction('max_open_lots_per_asset_class')) : null;
  }

  static fromData(data: Readonly<Record<string, unknown>>): MaxOpenLotsPerAssetClass {
    return new MaxOpenLotsPerAssetClass(lotLimitsFromData(data['limits'] as Record<string, unknown>), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): OpenLotsFact {
    return { ...lotsFactFromData(data), openLotsBefore: new Decimal(String(data['openLotsBefore'])) };
  }

  protected measure(fact: OpenLotsFact) {
    return {
      observed: fact.openLotsBefore.plus(fact.lots),
      details: { assetClass: fact.assetClass, lots: fact.lots.toFixed(), openLotsBefore: fact.openLotsBefore.toFixed() },
    };
  }
}
