import type { AccountActivity, AccountMetricsQuery, Clock, PriceFeed, TradingSignalQuery } from '@tradesense/application';
import type { Logger } from 'pino';

/** What the stream reads from the platform. */
export interface StreamServices {
  readonly feed: PriceFeed;
  readonly clock: Clock;
  readonly metrics: AccountMetricsQuery;
  readonly activity: AccountActivity;
  readonly signals: TradingSignalQuery;
  readonly logger: Logger;
}
