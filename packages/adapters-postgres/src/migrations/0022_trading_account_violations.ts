import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * The trading restrictions' violations (docs/rules.md §14), one row per
 * login and violation id (the id is derived from the cause, so the same
 * cause is stored once): the violation, the inputs it was judged from and
 * their hash (it replays), its status for the admin review queue, and when
 * the firm closed the positions a `close` violation names (so a redelivered
 * close does nothing twice). `seq` orders the queue, newest first.
 */
export const tradingAccountViolations: Migration = {
  name: '0022_trading_account_violations',
  async up(knex: Knex) {
    await knex.schema.createTable('trading_account_violations', (t) => {
      t.specificType('seq', 'bigserial').notNullable().unique();
      t.text('login').notNullable().references('trading_accounts.login').onDelete('CASCADE');
      t.text('id').notNullable();
      t.text('owner_kind').notNullable();
      t.text('owner_id').notNullable();
      t.jsonb('owner').notNullable();
      t.text('restriction').notNullable();
      t.text('action').notNullable();
      t.timestamp('violated_at', { useTz: true }).notNullable();
      t.jsonb('violation').notNullable();
      t.jsonb('inputs').notNullable();
      t.text('input_hash').notNullable();
      t.text('trading_day').notNullable();
      t.text('status').notNullable().defaultTo('open');
      t.jsonb('cleared');
      t.timestamp('recorded_at', { useTz: true }).notNullable();
      t.timestamp('positions_closed_at', { useTz: true });
      t.primary(['login', 'id']);
      t.index(['status', 'seq']);
      t.index(['owner_kind', 'owner_id']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTableIfExists('trading_account_violations');
  },
};
