import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/** Catalog, gateways, prohibited countries, orders and their fulfilment claims, trials. */
export const commerce: Migration = {
  name: '0003_commerce',
  async up(knex: Knex) {
    // Which seed steps have run: data an admin later deletes is not seeded again.
    await knex.schema.createTable('seed_runs', (t) => {
      t.text('name').primary();
      t.timestamp('applied_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('challenge_models', (t) => {
      t.text('id').primary();
      t.text('name').notNullable();
      t.integer('model_version').notNullable();
      t.string('currency', 3).notNullable();
      t.jsonb('parameters').notNullable();
      t.jsonb('sizes').notNullable();
      // Catalog order: models are listed in the order they were added.
      t.specificType('position', 'serial');
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
    });
    await knex.schema.createTable('challenge_model_versions', (t) => {
      t.text('model_id').notNullable().references('challenge_models.id').onDelete('CASCADE');
      t.integer('model_version').notNullable();
      t.text('name').notNullable();
      t.jsonb('parameters').notNullable();
      t.jsonb('sizes').notNullable();
      t.timestamp('recorded_at', { useTz: true }).notNullable();
      t.primary(['model_id', 'model_version']);
    });
    await knex.schema.createTable('payment_gateways', (t) => {
      t.text('id').primary();
      t.text('display_name').notNullable();
      t.text('kind').notNullable();
      t.boolean('enabled').notNullable();
      t.jsonb('allowed_countries');
      t.jsonb('blocked_countries').notNullable();
      t.text('availability_time_zone');
      t.string('availability_opens', 5);
      t.string('availability_closes', 5);
      t.decimal('fee_percent', 20, 8).notNullable();
      t.decimal('fee_fixed', 20, 2).notNullable();
      t.string('fee_currency', 3).notNullable();
      t.integer('position').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
    });
    await knex.raw(`alter table payment_gateways add constraint payment_gateways_window_check check (
      (availability_time_zone is null) = (availability_opens is null) and (availability_opens is null) = (availability_closes is null))`);
    await knex.schema.createTable('prohibited_countries', (t) => {
      t.string('code', 2).primary();
      t.text('name').notNullable();
      t.text('reason').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.raw(`alter table prohibited_countries add constraint prohibited_countries_reason_check check (reason in ('sanctions', 'regulatory'))`);
    await knex.schema.createTable('orders', (t) => {
      t.text('id').primary();
      t.text('buyer_id').notNullable().references('users.id');
      t.string('buyer_country', 2).notNullable();
      t.text('model_id').notNullable();
      t.integer('model_version').notNullable();
      t.decimal('account_size', 20, 2).notNullable();
      t.boolean('swap_free').notNullable();
      t.text('reset_of_challenge_id');
      t.decimal('reset_discount', 20, 8);
      t.text('gateway_id').notNullable();
      t.string('currency', 3).notNullable();
      t.decimal('list_price', 20, 2).notNullable();
      t.decimal('price', 20, 2).notNullable();
      t.decimal('gateway_fee', 20, 2).notNullable();
      t.decimal('total', 20, 2).notNullable();
      t.text('status').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.text('provider_payment_id');
      t.decimal('paid_amount', 20, 2);
      t.timestamp('paid_at', { useTz: true });
      t.text('challenge_id');
      t.timestamp('fulfilled_at', { useTz: true });
      t.text('cancellation_reason');
      t.timestamp('cancelled_at', { useTz: true });
      t.text('refund_kind');
      t.text('provider_refund_id');
      t.timestamp('refunded_at', { useTz: true });
      t.text('checkout_reference');
      t.timestamp('checkout_created_at', { useTz: true });
      t.integer('version').notNullable();
      t.index(['buyer_id', 'created_at', 'id'], 'orders_buyer_idx');
    });
    await knex.raw(`alter table orders add constraint orders_status_check check (status in ('pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'))`);
    // One provider payment pays one order; a checkout belongs to one order.
    await knex.raw(`create unique index orders_payment_unique on orders (gateway_id, provider_payment_id) where provider_payment_id is not null`);
    await knex.raw(`create index orders_checkout_idx on orders (gateway_id, checkout_reference) where checkout_reference is not null`);
    await knex.schema.createTable('fulfilment_claims', (t) => {
      t.text('key').primary();
      t.text('challenge_id').notNullable();
      t.timestamp('claimed_at', { useTz: true }).notNullable();
      t.timestamp('lease_until', { useTz: true }).notNullable();
      t.text('account_login');
      t.text('account_group');
      t.text('account_password');
      t.text('account_investor_password');
      t.timestamp('account_created_at', { useTz: true });
      t.timestamp('completed_at', { useTz: true });
      t.text('outcome');
    });
    await knex.raw(`alter table fulfilment_claims add constraint fulfilment_claims_outcome_check check (outcome is null or outcome in ('fulfilled', 'orphaned'))`);
    await knex.schema.createTable('saved_payment_methods', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().references('users.id');
      t.text('gateway_id').notNullable();
      t.text('customer_ref').notNullable();
      t.text('payment_method_ref').notNullable();
      t.text('fingerprint');
      t.timestamp('saved_at', { useTz: true }).notNullable();
      t.unique(['gateway_id', 'payment_method_ref']);
    });
    await knex.schema.createTable('trials', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().references('users.id');
      t.text('model_id').notNullable();
      t.integer('model_version').notNullable();
      t.decimal('account_size', 20, 2).notNullable();
      t.boolean('swap_free').notNullable();
      t.string('currency', 3).notNullable();
      t.decimal('price', 20, 2).notNullable();
      t.text('payment_method_id').notNullable().references('saved_payment_methods.id');
      t.timestamp('started_at', { useTz: true }).notNullable();
      t.timestamp('ends_at', { useTz: true }).notNullable();
      t.timestamp('reminder_due_at', { useTz: true }).notNullable();
      t.timestamp('reminder_sent_at', { useTz: true });
      t.jsonb('retry_days_after_end').notNullable();
      t.text('status').notNullable();
      t.jsonb('attempts').notNullable();
      t.timestamp('cancelled_at', { useTz: true });
      t.text('cancelled_by');
      t.timestamp('closed_at', { useTz: true });
      // Derived from the schedule on every save, so due trials are found by index.
      t.timestamp('next_charge_at', { useTz: true });
      t.text('conversion_order_id').references('orders.id');
      t.text('pending_charge_payment_id');
      t.integer('version').notNullable();
      // One free trial per trader.
      t.unique(['trader_id'], { indexName: 'trials_trader_unique' });
      t.index(['status', 'next_charge_at'], 'trials_charge_due_idx');
      t.index(['status', 'reminder_due_at'], 'trials_reminder_due_idx');
    });
    await knex.raw(`alter table trials add constraint trials_status_check check (status in ('active', 'cancelled', 'converted', 'expired'))`);
    await knex.raw(`create unique index trials_conversion_order_unique on trials (conversion_order_id) where conversion_order_id is not null`);
    await knex.schema.createTable('trial_checkouts', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().references('users.id');
      t.text('model_id').notNullable();
      t.integer('model_version').notNullable();
      t.decimal('account_size', 20, 2).notNullable();
      t.boolean('swap_free').notNullable();
      t.text('gateway_id').notNullable();
      t.text('provider_reference');
      t.text('status').notNullable();
      t.text('trial_id').references('trials.id');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('completed_at', { useTz: true });
      t.index(['gateway_id', 'provider_reference'], 'trial_checkouts_reference_idx');
    });
    await knex.raw(`alter table trial_checkouts add constraint trial_checkouts_status_check check (status in ('pending', 'completed'))`);
  },
  async down(knex: Knex) {
    for (const table of [
      'trial_checkouts',
      'trials',
      'saved_payment_methods',
      'fulfilment_claims',
      'orders',
      'prohibited_countries',
      'payment_gateways',
      'challenge_model_versions',
      'challenge_models',
      'seed_runs',
    ]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
