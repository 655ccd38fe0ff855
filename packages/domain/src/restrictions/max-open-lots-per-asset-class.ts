import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import { Decimal } from '../money/decimal.js';
import { lotLimitsFromData, lotLimitsToData } from './lot-limits.js';
import type { RestrictionRule, RestrictionViolation } from './restriction-violation.js';

/** An opening deal with the open lots of its asset class just before it. */
export interface OpenLotsFact {
  readonly dealId: string;
  readonly positionId: string;
  readonly at: Date;
  readonly assetClass: string;
  readonly lots: Decimal;
  readonly openLotsBefore: Decimal;
}

/**
 * Max open lots per asset class (rule book §14): an opening deal that takes
 * its class's open lots above the limit violates; equal to the limit is
 * allowed; a class without a limit is free. Its default action closes the
 * position that deal opened.
 */
export class MaxOpenLotsPerAssetClass implements RestrictionRule<OpenLotsFact> {
  readonly restriction = 'max_open_lots_per_asset_class' as const;

  constructor(
    readonly limits: Readonly<Record<string, Decimal>>,
    readonly action: RestrictionAction,
  ) {}

  /** The rule of a snapshot, or null when it is off. */
  static of(snapshot: RuleSnapshot): MaxOpenLotsPerAssetClass | null {
    const limits = snapshot.restrictions.maxOpenLotsPerAssetClass;
    return limits ? new MaxOpenLotsPerAssetClass(limits, snapshot.restrictionAction('max_open_lots_per_asset_class')) : null;
  }

  static fromData(data: Readonly<Record<string, unknown>>): MaxOpenLotsPerAssetClass {
    return new MaxOpenLotsPerAssetClass(lotLimitsFromData(data['limits'] as Record<string, unknown>), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): OpenLotsFact {
    return {
      dealId: String(data['dealId']),
      positionId: String(data['positionId']),
      at: new Date(String(data['at'])),
      assetClass: String(data['assetClass']),
      lots: new Decimal(String(data['lots'])),
      openLotsBefore: new Decimal(String(data['openLotsBefore'])),
    };
  }

  judge(fact: OpenLotsFact): RestrictionViolation | null {
    const limit = this.limits[fact.assetClass];
    if (!limit) return null;
    const after = fact.openLotsBefore.plus(fact.lots);
    if (after.lessThanOrEqualTo(limit)) return null;
    return {
      id: `${this.restriction}:${fact.dealId}`,
      restriction: this.restriction,
      action: this.action,
      at: fact.at,
      dealId: fact.dealId,
      positionIds: [fact.positionId],
      limit: limit.toFixed(),
      observed: after.toFixed(),
      details: { assetClass: fact.assetClass, lots: fact.lots.toFixed(), openLotsBefore: fact.openLotsBefore.toFixed() },
    };
  }

  toData(): Readonly<Record<string, unknown>> {
    return { limits: lotLimitsToData(this.limits), action: this.action };
  }
}
