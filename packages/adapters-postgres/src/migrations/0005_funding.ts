import type { Knex } from 'knex';
import type { Migration } from './migration.js';

const money = (t: Knex.CreateTableBuilder, column: string) => t.decimal(column, 20, 2).notNullable();
const instant = (t: Knex.CreateTableBuilder, column: string) => t.timestamp(column, { useTz: true });

/** KYC cases, agreements and signatures, funded accounts with their payouts, scaling and feed state, certificates. */
export const funding: Migration = {
  name: '0005_funding',
  async up(knex: Knex) {
    await knex.schema.createTable('kyc_cases', (t) => {
      t.text('id').primary();
      // One case per trader: a retry rejection reopens it, a final one closes it for good.
      t.text('trader_id').notNullable().unique().references('users.id');
      t.text('provider').notNullable();
      t.text('applicant_id');
      t.string('country', 2);
      t.text('status').notNullable();
      t.text('document_type');
      t.string('document_country', 2);
      // Keyed hex digest only; the number itself never reaches the database.
      t.text('document_number_hash');
      t.jsonb('rejection');
      t.integer('attempt').notNullable();
      instant(t, 'opened_at').notNullable();
      instant(t, 'updated_at').notNullable();
      instant(t, 'approved_at');
      t.text('approved_by');
      t.integer('version').notNullable();
      t.unique(['provider', 'applicant_id'], { indexName: 'kyc_cases_applicant_unique' });
      t.index(['status', 'updated_at', 'id'], 'kyc_cases_status_idx');
      t.index(['document_number_hash'], 'kyc_cases_document_idx');
    });
    await knex.raw(
      `alter table kyc_cases add constraint kyc_cases_status_check check (status in ('pending', 'in_progress', 'approved', 'rejected'))`,
    );
    await knex.raw(
      `alter table kyc_cases add constraint kyc_cases_document_hash_check check (document_number_hash is null or document_number_hash ~ '^[0-9a-f]{32,128}$')`,
    );

    await knex.schema.createTable('agreement_versions', (t) => {
      t.text('agreement_id').notNullable();
      t.text('version').notNullable();
      t.text('text').notNullable();
      t.text('text_hash').notNullable();
      instant(t, 'published_at').notNullable();
      t.primary(['agreement_id', 'version']);
      t.index(['agreement_id', 'published_at'], 'agreement_versions_latest_idx');
    });

    await knex.schema.createTable('agreement_signatures', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().references('users.id');
      t.text('agreement_id').notNullable();
      t.text('agreement_version').notNullable();
      t.text('text_hash').notNullable();
      t.text('typed_name').notNullable();
      t.text('ip_address').notNullable();
      t.text('user_agent').notNullable();
      instant(t, 'signed_at').notNullable();
      t.binary('signed_pdf').notNullable();
      t.integer('version').notNullable();
      t.foreign(['agreement_id', 'agreement_version']).references(['agreement_id', 'version']).inTable('agreement_versions');
      t.index(['trader_id', 'agreement_id', 'signed_at'], 'agreement_signatures_trader_idx');
    });

    await knex.schema.createTable('funded_accounts', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().references('users.id');
      t.text('challenge_id').notNullable().unique().references('challenges.id');
      t.text('model_id').notNullable();
      t.text('trading_account_id').notNullable().unique();
      t.string('currency', 3).notNullable();
      money(t, 'initial_balance');
      money(t, 'original_allocation');
      money(t, 'balance');
      t.jsonb('open_position_ids').notNullable();
      t.decimal('split', 7, 4).notNullable();
      t.integer('first_payout_days').notNullable();
      t.integer('cycle_days').notNullable();
      t.integer('fee_refund_on_payout_number');
      money(t, 'challenge_fee');
      t.integer('guarantee_hours').notNullable();
      money(t, 'guarantee_compensation');
      t.text('status').notNullable();
      instant(t, 'opened_at').notNullable();
      t.jsonb('breach');
      t.text('kyc_case_id').notNullable().references('kyc_cases.id');
      t.text('agreement_signature_id').notNullable().references('agreement_signatures.id');
      t.text('agreement_version').notNullable();
      t.jsonb('monthly_profits').notNullable();
      t.jsonb('scalings').notNullable();
      t.integer('version').notNullable();
      t.index(['trader_id'], 'funded_accounts_trader_idx');
      t.index(['status', 'id'], 'funded_accounts_status_idx');
    });
    await knex.raw(`alter table funded_accounts add constraint funded_accounts_status_check check (status in ('active', 'breached'))`);

    await knex.schema.createTable('payouts', (t) => {
      t.text('id').primary();
      t.text('funded_account_id').notNullable().references('funded_accounts.id');
      t.text('trader_id').notNullable().references('users.id');
      // Order inside the account (the aggregate's list order).
      t.integer('position').notNullable();
      t.integer('number').notNullable();
      t.text('status').notNullable();
      money(t, 'profit');
      t.decimal('split', 7, 4).notNullable();
      money(t, 'trader_share');
      money(t, 'fee_refund');
      money(t, 'compensation');
      instant(t, 'requested_at').notNullable();
      t.text('requested_by').notNullable();
      instant(t, 'deadline').notNullable();
      instant(t, 'approved_at');
      t.text('approved_by');
      instant(t, 'paid_at');
      t.text('paid_by');
      t.text('payment_reference');
      instant(t, 'rejected_at');
      t.text('rejected_by');
      t.text('rejection_reason');
      t.unique(['funded_account_id', 'position'], { indexName: 'payouts_account_position_unique' });
      t.index(['trader_id', 'requested_at'], 'payouts_trader_idx');
      t.index(['status', 'requested_at'], 'payouts_status_idx');
      t.index(['status', 'deadline'], 'payouts_deadline_idx');
    });
    await knex.raw(`alter table payouts add constraint payouts_status_check check (status in ('requested', 'approved', 'paid', 'rejected'))`);
    // Paid at most once is the aggregate's rule; the row says the same.
    await knex.raw(
      `alter table payouts add constraint payouts_paid_check check ((status = 'paid') = (paid_at is not null and payment_reference is not null))`,
    );

    await knex.schema.createTable('payout_compensations', (t) => {
      t.text('payout_id').primary().references('payouts.id');
      t.text('funded_account_id').notNullable().references('funded_accounts.id');
      t.text('trader_id').notNullable().references('users.id');
      t.string('currency', 3).notNullable();
      money(t, 'amount');
      t.text('cause').notNullable();
      instant(t, 'granted_at').notNullable();
    });

    await knex.schema.createTable('funded_activations', (t) => {
      t.text('challenge_id').primary().references('challenges.id');
      t.text('funded_account_id').notNullable().unique();
      t.text('trader_id').notNullable().references('users.id');
      t.text('login');
      t.text('account_group');
      // Kept only until the trader has been sent them.
      t.text('password');
      t.text('investor_password');
      instant(t, 'lease_until').notNullable();
      instant(t, 'created_at').notNullable();
      instant(t, 'completed_at');
    });

    await knex.schema.createTable('funded_balance_operations', (t) => {
      t.text('client_operation_id').primary();
      t.text('funded_account_id').notNullable().references('funded_accounts.id');
      t.text('login').notNullable();
      t.text('kind').notNullable();
      money(t, 'amount');
      t.text('deal_id').notNullable();
      instant(t, 'booked_at').notNullable();
      t.index(['funded_account_id'], 'funded_balance_operations_account_idx');
    });

    await knex.schema.createTable('funded_deal_cursors', (t) => {
      t.text('funded_account_id').primary().references('funded_accounts.id');
      t.text('last_deal_id');
      t.jsonb('positions').notNullable();
      instant(t, 'updated_at').notNullable();
    });

    await knex.schema.createTable('trader_certificates', (t) => {
      t.text('id').primary();
      t.text('trader_id').notNullable().unique().references('users.id');
      t.integer('version').notNullable();
    });
    await knex.schema.createTable('certificates', (t) => {
      t.text('id').primary();
      t.text('trader_certificates_id').notNullable().references('trader_certificates.id');
      t.text('trader_id').notNullable().references('users.id');
      t.integer('position').notNullable();
      t.text('kind').notNullable();
      t.text('title').notNullable();
      t.text('trader_name').notNullable();
      instant(t, 'awarded_at').notNullable();
      t.binary('pdf');
      // Each kind once per trader (section 12).
      t.unique(['trader_id', 'kind'], { indexName: 'certificates_trader_kind_unique' });
    });
  },
  async down(knex: Knex) {
    for (const table of [
      'certificates',
      'trader_certificates',
      'funded_deal_cursors',
      'funded_balance_operations',
      'funded_activations',
      'payout_compensations',
      'payouts',
      'funded_accounts',
      'agreement_signatures',
      'agreement_versions',
      'kyc_cases',
    ]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};
