import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/** Competitions, affiliates and the published global leaderboard. */
export const community: Migration = {
  name: '0006_community',
  async up(knex: Knex) {
    await knex.schema.createTable('competitions', (t) => {
      t.text('id').primary();
      t.text('name').notNullable();
      t.date('registration_opens').notNullable();
      t.date('registration_closes').notNullable();
      t.date('starts').notNullable();
      t.date('ends').notNullable();
      t.string('currency', 3).notNullable();
      t.decimal('initial_balance', 20, 2).notNullable();
      t.integer('max_participants');
      t.decimal('entry_fee', 20, 2).notNullable();
      t.integer('max_daily_trades').notNullable();
      t.decimal('max_lots_forex', 20, 2).notNullable();
      t.decimal('max_lots_indices', 20, 2).notNullable();
      t.decimal('prize_pool', 20, 2).notNullable();
      t.jsonb('prizes').notNullable();
      t.jsonb('awards');
      t.timestamp('awarded_at', { useTz: true });
      t.text('awarded_by');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
      t.index(['starts', 'ends'], 'competitions_dates_idx');
    });
    await knex.schema.createTable('competition_entries', (t) => {
      t.text('id').primary();
      t.text('competition_id').notNullable().references('competitions.id').onDelete('CASCADE');
      t.text('user_id').notNullable().references('users.id');
      t.timestamp('registered_at', { useTz: true }).notNullable();
      t.text('payment_reference');
      t.decimal('equity', 20, 2).notNullable();
      t.timestamp('equity_at', { useTz: true }).notNullable();
      t.timestamp('roi_reached_at', { useTz: true }).notNullable();
      t.text('status').notNullable();
      t.text('disqualification_reason');
      t.text('disqualified_by');
      t.timestamp('disqualified_at', { useTz: true });
      t.date('trading_day');
      t.integer('trades_on_day').notNullable();
      // Registration order, as the aggregate keeps its entries.
      t.integer('position').notNullable();
      t.unique(['competition_id', 'user_id'], { indexName: 'competition_entries_user_unique' });
    });
    await knex.raw(
      `alter table competition_entries add constraint competition_entries_status_check check (status in ('active', 'disqualified'))`,
    );
    await knex.schema.createTable('competition_accounts', (t) => {
      t.text('entry_id').primary().references('competition_entries.id').onDelete('CASCADE');
      t.text('competition_id').notNullable().references('competitions.id').onDelete('CASCADE');
      t.text('user_id').notNullable().references('users.id');
      t.text('login').unique();
      t.text('platform_group');
      t.timestamp('claimed_at', { useTz: true }).notNullable();
      t.timestamp('provisioned_at', { useTz: true });
      t.text('last_deal_id');
      t.timestamp('trading_disabled_at', { useTz: true });
      t.index(['competition_id'], 'competition_accounts_competition_idx');
    });
    await knex.schema.createTable('competition_milestones', (t) => {
      t.text('competition_id').notNullable().references('competitions.id').onDelete('CASCADE');
      t.text('status').notNullable();
      t.timestamp('recorded_at', { useTz: true }).notNullable();
      t.primary(['competition_id', 'status']);
    });

    await knex.schema.createTable('affiliate_tiers', (t) => {
      t.text('id').primary();
      t.text('name').notNullable();
      t.decimal('commission_percent', 20, 8).notNullable();
      t.decimal('monthly_requirement', 20, 2).notNullable();
      t.string('currency', 3).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('affiliates', (t) => {
      t.text('id').primary();
      t.text('user_id').notNullable().unique().references('users.id');
      t.text('email').notNullable();
      // Stored normalised (upper-case Crockford), which makes the code case-insensitive.
      t.text('code').notNullable().unique();
      t.string('currency', 3).notNullable();
      t.text('tier_id').notNullable();
      t.jsonb('tier_history').notNullable();
      t.text('month').notNullable();
      t.decimal('month_earnings', 20, 2).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
      t.index(['month'], 'affiliates_month_idx');
    });
    await knex.schema.createTable('affiliate_clicks', (t) => {
      t.text('token').primary();
      t.text('affiliate_id').notNullable().references('affiliates.id').onDelete('CASCADE');
      t.timestamp('clicked_at', { useTz: true }).notNullable();
      t.index(['affiliate_id'], 'affiliate_clicks_affiliate_idx');
    });
    await knex.schema.createTable('affiliate_referrals', (t) => {
      // One affiliate per referred user, across all affiliates.
      t.text('referred_user_id').primary().references('users.id');
      t.text('affiliate_id').notNullable().references('affiliates.id').onDelete('CASCADE');
      t.timestamp('signed_up_at', { useTz: true }).notNullable();
      t.text('converted_order_id');
      t.integer('position').notNullable();
      t.index(['affiliate_id'], 'affiliate_referrals_affiliate_idx');
    });
    await knex.schema.createTable('affiliate_commissions', (t) => {
      t.text('id').primary();
      t.text('affiliate_id').notNullable().references('affiliates.id').onDelete('CASCADE');
      // One commission per order, whoever would earn it.
      t.text('order_id').notNullable().unique();
      t.text('referred_user_id').notNullable();
      t.decimal('order_amount', 20, 2).notNullable();
      t.text('tier_id').notNullable();
      t.decimal('rate', 20, 8).notNullable();
      t.decimal('amount', 20, 2).notNullable();
      t.text('month').notNullable();
      t.timestamp('earned_at', { useTz: true }).notNullable();
      t.text('reversal_reason');
      t.timestamp('reversed_at', { useTz: true });
      t.integer('position').notNullable();
      t.index(['affiliate_id'], 'affiliate_commissions_affiliate_idx');
    });
    await knex.schema.createTable('known_payment_fingerprints', (t) => {
      t.text('user_id').notNullable().references('users.id');
      t.text('fingerprint').notNullable();
      t.timestamp('first_seen_at', { useTz: true }).notNullable();
      t.primary(['user_id', 'fingerprint']);
    });

    await knex.schema.createTable('global_leaderboard', (t) => {
      t.integer('rank').primary();
      t.text('display_name').notNullable();
      t.decimal('profit_percent', 20, 8).notNullable();
      t.timestamp('refreshed_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('global_leaderboard_refreshes', (t) => {
      t.text('id').primary();
      t.timestamp('refreshed_at', { useTz: true }).notNullable();
    });
  },
  async down(knex: Knex) {
    for (const table of [
      'global_leaderboard_refreshes',
      'global_leaderboard',
      'known_payment_fingerprints',
      'affiliate_commissions',
      'affiliate_referrals',
      'affiliate_clicks',
      'affiliates',
      'affiliate_tiers',
      'competition_milestones',
      'competition_accounts',
      'competition_entries',
      'competitions',
    ]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
