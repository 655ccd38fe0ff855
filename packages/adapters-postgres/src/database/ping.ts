import type { Knex } from 'knex';

/** True when the database answers a trivial query (readiness probes). */
export async function pingDatabase(knex: Knex): Promise<boolean> {
  try {
    await knex.raw('select 1 as ok');
    return true;
  } catch {
    return false;
  }
}
