import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * Scheduled job runs become leases with retries: a run is `running` while its
 * holder renews `lease_expires_at`, and a run whose lease expired or that
 * failed is claimed again (`attempts`, `next_attempt_at`, `last_error`).
 *
 * Existing rows: `succeeded` stay so; `failed` ones become retryable at once
 * (the scheduler retries them if their job is safe to repeat and they are
 * inside its catch-up window, and closes the others); unfinished ones (their
 * worker died) get a lease that expired ten minutes after their claim.
 */
export const jobLeases: Migration = {
  name: '0011_job_leases',
  async up(knex: Knex) {
    await knex.schema.alterTable('job_runs', (t) => {
      t.text('status').notNullable().defaultTo('running');
      t.integer('attempts').notNullable().defaultTo(1);
      t.timestamp('lease_expires_at', { useTz: true });
      t.timestamp('next_attempt_at', { useTz: true });
      t.text('last_error');
    });
    await knex.raw(`
      update job_runs set
        status = case when outcome in ('succeeded', 'failed') then outcome else 'running' end,
        lease_expires_at = case when outcome is null then claimed_at + interval '10 minutes' end,
        next_attempt_at = case when outcome = 'failed' then coalesce(finished_at, claimed_at) end,
        last_error = case when outcome = 'failed' then 'failed before retries were recorded' end`);
    await knex.schema.alterTable('job_runs', (t) => {
      t.dropColumn('outcome');
    });
    await knex.raw(`alter table job_runs add constraint job_runs_status_check
      check (status in ('running', 'succeeded', 'failed', 'abandoned', 'superseded'))`);
    // What a scheduler pass reads: the unfinished runs of its jobs.
    await knex.raw(`create index job_runs_unfinished_idx on job_runs (job, due_at) where status in ('running', 'failed')`);
  },
  async down(knex: Knex) {
    await knex.raw('drop index if exists job_runs_unfinished_idx');
    await knex.raw('alter table job_runs drop constraint if exists job_runs_status_check');
    await knex.schema.alterTable('job_runs', (t) => {
      t.text('outcome');
    });
    await knex.raw(`update job_runs set outcome = case when status in ('succeeded', 'failed') then status
                                                      when status in ('abandoned', 'superseded') then 'failed' end`);
    await knex.schema.alterTable('job_runs', (t) => {
      t.dropColumn('status');
      t.dropColumn('attempts');
      t.dropColumn('lease_expires_at');
      t.dropColumn('next_attempt_at');
      t.dropColumn('last_error');
    });
  },
};
