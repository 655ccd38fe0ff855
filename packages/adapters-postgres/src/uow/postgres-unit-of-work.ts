import type { TransactionScope, UnitOfWork } from '@tradesense/application';
import type { Knex } from 'knex';
import { PostgresAuditLog } from '../audit/postgres-audit-log.js';
import { PostgresPasswordResetRepository, PostgresRefreshTokenRepository } from '../identity/postgres-token-repositories.js';
import { PostgresUserRepository } from '../identity/postgres-user-repository.js';
import { PostgresClientActivityLog } from '../identity/postgres-client-activity-log.js';
import { PostgresOutboxWriter } from '../outbox/postgres-outbox.js';
import { PostgresWebhookInbox } from '../webhooks/postgres-webhook-inbox.js';
import { VersionTracker } from './version-tracker.js';
import { withAmbientTransaction } from './ambient-transaction.js';
import { commerceRepositories } from '../commerce/commerce-repositories.js';
import { challengesRepositories } from '../challenges/challenges-repositories.js';
import { fundingRepositories } from '../funding/funding-repositories.js';
import { communityRepositories } from '../community/community-repositories.js';
import { tradingAccountRepositories } from '../trading-accounts/trading-account-repositories.js';
import { PostgresRiskWatchAnnouncer } from '../risk/postgres-risk-watch-signals.js';
import { PostgresEconomicCalendar } from '../economic-calendar/postgres-economic-calendar.js';

/** Builds the scope's repositories over one transaction. */
export function transactionScope(trx: Knex.Transaction): TransactionScope {
  const versions = new VersionTracker();
  const riskWatch = new PostgresRiskWatchAnnouncer(trx);
  return {
    outbox: new PostgresOutboxWriter(trx),
    audit: new PostgresAuditLog(trx),
    webhookInbox: new PostgresWebhookInbox(trx),
    riskWatch,
    users: new PostgresUserRepository(trx, versions),
    refreshTokens: new PostgresRefreshTokenRepository(trx),
    passwordResets: new PostgresPasswordResetRepository(trx),
    clientActivity: new PostgresClientActivityLog(trx),
    ...commerceRepositories(trx, versions),
    ...challengesRepositories(trx, versions),
    ...fundingRepositories(trx, versions),
    ...communityRepositories(trx, versions),
    ...tradingAccountRepositories(trx, versions, riskWatch),
    economicCalendar: new PostgresEconomicCalendar(trx),
  };
}

/**
 * One knex transaction per unit of work (READ COMMITTED; optimistic versions
 * and conditional updates protect against lost updates).
 */
export class PostgresUnitOfWork implements UnitOfWork {
  constructor(private readonly knex: Knex) {}

  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    return this.knex.transaction((trx) => withAmbientTransaction(trx, () => work(transactionScope(trx))));
  }
}
