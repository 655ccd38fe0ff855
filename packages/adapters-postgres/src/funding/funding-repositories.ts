import type { FundingRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';

/** The funding repositories over one transaction. */
export function fundingRepositories(trx: Knex.Transaction, versions: VersionTracker): FundingRepositories {
  void trx;
  void versions;
  return {};
}
