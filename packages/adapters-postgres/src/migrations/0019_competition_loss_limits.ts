import type { Knex } from 'knex';
import type { Migration } from './migration.js';

/**
 * A competition may run under evaluation-like loss limits (docs/rules.md §7):
 * the daily and max loss in % of the initial balance, both set or both null
 * (no loss limits, every competition created before). Unscaled NUMERIC keeps
 * the percentage exactly as the admin gave it, so the entries' rule
 * snapshots (and their content hashes) come back the same.
 */
export const competitionLossLimits: Migration = {
  name: '0019_competition_loss_limits',
  async up(knex: Knex) {
    await knex.schema.alterTable('competitions', (t) => {
      t.decimal('daily_loss_percent', null);
      t.decimal('max_loss_percent', null);
    });
    // Spelled out with IS NOT NULL: a comparison with a null is unknown, which a CHECK lets through.
    await knex.raw(`
      ALTER TABLE competitions ADD CONSTRAINT competitions_loss_limits_check CHECK (
        (daily_loss_percent IS NULL AND max_loss_percent IS NULL)
        OR (
          daily_loss_percent IS NOT NULL AND max_loss_percent IS NOT NULL
          AND daily_loss_percent > 0 AND daily_loss_percent < 100
          AND max_loss_percent > 0 AND max_loss_percent < 100
        )
      )`);
  },
  async down(knex: Knex) {
    await knex.raw('ALTER TABLE competitions DROP CONSTRAINT competitions_loss_limits_check');
    await knex.schema.alterTable('competitions', (t) => {
      t.dropColumn('daily_loss_percent');
      t.dropColumn('max_loss_percent');
    });
  },
};
