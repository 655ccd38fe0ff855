import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import { Decimal } from '../money/decimal.js';
import { lotLimitsFromData, lotLimitsToData } from './lot-limits.js';
import type { RestrictionRule, RestrictionViolation } from './restriction-violation.js';

/** An opening deal's own lots. */
export interface TradeLotsFact {
  readonly dealId: string;
  readonly positionId: string;
  readonly at: Date;
  readonly assetClass: string;
  readonly lots: Decimal;
}

/**
 * Max lots of one trade per asset class (rule book §7, §14): an opening deal
 * above its class's limit violates, whatever else is open; equal is allowed.
 * Default `flag`; a competition entry's snapshot defaults to `breach`
 * (disqualified).
 */
export class MaxTradeLotsPerAssetClass implements RestrictionRule<TradeLotsFact> {
  readonly restriction = 'max_trade_lots_per_asset_class' as const;

  constructor(
    readonly limits: Readonly<Record<string, Decimal>>,
    readonly action: RestrictionAction,
  ) {}

  static of(snapshot: RuleSnapshot): MaxTradeLotsPerAssetClass | null {
    const limits = snapshot.restrictions.maxTradeLotsPerAssetClass;
    return limits ? new MaxTradeLotsPerAssetClass(limits, snapshot.restrictionAction('max_trade_lots_per_asset_class')) : null;
  }

  static fromData(data: Readonly<Record<string, unknown>>): MaxTradeLotsPerAssetClass {
    return new MaxTradeLotsPerAssetClass(lotLimitsFromData(data['limits'] as Record<string, unknown>), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): TradeLotsFact {
    return {
      dealId: String(data['dealId']),
      positionId: String(data['positionId']),
      at: new Date(String(data['at'])),
      assetClass: String(data['assetClass']),
      lots: new Decimal(String(data['lots'])),
    };
  }

  judge(fact: TradeLotsFact): RestrictionViolation | null {
    const limit = this.limits[fact.assetClass];
    if (!limit || fact.lots.lessThanOrEqualTo(limit)) return null;
    return {
      id: `${this.restriction}:${fact.dealId}`,
      restriction: this.restriction,
      action: this.action,
      at: fact.at,
      dealId: fact.dealId,
      positionIds: [fact.positionId],
      limit: limit.toFixed(),
      observed: fact.lots.toFixed(),
      details: { assetClass: fact.assetClass },
    };
  }

  toData(): Readonly<Record<string, unknown>> {
    return { limits: lotLimitsToData(this.limits), action: this.action };
  }
}
