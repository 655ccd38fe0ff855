import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * Where each sign-in, session refresh and API trade came from (docs/rules.md
 * §15): the client address, the web app's device id and the user agent.
 * Append-only evidence; `id` grows with each entry and orders the log. The
 * prohibited-strategy checks look entries up by user, by address and by
 * device, newest first.
 */
export const clientActivity: Migration = {
  name: '0023_client_activity',
  async up(knex: Knex) {
    await knex.schema.createTable('client_activity', (t) => {
      t.bigIncrements('id').primary();
      t.text('user_id').notNullable().references('users.id').onDelete('CASCADE');
      t.text('kind').notNullable();
      t.text('login');
      t.text('ip');
      t.string('device_id', 128);
      t.string('user_agent', 256);
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['user_id', 'id'], 'client_activity_user_idx');
      t.index(['ip', 'id'], 'client_activity_ip_idx');
      t.index(['device_id', 'id'], 'client_activity_device_idx');
    });
    await knex.raw(`ALTER TABLE client_activity ADD CONSTRAINT client_activity_kind_check CHECK (kind IN ('sign_in', 'refresh', 'trade'))`);
    // Only a trade names a trading account.
    await knex.raw(`ALTER TABLE client_activity ADD CONSTRAINT client_activity_login_check CHECK ((kind = 'trade') = (login IS NOT NULL))`);
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('client_activity');
  },
};
