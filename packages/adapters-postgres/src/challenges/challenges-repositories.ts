import type { ChallengesRepositories, RiskWatchAnnouncer } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresAccountEquityRepository } from './postgres-account-equity-repository.js';
import { PostgresBreachVerdictRepository } from './postgres-breach-verdict-repository.js';
import { PostgresChallengeRepository } from './postgres-challenge-repository.js';
import { PostgresPlatformDealRepository } from './postgres-platform-deal-repository.js';

/** The challenges repositories over one transaction. */
export function challengesRepositories(trx: Knex.Transaction, versions: VersionTracker, riskWatch?: RiskWatchAnnouncer): ChallengesRepositories {
  return {
    challenges: new PostgresChallengeRepository(trx, versions, riskWatch),
    platformDeals: new PostgresPlatformDealRepository(trx),
    accountEquity: new PostgresAccountEquityRepository(trx),
    breachVerdicts: new PostgresBreachVerdictRepository(trx),
  };
}
