import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/**
 * The unit of work's transaction, for the code that runs inside it. Work
 * that the database adapter does on a use case's behalf while that use case
 * holds a transaction (the simulated trading server's books, called from
 * inside a payout or scaling transaction) joins it as a savepoint instead of
 * opening a second transaction: on PGlite there is one connection, so a
 * second transaction would wait for the first forever; on a server it would
 * need a second connection and could commit apart from the work it belongs to.
 */
const ambient = new AsyncLocalStorage<Knex.Transaction>();

export function withAmbientTransaction<T>(trx: Knex.Transaction, work: () => Promise<T>): Promise<T> {
  return ambient.run(trx, work);
}

/** A nested transaction (savepoint) in the unit of work's open transaction if there is one, else a transaction of its own. */
export function joinOrBegin<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const outer = ambient.getStore();
  // Work started inside a unit of work may outlive it (a listener woken by it); it then needs its own transaction.
  if (outer && !outer.isCompleted()) return outer.transaction(work);
  return knex.transaction(work);
}
