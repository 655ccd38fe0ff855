import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * The simulated trading server's books (docs/trading-platform.md): accounts,
 * open positions, deals, balance operations, the rollovers charged, its
 * number sequences and the instant its market began. Kept in the database so
 * a restart continues where it stopped and every API and worker process
 * trades on the same server. Money, prices and volumes are NUMERIC.
 */
export const simulatedTradingServer: Migration = {
  name: '0010_simulated_trading_server',
  async up(knex: Knex) {
    await knex.schema.createTable('sim_counters', (t) => {
      t.text('name').primary();
      t.bigInteger('next_value').notNullable();
    });
    await knex.schema.createTable('sim_market', (t) => {
      t.smallint('id').primary();
      t.timestamp('anchor', { useTz: true }).notNullable();
    });
    await knex.raw(`alter table sim_market add constraint sim_market_single_row check (id = 1)`);
    await knex.schema.createTable('sim_accounts', (t) => {
      t.text('login').primary();
      t.text('name').notNullable();
      t.text('email');
      t.boolean('swap_free').notNullable();
      t.text('group_name').notNullable();
      t.integer('leverage').notNullable();
      t.boolean('trading_enabled').notNullable();
      t.decimal('balance', 20, 2).notNullable();
    });
    await knex.schema.createTable('sim_positions', (t) => {
      t.bigInteger('position_id').primary();
      t.text('login').notNullable().references('login').inTable('sim_accounts');
      t.text('symbol').notNullable();
      t.text('side').notNullable();
      t.specificType('volume', 'numeric').notNullable();
      t.specificType('open_price', 'numeric').notNullable();
      t.timestamp('opened_at', { useTz: true }).notNullable();
      t.specificType('stop_loss', 'numeric');
      t.specificType('take_profit', 'numeric');
      t.decimal('swap', 20, 2).notNullable();
      t.index(['login']);
    });
    await knex.raw(`alter table sim_positions add constraint sim_positions_side_check check (side in ('buy', 'sell'))`);
    await knex.schema.createTable('sim_deals', (t) => {
      t.bigInteger('ticket').primary();
      t.text('login').notNullable().references('login').inTable('sim_accounts');
      t.timestamp('time', { useTz: true }).notNullable();
      t.text('kind').notNullable();
      t.text('entry');
      t.text('reason').notNullable();
      t.text('symbol');
      t.text('position_id');
      t.specificType('volume', 'numeric').notNullable();
      t.specificType('price', 'numeric').notNullable();
      t.decimal('profit', 20, 2).notNullable();
      t.decimal('swap', 20, 2).notNullable();
      t.decimal('commission', 20, 2).notNullable();
      t.text('comment').notNullable();
      t.index(['login', 'ticket']);
      t.index(['login', 'time']);
    });
    await knex.schema.createTable('sim_balance_operations', (t) => {
      t.text('client_operation_id').primary();
      t.text('login').notNullable().references('login').inTable('sim_accounts');
      t.text('kind').notNullable();
      t.decimal('amount', 20, 2).notNullable();
      t.bigInteger('deal_ticket').notNullable();
    });
    await knex.schema.createTable('sim_rollovers', (t) => {
      t.text('login').notNullable().references('login').inTable('sim_accounts');
      t.timestamp('at', { useTz: true }).notNullable();
      t.primary(['login', 'at']);
    });
    // Installs that ran the in-memory simulator already gave out logins that challenges still name;
    // the sequence starts above them so no later account takes one of those logins.
    await knex.raw(`
      insert into sim_counters (name, next_value)
      select 'login', max(login::numeric)::bigint from (
        select account_login as login from challenges
        union all select account_login from fulfilment_claims
        union all select login from platform_deals
      ) used
      where login ~ '^[0-9]{1,18}$'
      having max(login::numeric) is not null`);
  },
  async down(knex: Knex) {
    for (const table of ['sim_rollovers', 'sim_balance_operations', 'sim_deals', 'sim_positions', 'sim_accounts', 'sim_market', 'sim_counters']) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
