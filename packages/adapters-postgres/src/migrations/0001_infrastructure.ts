import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/** Tables every use case relies on: outbox, idempotency, webhook de-duplication, audit log, job claims, live workers. */
export const infrastructure: Migration = {
  name: '0001_infrastructure',
  async up(knex: Knex) {
    await knex.schema.createTable('outbox', (t) => {
      t.bigIncrements('id').primary();
      t.text('topic').notNullable();
      t.text('aggregate_type');
      t.text('aggregate_id');
      t.jsonb('payload').notNullable();
      t.timestamp('occurred_at', { useTz: true }).notNullable();
      t.timestamp('available_at', { useTz: true }).notNullable();
      t.text('status').notNullable().defaultTo('pending');
      t.integer('attempts').notNullable().defaultTo(0);
      t.text('last_error');
      t.text('claimed_by');
      t.timestamp('claimed_until', { useTz: true });
      t.timestamp('delivered_at', { useTz: true });
      t.index(['status', 'available_at'], 'outbox_due_idx');
    });
    await knex.schema.createTable('idempotency_keys', (t) => {
      t.text('scope').notNullable();
      t.text('key').notNullable();
      t.text('request_hash').notNullable();
      t.integer('response_status');
      t.jsonb('response_body');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.primary(['scope', 'key']);
    });
    await knex.schema.createTable('processed_webhook_events', (t) => {
      t.text('provider').notNullable();
      t.text('event_id').notNullable();
      t.text('event_type').notNullable();
      t.timestamp('received_at', { useTz: true }).notNullable();
      t.primary(['provider', 'event_id']);
    });
    await knex.schema.createTable('audit_log', (t) => {
      t.bigIncrements('id').primary();
      t.timestamp('at', { useTz: true }).notNullable();
      t.text('actor_id');
      t.text('actor_role').notNullable();
      t.text('action').notNullable();
      t.text('subject_type').notNullable();
      t.text('subject_id').notNullable();
      t.jsonb('details').notNullable();
      t.index(['subject_type', 'subject_id'], 'audit_log_subject_idx');
    });
    await knex.schema.createTable('job_runs', (t) => {
      t.text('job').notNullable();
      t.timestamp('due_at', { useTz: true }).notNullable();
      t.text('claimed_by').notNullable();
      t.timestamp('claimed_at', { useTz: true }).notNullable();
      t.timestamp('finished_at', { useTz: true });
      t.text('outcome');
      t.primary(['job', 'due_at']);
    });
    await knex.schema.createTable('workers', (t) => {
      t.text('id').primary();
      t.timestamp('started_at', { useTz: true }).notNullable();
      t.timestamp('last_seen_at', { useTz: true }).notNullable();
    });
  },
  async down(knex: Knex) {
    for (const table of ['workers', 'job_runs', 'audit_log', 'processed_webhook_events', 'idempotency_keys', 'outbox']) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
