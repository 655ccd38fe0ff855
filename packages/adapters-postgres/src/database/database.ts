import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import { EmbeddedNotifications, ServerNotifications, type NotificationSubscriber, type Notifications, type Unlisten } from './notifications.js';
import { textParsers } from './type-parsers.js';

export type DatabaseDriver = 'pglite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… of a real server. Without it the embedded PGlite is used. */
  readonly url?: string | undefined;
  /** Where PGlite keeps its files; omitted means in memory. */
  readonly dataDir?: string | undefined;
  /** Pool size for a real server (PGlite is always one connection). */
  readonly poolMax?: number | undefined;
  /**
   * A PGlite data directory dump (`dumpDataDir`) to start an in-memory
   * database from instead of an empty cluster: tests start from one migrated
   * dump, which skips initdb and the migrations for every suite.
   */
  readonly template?: Blob | undefined;
}

export interface Database {
  readonly knex: Knex;
  readonly driver: DatabaseDriver;
  /** Listens on a notification channel: on PGlite's one session, or on a server connection of its own. */
  listen(channel: string, subscriber: NotificationSubscriber): Promise<Unlisten>;
  close(): Promise<void>;
}

/** Opens knex over `pg` when a URL is given, else over an in-process PGlite. */
export function openDatabase(options: DatabaseOptions = {}): Database {
  if (options.url) {
    return database(serverKnex(options.url, options.poolMax ?? 10), 'postgres', new ServerNotifications(options.url));
  }
  const pglite = embeddedPglite(options.dataDir, options.template);
  const knex = embeddedKnex(pglite);
  return database(knex, 'pglite', new EmbeddedNotifications(pglite, knex));
}

function database(knex: Knex, driver: DatabaseDriver, notifications: Notifications): Database {
  return {
    knex,
    driver,
    listen: (channel, subscriber) => notifications.listen(channel, subscriber),
    async close() {
      await notifications.close();
      await knex.destroy();
    },
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

function embeddedPglite(dataDir: string | undefined, template: Blob | undefined): PGlite {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return new PGlite({ ...(dataDir ? { dataDir } : {}), ...(template ? { loadDataDir: template } : {}), parsers: textParsers });
}

function embeddedKnex(pglite: PGlite): Knex {
  return knexFactory({
    client: ClientPgLite as unknown as typeof Knex.Client,
    dialect: 'postgres',
    // knex-pglite takes a ready instance through a connection function.
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
  });
}
