import type { TradingAccountMetrics } from '@tradesense/domain';
import type { BalanceAndEquity } from '../../shared/account-figures.js';
import type { TradingLogin } from '../../ports/trading-platform.js';

/** A trading account's metrics with where its figures came from. */
export interface TradingAccountMetricsView extends TradingAccountMetrics {
  /** `platform`: live figures read now; `stored`: the last figures the firm recorded. */
  readonly figuresSource: 'platform' | 'stored';
}

export interface TradingAccountMetricsOptions {
  /**
   * The figures to show when the platform is not read (the account ended, or
   * the platform is out of reach), for an owner that keeps a ledger of its
   * own which can be ahead of the account's stored figures.
   */
  readonly recorded?: BalanceAndEquity | null;
}

/**
 * The loss-limit metrics of a watched login (docs/rules.md §4), published for
 * the owners' views: a challenge or a funded account shows its account's
 * metrics with what is its own. It checks no requester: the owner has checked
 * that the requester may see its own account before it asks.
 */
export interface TradingAccountMetricsReader {
  /** Null when the firm watches no such login. */
  metricsOf(login: TradingLogin, options?: TradingAccountMetricsOptions): Promise<TradingAccountMetricsView | null>;
}
