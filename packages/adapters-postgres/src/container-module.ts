import {
  AUDIT_LOG_READER,
  IDEMPOTENCY_STORE,
  JOB_LOCK,
  OUTBOX_BACKLOG,
  OUTBOX_STORE,
  RATE_LIMIT_COUNTER,
  READINESS_CHECK,
  RISK_WATCH_SIGNALS,
  SIMULATED_TRADING_STORE,
  UNIT_OF_WORK,
  WORKER_REGISTRY,
  token,
  type Token,
} from '@tradesense/application';
import { ContainerModule } from 'inversify';
import type { Database } from './database/database.js';
import { databaseReadiness } from './database/readiness.js';
import { PostgresWorkerRegistry } from './workers/postgres-worker-registry.js';
import { PostgresOutboxStore } from './outbox/postgres-outbox.js';
import { PostgresOutboxBacklog } from './outbox/postgres-outbox-backlog.js';
import { PostgresIdempotencyStore } from './idempotency/postgres-idempotency-store.js';
import { PostgresJobLock } from './jobs/postgres-job-lock.js';
import { PostgresRateLimitCounter } from './rate-limit/postgres-rate-limit-counter.js';
import { PostgresAuditLog } from './audit/postgres-audit-log.js';
import { PostgresUnitOfWork } from './uow/postgres-unit-of-work.js';
import { PostgresRiskWatchSignals } from './risk/postgres-risk-watch-signals.js';
import { PostgresSimulatedTradingStore } from './simulator/postgres-simulated-trading-store.js';

/** The open database, for the composition root's lifecycle (migrate, close). */
export const DATABASE: Token<Database> = token<Database>('Database');

/** Binds the persistence adapters over an already opened database. */
export function postgresModule(database: Database): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DATABASE).toConstantValue(database);
    bind(READINESS_CHECK).toConstantValue(databaseReadiness(database.knex));
    bind(WORKER_REGISTRY).toConstantValue(new PostgresWorkerRegistry(database.knex));
    bind(UNIT_OF_WORK).toConstantValue(new PostgresUnitOfWork(database.knex));
    bind(OUTBOX_STORE).toConstantValue(new PostgresOutboxStore(database.knex));
    bind(OUTBOX_BACKLOG).toConstantValue(new PostgresOutboxBacklog(database.knex));
    bind(IDEMPOTENCY_STORE).toConstantValue(new PostgresIdempotencyStore(database.knex));
    bind(JOB_LOCK).toConstantValue(new PostgresJobLock(database.knex));
    bind(RATE_LIMIT_COUNTER).toConstantValue(new PostgresRateLimitCounter(database.knex));
    bind(AUDIT_LOG_READER).toConstantValue(new PostgresAuditLog(database.knex));
    bind(RISK_WATCH_SIGNALS).toConstantValue(new PostgresRiskWatchSignals(database));
    bind(SIMULATED_TRADING_STORE).toConstantValue(new PostgresSimulatedTradingStore(database));
  });
}
