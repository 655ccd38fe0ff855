import type { TradingAccountRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresTradingAccountRepository } from './postgres-trading-account-repository.js';
import { PostgresTradingAccountVerdictRepository } from './postgres-trading-account-verdict-repository.js';
import { PostgresTradingDayStartRepository } from './postgres-trading-day-start-repository.js';

/** The trading-account repositories over one transaction. */
export function tradingAccountRepositories(trx: Knex.Transaction, versions: VersionTracker): TradingAccountRepositories {
  return {
    tradingAccounts: new PostgresTradingAccountRepository(trx, versions),
    tradingDayStarts: new PostgresTradingDayStartRepository(trx),
    tradingAccountVerdicts: new PostgresTradingAccountVerdictRepository(trx),
  };
}
