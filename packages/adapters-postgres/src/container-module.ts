import { READINESS_CHECK, WORKER_REGISTRY, token, type Token } from '@tradesense/application';
import { ContainerModule } from 'inversify';
import type { Database } from './database/database.js';
import { databaseReadiness } from './database/readiness.js';
import { PostgresWorkerRegistry } from './workers/postgres-worker-registry.js';

/** The open database, for the composition root's lifecycle (migrate, close). */
export const DATABASE: Token<Database> = token<Database>('Database');

/** Binds the persistence adapters over an already opened database. */
export function postgresModule(database: Database): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DATABASE).toConstantValue(database);
    bind(READINESS_CHECK).toConstantValue(databaseReadiness(database.knex));
    bind(WORKER_REGISTRY).toConstantValue(new PostgresWorkerRegistry(database.knex));
  });
}
