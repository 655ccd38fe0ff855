import type { RiskWatchAnnouncer, RiskWatchSignalHandler, RiskWatchSignals } from '@tradesense/application';
import type { Database } from '../database/database.js';
import type { Queryable } from '../shared/queryable.js';

/** The notification channel of the risk watch signal; the payload is the trading account's login. */
export const RISK_WATCH_CHANNEL = 'tradesense_risk_watch';

/**
 * `pg_notify` on the unit of work's own transaction: PostgreSQL (and PGlite)
 * delivers it when that transaction commits and drops it when it rolls back,
 * so a listener never hears of an account that was not stored.
 */
export class PostgresRiskWatchAnnouncer implements RiskWatchAnnouncer {
  constructor(private readonly db: Queryable) {}

  async announce(login: string): Promise<void> {
    await this.db.raw('select pg_notify(?, ?)', [RISK_WATCH_CHANNEL, login]);
  }
}

/** The committed announcements, as the database's notifications on the channel. */
export class PostgresRiskWatchSignals implements RiskWatchSignals {
  constructor(private readonly database: Pick<Database, 'listen'>) {}

  listen(handler: RiskWatchSignalHandler): Promise<() => Promise<void>> {
    return this.database.listen(RISK_WATCH_CHANNEL, {
      message: (key) => handler.announced(key),
      resumed: () => handler.resumed(),
      failed: (error) => handler.failed(error),
    });
  }
}
