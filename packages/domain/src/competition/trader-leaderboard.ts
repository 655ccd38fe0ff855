import type { Decimal } from '../money/decimal.js';

export interface TraderPerformance {
  readonly traderId: string;
  /** Shown only when the trader opted in; never an e-mail. */
  readonly displayName: string | null;
  readonly optedIn: boolean;
  /** Profit as percent of the initial balance. */
  readonly profitPercent: Decimal;
}

export interface LeaderboardLine {
  readonly rank: number;
  readonly displayName: string;
  readonly profitPercent: string;
}

/**
 * The public leaderboard (section 13): top traders by profit %, only those
 * who opted in and chose a display name; ties by trader id so the order is
 * stable. Trader ids and e-mails never leave this function.
 */
export function publicLeaderboard(traders: readonly TraderPerformance[], limit: number): LeaderboardLine[] {
  return traders
    .filter((t): t is TraderPerformance & { displayName: string } => t.optedIn && !!t.displayName?.trim())
    .sort((a, b) => b.profitPercent.comparedTo(a.profitPercent) || (a.traderId < b.traderId ? -1 : a.traderId > b.traderId ? 1 : 0))
    .slice(0, Math.max(0, limit))
    .map((t, index) => ({ rank: index + 1, displayName: t.displayName.trim(), profitPercent: t.profitPercent.toFixed(2) }));
}
