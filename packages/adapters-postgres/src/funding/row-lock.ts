import type { LoadOptions } from '@tradesense/application';
import type { Knex } from 'knex';

/** `lock: true` reads with FOR UPDATE, so concurrent writers of the row queue until this transaction ends. */
export function lockedIf(query: Knex.QueryBuilder, options: LoadOptions): Knex.QueryBuilder {
  return options.lock ? query.forUpdate() : query;
}
