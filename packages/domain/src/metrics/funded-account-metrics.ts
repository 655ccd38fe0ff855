import type { FundedAccountState, FundedAccountStatus } from '../funded/funded-account.js';
import type { TradingAccountState } from '../trading-account/trading-account-state.js';
import type { DrawdownMetrics, LiveFigures } from './loss-limit-metrics.js';
import { tradingAccountMetrics } from './trading-account-metrics.js';

/** The transparency view of docs/rules.md §4 for a funded account, as plain JSON. */
export interface FundedAccountMetrics extends DrawdownMetrics {
  readonly fundedAccountId: string;
  readonly status: FundedAccountStatus;
  /** The trader's share of profit, in percent. */
  readonly split: string;
  /** balance − allocation (no target: a funded account has none). */
  readonly profit: { readonly amount: string; readonly percent: string };
}

/**
 * The account metrics of a funded account: its trading account's loss-limit
 * view (the same as every other kind's, limits stated against the current
 * allocation) with the funded account's status and split.
 */
export function fundedAccountMetrics(funded: FundedAccountState, account: TradingAccountState, live: LiveFigures): FundedAccountMetrics {
  const { login: _login, owner: _owner, status: _status, openPositions: _open, ...limits } = tradingAccountMetrics(account, live);
  return { fundedAccountId: funded.id, status: funded.status, split: funded.split, ...limits };
}
