import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * What keeps a retried or concurrent request safe across processes and
 * crashes (docs/api.md, "Idempotency"):
 * - an Idempotency-Key claim has a lease and an attempt token, so a claim
 *   whose process died can be taken over, and only its holder completes it;
 * - an order remembers the key it was placed with and the checkout it was
 *   given, so a taken-over retry finds them instead of placing a second order;
 * - sign-in attempts are counted in the database, so the limit holds across
 *   every API process.
 */
export const requestSafety: Migration = {
  name: '0012_request_safety',
  async up(knex: Knex) {
    await knex.schema.alterTable('idempotency_keys', (t) => {
      t.text('attempt');
      t.timestamp('lease_expires_at', { useTz: true });
    });
    // Claims left by an earlier version never finish: they expire at once.
    await knex('idempotency_keys').whereNull('response_status').update({ lease_expires_at: knex.ref('created_at') });
    await knex.schema.alterTable('orders', (t) => {
      t.text('request_key');
      t.text('checkout_redirect_url');
      t.jsonb('checkout_client_parameters');
    });
    await knex.raw('create unique index orders_buyer_request_key on orders (buyer_id, request_key) where request_key is not null');
    await knex.schema.createTable('rate_limit_windows', (t) => {
      t.text('key').notNullable();
      t.timestamp('window_start', { useTz: true }).notNullable();
      t.integer('hits').notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.primary(['key', 'window_start']);
      t.index(['expires_at']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTableIfExists('rate_limit_windows');
    await knex.raw('drop index if exists orders_buyer_request_key');
    await knex.schema.alterTable('orders', (t) => {
      t.dropColumn('checkout_client_parameters');
      t.dropColumn('checkout_redirect_url');
      t.dropColumn('request_key');
    });
    await knex.schema.alterTable('idempotency_keys', (t) => {
      t.dropColumn('lease_expires_at');
      t.dropColumn('attempt');
    });
  },
};
