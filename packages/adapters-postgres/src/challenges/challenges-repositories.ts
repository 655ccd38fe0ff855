import type { ChallengesRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresChallengeRepository } from './postgres-challenge-repository.js';

/**
 * The challenges repositories over one transaction. A challenge's deals,
 * figures, day starts and breach verdicts are its trading accounts' (see
 * `tradingAccountRepositories`); the old tables that held them
 * (day_start_snapshots, breach_verdicts) are no longer read or written and
 * stay until a later migration drops them.
 */
export function challengesRepositories(trx: Knex.Transaction, versions: VersionTracker): ChallengesRepositories {
  return {
    challenges: new PostgresChallengeRepository(trx, versions),
  };
}
