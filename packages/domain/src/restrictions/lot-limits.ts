import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import { Decimal } from '../money/decimal.js';
import type { RestrictionRule, RestrictionViolation } from './restriction-violation.js';

/** Lot limits per asset class as plain JSON (exact decimal strings). */
export const lotLimitsToData = (limits: Readonly<Record<string, Decimal>>): Record<string, string> =>
  Object.fromEntries(Object.entries(limits).map(([assetClass, lots]) => [assetClass, lots.toFixed()]));

export const lotLimitsFromData = (data: Readonly<Record<string, unknown>>): Record<string, Decimal> =>
  Object.fromEntries(Object.entries(data).map(([assetClass, lots]) => [assetClass, new Decimal(String(lots))]));

/** What both lot limits read of an opening deal: its class and its own lots. */
export interface LotsFact {
  readonly dealId: string;
  readonly positionId: string;
  readonly at: Date;
  readonly assetClass: string;
  readonly lots: Decimal;
}

export function lotsFactFromData(data: Readonly<Record<string, unknown>>): LotsFact {
  return {
    dealId: String(data['dealId']),
    positionId: String(data['positionId']),
    at: new Date(String(data['at'])),
    assetClass: String(data['assetClass']),
    lots: new Decimal(String(data['lots'])),
  };
}

/**
 * The two lot limits per asset class (docs/rules.md §7, §14) judge an opening
 * deal the same way and differ only in the lots they hold against the
 * class's limit: the class's open lots after the deal, or the deal's own.
 * Equal to the limit is allowed; a class without a limit is free; the
 * violation names the position that deal opened.
 */
export abstract class LotLimitPerAssetClass<F extends LotsFact> implements RestrictionRule<F> {
  abstract readonly restriction: 'max_open_lots_per_asset_class' | 'max_trade_lots_per_asset_class';

  constructor(
    readonly limits: Readonly<Record<string, Decimal>>,
    readonly action: RestrictionAction,
  ) {}

  /** The lots held against the limit, and what the violation records beside them. */
  protected abstract measure(fact: F): { readonly observed: Decimal; readonly details: Readonly<Record<string, string>> };

  judge(fact: F): RestrictionViolation | null {
    const limit = this.limits[fact.assetClass];
    if (!limit) return null;
    const { observed, details } = this.measure(fact);
    if (observed.lessThanOrEqualTo(limit)) return null;
    return {
      id: `${this.restriction}:${fact.dealId}`,
      restriction: this.restriction,
      action: this.action,
      at: fact.at,
      dealId: fact.dealId,
      positionIds: [fact.positionId],
      limit: limit.toFixed(),
      observed: observed.toFixed(),
      details,
    };
  }

  toData(): Readonly<Record<string, unknown>> {
    return { limits: lotLimitsToData(this.limits), action: this.action };
  }
}
