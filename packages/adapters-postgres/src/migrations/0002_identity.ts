import type { Knex } from 'knex';
import type { Migration } from './migration.js';

export const identity: Migration = {
  name: '0002_identity',
  async up(knex: Knex) {
    await knex.schema.createTable('users', (t) => {
      t.text('id').primary();
      t.text('email').notNullable().unique();
      t.text('password_hash').notNullable();
      t.text('role').notNullable();
      t.string('country', 2).notNullable();
      t.text('display_name');
      t.boolean('leaderboard_opt_in').notNullable().defaultTo(false);
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('password_changed_at', { useTz: true }).notNullable();
      t.integer('version').notNullable();
    });
    await knex.raw(`alter table users add constraint users_role_check check (role in ('trader', 'admin'))`);
    await knex.schema.createTable('refresh_tokens', (t) => {
      t.text('id').primary();
      t.text('user_id').notNullable().references('users.id').onDelete('CASCADE');
      t.text('family_id').notNullable().index();
      t.text('token_hash').notNullable().unique();
      t.timestamp('issued_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('used_at', { useTz: true });
      t.timestamp('revoked_at', { useTz: true });
      t.index(['user_id']);
    });
    await knex.schema.createTable('password_resets', (t) => {
      t.text('token_hash').primary();
      t.text('user_id').notNullable().references('users.id').onDelete('CASCADE');
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('used_at', { useTz: true });
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTableIfExists('password_resets');
    await knex.schema.dropTableIfExists('refresh_tokens');
    await knex.schema.dropTableIfExists('users');
  },
};
