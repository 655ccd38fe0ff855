import type { Knex } from 'knex';
import { infrastructure } from './0001_infrastructure.js';
import { identity } from './0002_identity.js';
import { commerce } from './0003_commerce.js';
import { challenges } from './0004_challenges.js';
import { funding } from './0005_funding.js';
import { community } from './0006_community.js';
import { fundedRisk } from './0007_funded_risk.js';
import { orderCharge } from './0008_order_charge.js';
import { fundedBreachOverrides } from './0009_funded_breach_overrides.js';
import { simulatedTradingServer } from './0010_simulated_trading_server.js';
import { jobLeases } from './0011_job_leases.js';
import { requestSafety } from './0012_request_safety.js';
import { tradingAccounts } from './0013_trading_accounts.js';
import { outboxTraceParent } from './0015_outbox_trace_parent.js';
import { fundedTradingAccountsMoved } from './0016_funded_trading_accounts_moved.js';
import { challengeTradingAccountsMoved } from './0017_challenge_trading_accounts_moved.js';
import { accountDealsOwnerKeyed } from './0018_account_deals_owner_keyed.js';
import { competitionLossLimits } from './0019_competition_loss_limits.js';
import { economicCalendar } from './0020_economic_calendar.js';
import { tradingAccountRestrictionBook } from './0021_trading_account_restriction_book.js';
import { tradingAccountViolations } from './0022_trading_account_violations.js';
import { clientActivity } from './0023_client_activity.js';
import type { Migration } from './migration.js';

/**
 * Every migration, in order. Listing modules instead of scanning a folder
 * keeps names free of file extensions, so the `.ts` sources under vitest and
 * the compiled `.js` in dist record the same rows in knex_migrations.
 */
export const MIGRATIONS: readonly Migration[] = [infrastructure, identity, commerce, challenges, funding, community, fundedRisk, orderCharge, fundedBreachOverrides, simulatedTradingServer, jobLeases, requestSafety, tradingAccounts, outboxTraceParent, fundedTradingAccountsMoved, challengeTradingAccountsMoved, accountDealsOwnerKeyed, competitionLossLimits, economicCalendar, tradingAccountRestrictionBook, tradingAccountViolations, clientActivity];

export class ListedMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: readonly Migration[] = MIGRATIONS) {}

  getMigrations(): Promise<Migration[]> {
    return Promise.resolve([...this.migrations]);
  }

  getMigrationName(migration: Migration): string {
    return migration.name;
  }

  getMigration(migration: Migration): Promise<Knex.Migration> {
    return Promise.resolve({ up: (knex) => migration.up(knex), down: (knex) => migration.down(knex) });
  }
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource: new ListedMigrationSource() })) as [number, string[]];
  return applied;
}
