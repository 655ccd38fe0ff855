import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { textParsers } from './type-parsers.js';

export type DatabaseDriver = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… of a real server. Without it the embedded PGlite is used. */
  readonly url?: string | undefined;
  /** Where PGlite keeps its files; omitted means in memory. */
  readonly dataDir?: string | undefined;
  /** Pool size for a real server (PGlite is always one connection). */
  readonly poolMax?: number | undefined;
}

export interface Database {
  readonly knex: Knex;
  readonly driver: DatabaseDriver;
  close(): Promise<void>;
}

/** Opens knex over `pg` when a URL is given, else over an in-process PGlite. */
export function openDatabase(options: DatabaseOptions = {}): Database {
  const knex = options.url ? serverKnex(options.url, options.poolMax ?? 10) : embeddedKnex(options.dataDir);
  return {
    knex,
    driver: options.url ? 'postgres' : 'pglite',
    close: () => knex.destroy(),
  };
}

function serverKnex(url: string, poolMax: number): Knex {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      textParsers[oid] ?? (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
  };
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, types } as Knex.PgConnectionConfig,
    pool: { min: 0, max: poolMax },
  });
}

function embeddedKnex(dataDir: string | undefined): Knex {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({ ...(dataDir ? { dataDir } : {}), parsers: textParsers });
  return knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    // knex-pglite takes a ready instance through a connection function.
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
  });
}
