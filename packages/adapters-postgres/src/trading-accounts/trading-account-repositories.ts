import type { RiskWatchAnnouncer, TradingAccountRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresAccountDealRepository } from './postgres-account-deal-repository.js';
import { PostgresAccountEquityRepository } from './postgres-account-equity-repository.js';
import { PostgresTradingAccountRepository } from './postgres-trading-account-repository.js';
import { PostgresTradingAccountVerdictRepository } from './postgres-trading-account-verdict-repository.js';
import { PostgresTradingAccountViolationRepository } from './postgres-trading-account-violation-repository.js';
import { PostgresTradingDayStartRepository } from './postgres-trading-day-start-repository.js';

/** The trading-account repositories over one transaction. */
export function tradingAccountRepositories(
  trx: Knex.Transaction,
  versions: VersionTracker,
  riskWatch?: RiskWatchAnnouncer,
): TradingAccountRepositories {
  return {
    tradingAccounts: new PostgresTradingAccountRepository(trx, versions, riskWatch),
    accountDeals: new PostgresAccountDealRepository(trx),
    accountEquity: new PostgresAccountEquityRepository(trx),
    tradingDayStarts: new PostgresTradingDayStartRepository(trx),
    tradingAccountVerdicts: new PostgresTradingAccountVerdictRepository(trx),
    tradingAccountViolations: new PostgresTradingAccountViolationRepository(trx),
  };
}
