import type { Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';

/**
 * Optional per-model restrictions (rule book section 2), all off by default.
 * `null` means the restriction is off.
 */
export interface TradingRestrictions {
  /** Maximum open lots per asset class, e.g. { forex: 5, indices: 3 }. */
  readonly maxOpenLotsPerAssetClass: Readonly<Record<string, Decimal>> | null;
  /**
   * Maximum lots of a single trade per asset class (a competition's lot
   * limits, rule book section 7): unlike the open-lots cap it judges each
   * trade alone. Absent or null: off.
   */
  readonly maxTradeLotsPerAssetClass?: Readonly<Record<string, Decimal>> | null;
  readonly maxTradesPerDay: number | null;
  /** Positions may not be held over the weekend. */
  readonly weekendHoldingBan: boolean;
  /** No trading within ±N minutes of a high-impact news release. */
  readonly newsWindowMinutes: number | null;
  /** Best day ≤ this share of the total profit, checked at payout request. */
  readonly consistencyPercent: Percent | null;
}

export interface TradingRestrictionsData {
  readonly maxOpenLotsPerAssetClass: Readonly<Record<string, string>> | null;
  /** Present only when on, so the data of restrictions without it (and their hash) never changes. */
  readonly maxTradeLotsPerAssetClass?: Readonly<Record<string, string>>;
  readonly maxTradesPerDay: number | null;
  readonly weekendHoldingBan: boolean;
  readonly newsWindowMinutes: number | null;
  readonly consistencyPercent: string | null;
}

export const NO_RESTRICTIONS: TradingRestrictionsData = Object.freeze({
  maxOpenLotsPerAssetClass: null,
  maxTradesPerDay: null,
  weekendHoldingBan: false,
  newsWindowMinutes: null,
  consistencyPercent: null,
});
