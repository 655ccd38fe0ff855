import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * An outbox message remembers the W3C traceparent of the request or job that
 * added it, so its delivery continues the same trace in whichever worker
 * picks it up (docs/operations.md, "Tracing"). Empty when tracing is off.
 */
export const outboxTraceParent: Migration = {
  name: '0015_outbox_trace_parent',
  async up(knex: Knex) {
    await knex.schema.alterTable('outbox', (t) => {
      t.text('trace_parent');
    });
  },
  async down(knex: Knex) {
    await knex.schema.alterTable('outbox', (t) => {
      t.dropColumn('trace_parent');
    });
  },
};
