import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const STATUSES = ['pending_payment', 'active', 'pending_kyc', 'funded', 'failed', 'expired', 'cancelled', 'refunded'];

export const challenges: Migration = {
  name: '0004_challenges',
  async up(knex: Knex) {
    await knex.schema.createTable('challenges', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().references('users.id');
      // One challenge per order: a second fulfilment of the same order fails here.
      t.text('order_id').unique();
      t.text('status').notNullable();
      t.integer('phase').notNullable();
      t.boolean('phase_passed').notNullable();
      t.boolean('trial').notNullable();
      t.integer('attempt').notNullable();
      t.boolean('swap_free').notNullable().defaultTo(false);
      // Login of the current phase's trading account.
      t.text('account_login');
      t.text('model_id').notNullable();
      t.integer('model_version').notNullable();
      t.decimal('initial_balance', 20, 2).notNullable();
      t.jsonb('rules').notNullable();
      t.timestamp('phase_started_at', { useTz: true });
      t.jsonb('trading_days').notNullable();
      t.jsonb('open_positions').notNullable();
      t.timestamp('last_trade_at', { useTz: true });
      t.jsonb('drawdown');
      t.jsonb('history').notNullable();
      t.jsonb('overrides').notNullable();
      t.text('funded_account_id');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('activated_at', { useTz: true });
      t.timestamp('ended_at', { useTz: true });
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
      t.index(['trader_id', 'created_at', 'id']);
      t.index(['status', 'id']);
      t.index(['account_login']);
    });
    await knex.raw(
      `alter table challenges add constraint challenges_status_check check (status in (${STATUSES.map((s) => `'${s}'`).join(', ')}))`,
    );

    // Every trading account a challenge ever traded on (each phase, each attempt).
    await knex.schema.createTable('challenge_accounts', (t) => {
      t.text('login').primary();
      t.text('challenge_id').notNullable().references('challenges.id').onDelete('CASCADE');
      t.integer('phase').notNullable();
      t.integer('attempt').notNullable();
      t.timestamp('opened_at', { useTz: true }).notNullable();
      t.index(['challenge_id']);
    });

    // The latest figures known per trading account and the deal feed's cursor:
    // the day-start snapshot reads them in one statement.
    await knex.schema.createTable('account_equity', (t) => {
      t.text('login').primary();
      t.decimal('balance', 20, 2).notNullable();
      t.decimal('equity', 20, 2).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      // Sum of the deals taken in, apart from observed figures: a deal builds on the ledger only.
      t.decimal('ledger_balance', 20, 2).notNullable();
      t.text('last_deal_id');
    });

    await knex.schema.createTable('day_start_snapshots', (t) => {
      t.text('login').notNullable();
      t.date('trading_day').notNullable();
      t.text('challenge_id').notNullable().references('challenges.id').onDelete('CASCADE');
      t.decimal('balance', 20, 2).notNullable();
      t.decimal('equity', 20, 2).notNullable();
      t.timestamp('taken_at', { useTz: true }).notNullable();
      t.primary(['login', 'trading_day']);
      t.index(['trading_day', 'challenge_id']);
    });

    await knex.schema.createTable('platform_deals', (t) => {
      t.bigIncrements('seq').primary();
      t.text('login').notNullable();
      t.text('deal_id').notNullable();
      t.text('challenge_id').notNullable().references('challenges.id').onDelete('CASCADE');
      t.integer('phase').notNullable();
      t.integer('attempt').notNullable();
      t.timestamp('time', { useTz: true }).notNullable();
      t.text('kind').notNullable();
      t.text('entry');
      t.text('reason').notNullable();
      t.text('symbol');
      t.text('position_id');
      t.decimal('volume', 20, 8).notNullable();
      t.decimal('price', 20, 8).notNullable();
      t.decimal('profit', 20, 2).notNullable();
      t.decimal('swap', 20, 2).notNullable();
      t.decimal('commission', 20, 2).notNullable();
      t.text('comment').notNullable();
      t.decimal('balance_after', 20, 2).notNullable();
      t.unique(['login', 'deal_id']);
      t.index(['challenge_id', 'seq']);
      t.index(['login', 'position_id']);
    });

    await knex.schema.createTable('breach_verdicts', (t) => {
      t.text('id').primary();
      t.text('challenge_id').notNullable().references('challenges.id').onDelete('CASCADE');
      t.text('login').notNullable();
      t.integer('phase').notNullable();
      t.integer('attempt').notNullable();
      t.text('rule').notNullable();
      t.timestamp('breached_at', { useTz: true }).notNullable();
      t.jsonb('breach').notNullable();
      t.jsonb('inputs').notNullable();
      t.text('input_hash').notNullable();
      t.timestamp('recorded_at', { useTz: true }).notNullable();
      t.unique(['challenge_id', 'input_hash']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTableIfExists('breach_verdicts');
    await knex.schema.dropTableIfExists('platform_deals');
    await knex.schema.dropTableIfExists('day_start_snapshots');
    await knex.schema.dropTableIfExists('account_equity');
    await knex.schema.dropTableIfExists('challenge_accounts');
    await knex.schema.dropTableIfExists('challenges');
  },
};
