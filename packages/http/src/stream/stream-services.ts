import type { AccountActivity, AccountMetricsQuery, Clock, PriceFeed, TradingAccountMetricsQuery, TradingSignalQuery } from '@tradesense/application';
import type { PlatformTracing } from '@tradesense/bootstrap';
import type { Logger } from 'pino';

/** What the stream reads from the platform. */
export interface StreamServices {
  readonly feed: PriceFeed;
  readonly clock: Clock;
  /** A challenge's metrics (the `accounts` topic). */
  readonly metrics: AccountMetricsQuery;
  /** A trading account's metrics by its login, whatever its kind (the `logins` topic). */
  readonly tradingAccountMetrics: TradingAccountMetricsQuery;
  readonly activity: AccountActivity;
  readonly signals: TradingSignalQuery;
  readonly logger: Logger;
  /** Spans for client messages (the http instrumentation sees only the upgrade request); off by default. */
  readonly tracing?: PlatformTracing;
}
