import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * What a trading account's restrictions remember between deals (docs/rules.md
 * §14): the open positions with class and lots, the opening deals of the
 * current trading day, each day's net profit, the violations and the excluded
 * amounts. Plain JSON; null for an account no restriction has judged yet,
 * which is every account stored before.
 */
export const tradingAccountRestrictionBook: Migration = {
  name: '0021_trading_account_restriction_book',
  async up(knex: Knex) {
    await knex.schema.alterTable('trading_accounts', (t) => {
      t.jsonb('restriction_book');
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('trading_accounts', (t) => {
      t.dropColumn('restriction_book');
    });
  },
};
