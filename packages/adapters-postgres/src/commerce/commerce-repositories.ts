import type { CommerceRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import type { VersionTracker } from '../uow/version-tracker.js';

/** The commerce repositories over one transaction. */
export function commerceRepositories(trx: Knex.Transaction, versions: VersionTracker): CommerceRepositories {
  void trx;
  void versions;
  return {};
}
