import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const OWNER_KINDS = ['challenge_phase', 'funded_account', 'competition_entry'];
const STATUSES = ['active', 'breached', 'closed'];
const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * One storage for every watched login (docs/rules.md §4): the trading
 * account's state, its day-start snapshots and its breach verdicts, keyed by
 * the login whatever the account belongs to (a challenge phase, a funded
 * account, a competition entry).
 */
export const tradingAccounts: Migration = {
  name: '0013_trading_accounts',
  async up(knex: Knex) {
    await knex.schema.createTable('trading_accounts', (t) => {
      t.text('login').primary();
      t.text('trader_id').notNullable().references('users.id');
      t.text('owner_kind').notNullable();
      t.text('owner_id').notNullable();
      // The owner's whole reference as the domain names it (a challenge phase adds phase and attempt).
      t.jsonb('owner').notNullable();
      t.text('status').notNullable();
      t.text('model_id').notNullable();
      t.integer('model_version').notNullable();
      t.text('currency').notNullable();
      t.decimal('initial_balance', 20, 2).notNullable();
      t.jsonb('rules').notNullable();
      t.jsonb('drawdown').notNullable();
      t.timestamp('last_balance_operation_at', { useTz: true });
      t.jsonb('open_positions').notNullable();
      t.timestamp('last_trade_at', { useTz: true });
      t.timestamp('breached_at', { useTz: true });
      t.jsonb('overrides').notNullable();
      t.timestamp('opened_at', { useTz: true }).notNullable();
      t.timestamp('closed_at', { useTz: true });
      t.text('close_cause');
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
      t.index(['owner_kind', 'owner_id', 'opened_at']);
      t.index(['trader_id']);
      t.index(['status', 'login']);
    });
    await knex.raw(`alter table trading_accounts add constraint trading_accounts_owner_kind_check check (owner_kind in (${list(OWNER_KINDS)}))`);
    await knex.raw(`alter table trading_accounts add constraint trading_accounts_status_check check (status in (${list(STATUSES)}))`);

    // Written only by the set-based snapshot, which selects its logins from trading_accounts in the
    // same statement: a foreign key would only repeat that check, row by row, at every reset.
    await knex.schema.createTable('trading_account_day_starts', (t) => {
      t.text('login').notNullable();
      t.date('trading_day').notNullable();
      t.decimal('balance', 20, 2).notNullable();
      t.decimal('equity', 20, 2).notNullable();
      // When the figures were observed; null when none were and the account's own last figures were taken.
      t.timestamp('observed_at', { useTz: true });
      t.timestamp('taken_at', { useTz: true }).notNullable();
      t.primary(['login', 'trading_day']);
      t.index(['trading_day', 'login']);
    });

    await knex.schema.createTable('trading_account_verdicts', (t) => {
      t.text('id').primary();
      t.text('login').notNullable().references('trading_accounts.login').onDelete('CASCADE');
      t.text('owner_kind').notNullable();
      t.text('owner_id').notNullable();
      t.jsonb('owner').notNullable();
      t.text('rule').notNullable();
      t.timestamp('breached_at', { useTz: true }).notNullable();
      t.jsonb('breach').notNullable();
      t.jsonb('inputs').notNullable();
      t.text('input_hash').notNullable();
      t.timestamp('recorded_at', { useTz: true }).notNullable();
      t.unique(['login', 'input_hash']);
      t.index(['owner_kind', 'owner_id', 'breached_at']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTableIfExists('trading_account_verdicts');
    await knex.schema.dropTableIfExists('trading_account_day_starts');
    await knex.schema.dropTableIfExists('trading_accounts');
  },
};
