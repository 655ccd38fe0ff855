import type { Knex } from 'knex';

/** A knex instance or an open transaction: repositories accept either. */
export type Queryable = Knex | Knex.Transaction;
