import type { Decimal } from '../money/decimal.js';
import type { Percent } from '../money/percent.js';

/** Every restriction of rule book section 14, by the name its violations and breach records carry. */
export const RESTRICTION_NAMES = [
  'max_open_lots_per_asset_class',
  'max_trade_lots_per_asset_class',
  'max_trades_per_day',
  'weekend_holding_ban',
  'news_window',
  'consistency',
] as const;
export type RestrictionName = (typeof RESTRICTION_NAMES)[number];

/**
 * The restrictions judged while the account trades, each with a configurable
 * action. Consistency is judged at a payout request and its only answer is
 * to refuse the request, so it has no action to choose.
 */
export const ACTIONABLE_RESTRICTIONS = [
  'max_open_lots_per_asset_class',
  'max_trade_lots_per_asset_class',
  'max_trades_per_day',
  'weekend_holding_ban',
  'news_window',
] as const satisfies readonly RestrictionName[];
export type ActionableRestriction = (typeof ACTIONABLE_RESTRICTIONS)[number];

/**
 * What a violation does (rule book section 14): fail the account with a
 * verdict record, close the offending position(s), leave the position's net
 * result out of targets and payouts, or record it for review only.
 */
export const RESTRICTION_ACTIONS = ['breach', 'close', 'exclude_profit', 'flag'] as const;
export type RestrictionAction = (typeof RESTRICTION_ACTIONS)[number];

export type RestrictionActions = Readonly<Partial<Record<ActionableRestriction, RestrictionAction>>>;

/** The rule book's default action of each restriction (section 14). */
export const DEFAULT_RESTRICTION_ACTIONS: Readonly<Record<ActionableRestriction, RestrictionAction>> = Object.freeze({
  max_open_lots_per_asset_class: 'close',
  max_trade_lots_per_asset_class: 'flag',
  max_trades_per_day: 'flag',
  weekend_holding_ban: 'close',
  news_window: 'exclude_profit',
});

/**
 * A competition's trade rules disqualify the entry (section 7): its snapshots
 * were frozen before actions existed, so the default, not a stored field,
 * gives them `breach` and their data and hash stay as they are.
 */
export const COMPETITION_RESTRICTION_ACTIONS: RestrictionActions = Object.freeze({
  max_trade_lots_per_asset_class: 'breach',
  max_trades_per_day: 'breach',
});

/** The longest a weekend cut-off may come before Friday's reset: one day. */
export const MAX_WEEKEND_CUT_OFF_MINUTES = 1440;

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
  /**
   * How many minutes before Friday's reset the weekend cut-off falls. Absent:
   * 0, the cut-off is the reset itself.
   */
  readonly weekendCutOffMinutes?: number;
  /** No trading within ±N minutes of a high-impact news release. */
  readonly newsWindowMinutes: number | null;
  /** Best day ≤ this share of the total profit, checked at payout request. */
  readonly consistencyPercent: Percent | null;
  /** Actions an admin chose; a restriction not named here takes its default. Absent: every default. */
  readonly actions?: RestrictionActions;
}

export interface TradingRestrictionsData {
  readonly maxOpenLotsPerAssetClass: Readonly<Record<string, string>> | null;
  /** Present only when on, so the data of restrictions without it (and their hash) never changes. */
  readonly maxTradeLotsPerAssetClass?: Readonly<Record<string, string>>;
  readonly maxTradesPerDay: number | null;
  readonly weekendHoldingBan: boolean;
  /** Present only when above 0, for the same reason. */
  readonly weekendCutOffMinutes?: number;
  readonly newsWindowMinutes: number | null;
  readonly consistencyPercent: string | null;
  /** Present only when an admin chose an action, keys sorted, for the same reason. */
  readonly actions?: RestrictionActions;
}

export const NO_RESTRICTIONS: TradingRestrictionsData = Object.freeze({
  maxOpenLotsPerAssetClass: null,
  maxTradesPerDay: null,
  weekendHoldingBan: false,
  newsWindowMinutes: null,
  consistencyPercent: null,
});

/**
 * The action a restriction takes on a snapshot: the one an admin chose, else
 * a competition's own default, else the rule book's.
 */
export function restrictionAction(
  restrictions: TradingRestrictions,
  restriction: ActionableRestriction,
  competition: boolean,
): RestrictionAction {
  return (
    restrictions.actions?.[restriction] ??
    (competition ? COMPETITION_RESTRICTION_ACTIONS[restriction] : undefined) ??
    DEFAULT_RESTRICTION_ACTIONS[restriction]
  );
}
