import type { ChallengesRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';

/** The challenges repositories over one transaction. */
export function challengesRepositories(trx: Knex.Transaction, versions: VersionTracker): ChallengesRepositories {
  void trx;
  void versions;
  return {};
}
