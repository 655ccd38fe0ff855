import { poolFigures, type Database } from '@tradesense/adapters-postgres';
import { Gauge, type Registry } from 'prom-client';

/** The process's database connections, read from the pool at scrape time (no query). */
export function poolCollectors(registry: Registry, database: Database): void {
  const labels = { driver: database.driver };
  new Gauge({
    name: 'tradesense_db_pool_connections_in_use',
    help: "Database connections lent out now (PGlite: its one session, 0 or 1).",
    labelNames: ['driver'] as const,
    registers: [registry],
    collect() {
      this.set(labels, poolFigures(database).inUse);
    },
  });
  new Gauge({
    name: 'tradesense_db_pool_waiting',
    help: 'Callers waiting for a database connection because all are in use.',
    labelNames: ['driver'] as const,
    registers: [registry],
    collect() {
      this.set(labels, poolFigures(database).waiting);
    },
  });
  new Gauge({
    name: 'tradesense_db_pool_connections_max',
    help: 'Size of the connection pool (DATABASE_POOL_MAX; 1 for PGlite).',
    labelNames: ['driver'] as const,
    registers: [registry],
    collect() {
      this.set(labels, poolFigures(database).max);
    },
  });
}
