import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * Breach overrides of funded accounts: an admin may clear a false breach
 * (rule book section 4), and each override is kept with the account, with
 * the verdict it set aside, for good.
 */
export const fundedBreachOverrides: Migration = {
  name: '0009_funded_breach_overrides',
  async up(knex: Knex) {
    await knex.schema.alterTable('funded_accounts', (t) => {
      t.jsonb('breach_overrides').notNullable().defaultTo(knex.raw(`'[]'::jsonb`));
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('funded_accounts', (t) => {
      t.dropColumn('breach_overrides');
    });
  },
};
