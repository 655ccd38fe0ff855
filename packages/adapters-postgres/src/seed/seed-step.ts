import type { Knex } from 'knex';

/**
 * Runs `step` once per database: the step's name is recorded in the same
 * transaction, so a second run (or a concurrent one, which waits on the
 * name's row) does nothing, and data an admin removed later stays removed.
 * Returns the step's result, or null when it had already run.
 */
export async function seedOnce<T>(knex: Knex, name: string, at: Date, step: (trx: Knex.Transaction) => Promise<T>): Promise<T | null> {
  return knex.transaction(async (trx) => {
    const claimed = await trx('seed_runs').insert({ name, applied_at: at }).onConflict('name').ignore().returning('name');
    if (claimed.length === 0) return null;
    return step(trx);
  });
}
