import type { BreachRecordData } from '../drawdown/breach-record.js';
import type { AccountRiskData } from './account-risk.js';
import type { TradingAccountOwner } from './trading-account-owner.js';
import type { RestrictionBookData } from './restriction-book.js';

/**
 * `active`: watched, trading unless a detected breach is being handled;
 * `breached`: ended on its breach (trading disabled, positions closed);
 * `closed`: no longer watched (its phase ended, its owner moved on).
 */
export type TradingAccountStatus = 'active' | 'breached' | 'closed';

/** An admin's clearing of a breach, kept for good with the verdict it cleared (§4). */
export interface TradingAccountOverrideData {
  readonly adminId: string;
  readonly reason: string;
  readonly at: Date;
  /** `active` when the breach was cleared while it was being handled, else `breached`. */
  readonly previousStatus: TradingAccountStatus;
  /** When the breach was handled; null when it was cleared before. */
  readonly breachedAt: Date | null;
  readonly original: BreachRecordData;
  /** The figures trading resumed from. */
  readonly balance: string;
  readonly equity: string;
}

/** Plain JSON form of a trading account, as stored. */
export interface TradingAccountState extends AccountRiskData {
  /** The platform login: one trading account per login the firm watches. */
  readonly login: string;
  readonly traderId: string;
  readonly owner: TradingAccountOwner;
  readonly status: TradingAccountStatus;
  readonly openPositions: readonly string[];
  readonly lastTradeAt: Date | null;
  /** When and why the account ended on a breach. */
  readonly breachedAt: Date | null;
  readonly overrides: readonly TradingAccountOverrideData[];
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  readonly closeCause: string | null;
  readonly updatedAt: Date;
  readonly version: number;
  /**
   * What the trading restrictions keep (rule book §14): positions with class
   * and lots, today's opening deals, daily net profit, violations, excluded
   * amounts. Absent while empty: an account without restrictions stores what it did before.
   */
  readonly restrictionBook?: RestrictionBookData;
}
