import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * The economic calendar the news window reads (docs/rules.md §14): one row per
 * scheduled release. `at` is the instant, what windows are measured from;
 * `time_zone` is the zone the publisher announced it in, so the local time
 * can be shown and exported as given. `uid` is the publisher's id, unique, so
 * an import of the same file updates rows instead of adding them again.
 */
export const economicCalendar: Migration = {
  name: '0020_economic_calendar',
  async up(knex: Knex) {
    await knex.schema.createTable('economic_events', (t) => {
      t.text('id').primary();
      t.string('uid', 255).notNullable().unique();
      t.string('title', 200).notNullable();
      t.specificType('currency', 'char(3)').notNullable();
      t.text('impact').notNullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.string('time_zone', 64).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
      // Windows are read by instant, usually for a few currencies.
      t.index(['at', 'currency'], 'economic_events_at_currency_idx');
    });
    await knex.raw(`ALTER TABLE economic_events ADD CONSTRAINT economic_events_impact_check CHECK (impact IN ('low', 'medium', 'high'))`);
    await knex.raw(`ALTER TABLE economic_events ADD CONSTRAINT economic_events_currency_check CHECK (currency ~ '^[A-Z]{3}$')`);
  },
  async down(knex: Knex) {
    await knex.schema.dropTable('economic_events');
  },
};
