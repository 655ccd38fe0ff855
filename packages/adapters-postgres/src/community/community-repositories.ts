import type { CommunityRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';

/** The community repositories over one transaction. */
export function communityRepositories(trx: Knex.Transaction, versions: VersionTracker): CommunityRepositories {
  void trx;
  void versions;
  return {};
}
