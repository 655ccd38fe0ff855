import type { FundedAccountState, FundedAccountStatus } from '../funded/funded-account.js';
import { lossLimitView, type LossLimitView, type TradingAccountMetrics } from './trading-account-metrics.js';

/** The transparency view of docs/rules.md §4 for a funded account, as plain JSON. */
export interface FundedAccountMetrics extends LossLimitView {
  readonly fundedAccountId: string;
  readonly status: FundedAccountStatus;
  /** The trader's share of profit, in percent. */
  readonly split: string;
  /** balance − allocation (no target: a funded account has none). */
  readonly profit: LossLimitView['profit'];
}

/**
 * The account metrics of a funded account: its trading account's metrics
 * (the same view as every other kind's, limits stated against the current
 * allocation) under the funded account's id and status, with its split.
 */
export function fundedAccountMetrics(funded: FundedAccountState, account: TradingAccountMetrics): FundedAccountMetrics {
  return { fundedAccountId: funded.id, status: funded.status, split: funded.split, ...lossLimitView(account) };
}
