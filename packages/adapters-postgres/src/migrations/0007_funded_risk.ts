import { Decimal, RuleSnapshot, drawdownStateToData, maxDecimal, openDrawdownState, type RuleSnapshotData } from '@tradesense/domain';
import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const instant = (t: Knex.CreateTableBuilder | Knex.AlterTableBuilder, column: string) => t.timestamp(column, { useTz: true });

interface LegacyFundedRow {
  id: string;
  rules: RuleSnapshotData;
  initial_balance: string;
  balance: string;
  opened_at: Date;
}

/**
 * Funded accounts under the real-time breach engine: each account carries
 * the passed challenge's frozen rules and its own drawdown state; the day
 * rollover snapshots funded accounts as it does challenges; a breach keeps
 * its verdict inputs for replay.
 */
export const fundedRisk: Migration = {
  name: '0007_funded_risk',
  async up(knex: Knex) {
    await knex.schema.alterTable('funded_accounts', (t) => {
      t.jsonb('rules');
      t.jsonb('drawdown');
      instant(t, 'last_balance_operation_at');
    });
    // The challenge's frozen rules, measured against the account's current allocation.
    await knex.raw(
      `update funded_accounts f
          set rules = jsonb_set(c.rules, '{initialBalance}', to_jsonb(f.initial_balance::text))
         from challenges c
        where c.id = f.challenge_id`,
    );
    // Accounts funded before the engine watched them start from their recorded balance, in the
    // trading day they opened in; the first observation or rollover brings them to today.
    const legacy = (await knex('funded_accounts').select('id', 'rules', 'initial_balance', 'balance', 'opened_at')) as LegacyFundedRow[];
    for (const row of legacy) {
      const rules = RuleSnapshot.restore(row.rules);
      const balance = new Decimal(row.balance);
      const high = maxDecimal(new Decimal(row.initial_balance), balance);
      const state = {
        ...openDrawdownState(rules, row.opened_at),
        dayStartBalance: balance,
        dayStartEquity: balance,
        lastBalance: balance,
        lastEquity: balance,
        highestEquity: high,
        highestEodBalance: high,
      };
      await knex('funded_accounts').where({ id: row.id }).update({ drawdown: JSON.stringify(drawdownStateToData(state)) });
    }
    await knex.raw('alter table funded_accounts alter column rules set not null');
    await knex.raw('alter table funded_accounts alter column drawdown set not null');

    await knex.schema.createTable('funded_day_start_snapshots', (t) => {
      t.text('login').notNullable();
      t.date('trading_day').notNullable();
      t.text('funded_account_id').notNullable().references('funded_accounts.id').onDelete('CASCADE');
      t.decimal('balance', 20, 2).notNullable();
      t.decimal('equity', 20, 2).notNullable();
      // When the figures were observed; null when none were and the account's own last figures were taken.
      instant(t, 'observed_at');
      instant(t, 'taken_at').notNullable();
      t.primary(['login', 'trading_day']);
      t.index(['trading_day', 'funded_account_id']);
    });

    await knex.schema.createTable('funded_breach_verdicts', (t) => {
      t.text('id').primary();
      t.text('funded_account_id').notNullable().references('funded_accounts.id').onDelete('CASCADE');
      t.text('login').notNullable();
      t.text('rule').notNullable();
      instant(t, 'breached_at').notNullable();
      t.jsonb('breach').notNullable();
      t.jsonb('inputs').notNullable();
      t.text('input_hash').notNullable();
      instant(t, 'recorded_at').notNullable();
      t.unique(['funded_account_id', 'input_hash']);
    });
  },
  async down(knex: Knex) {
    await knex.schema.dropTableIfExists('funded_breach_verdicts');
    await knex.schema.dropTableIfExists('funded_day_start_snapshots');
    await knex.schema.alterTable('funded_accounts', (t) => {
      t.dropColumn('last_balance_operation_at');
      t.dropColumn('drawdown');
      t.dropColumn('rules');
    });
  },
};
