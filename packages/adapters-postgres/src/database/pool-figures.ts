import type { Database } from './database.js';

/** The connection pool of one process, for monitoring. */
export interface PoolFigures {
  /** Connections lent out to a query or transaction now. */
  readonly inUse: number;
  /** Callers waiting for a connection (all connections busy). */
  readonly waiting: number;
  /** The pool's size: DATABASE_POOL_MAX on a server, 1 for PGlite's single session. */
  readonly max: number;
}

/** The tarn pool knex keeps for both drivers; knex does not type it, so only these three reads are made. */
interface TarnPool {
  numUsed(): number;
  numPendingAcquires(): number;
  readonly max: number;
}

/** Reads the pool as it is now; zeros before knex opened it (it does so lazily) or after it closed. */
export function poolFigures(database: Database): PoolFigures {
  const pool = (database.knex.client as { pool?: TarnPool | null }).pool;
  if (!pool) return { inUse: 0, waiting: 0, max: 0 };
  return { inUse: pool.numUsed(), waiting: pool.numPendingAcquires(), max: pool.max };
}
