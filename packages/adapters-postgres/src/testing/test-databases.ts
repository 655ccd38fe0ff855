import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database, type DatabaseDriver } from '../database/database.js';
import { migrateToLatest } from '../migrations/index.js';
import { pgliteTemplate } from './pglite-template.js';

export interface TestTarget {
  readonly driver: DatabaseDriver;
  create(): Promise<{ database: Database; dispose(): Promise<void> }>;
}

/** PGlite always; the real server too when TEST_DATABASE_URL is set. */
export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [{ driver: 'pglite', create: createPglite }];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl && process.env.CI === 'true') {
    // CI must prove the server path; a silently skipped target would not.
    throw new Error('CI=true but TEST_DATABASE_URL is not set: database tests must also run on PostgreSQL');
  }
  if (serverUrl) targets.push({ driver: 'postgres', create: () => createServerDatabase(serverUrl) });
  return targets;
}

async function createPglite() {
  // From the run's migrated dump when there is one (the migrations then find nothing to do).
  const database = openDatabase({ template: pgliteTemplate() ?? undefined });
  return { database, dispose: () => database.close() };
}

/** A fresh database per test file on the server, dropped afterwards. */
async function createServerDatabase(serverUrl: string) {
  const empty = await createEmptyServerDatabase(serverUrl, 'ts_test');
  const database = openDatabase({ url: empty.url, poolMax: 8 });
  return {
    database,
    async dispose() {
      await database.close();
      await empty.drop();
    },
  };
}

export interface EmptyServerDatabase {
  /** postgres:// URL of the new database. */
  readonly url: string;
  /** Drops it, closing whatever connections are left. */
  drop(): Promise<void>;
}

/**
 * A new, empty (unmigrated) database on the server `serverUrl` points at, for
 * tests whose processes migrate and share it; made over a plain connection
 * so nothing of the platform runs on the server's own database.
 */
export async function createEmptyServerDatabase(serverUrl: string, prefix: string): Promise<EmptyServerDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create database ${name}`);
  } catch (error) {
    await admin.destroy();
    throw error;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin.raw(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.destroy();
      }
    },
  };
}

export interface DatabaseContext {
  /** The migrated database of the current target (valid inside tests). */
  readonly db: Database;
}

/**
 * Declares the same suite once per target, each on a fresh, migrated
 * database: `describeEachDatabase('payouts', (ctx) => { it(..., () => ctx.db) })`.
 */
export function describeEachDatabase(title: string, suite: (ctx: DatabaseContext) => void): void {
  for (const target of testTargets()) {
    describe(`${title} [${target.driver}]`, () => {
      let current: Awaited<ReturnType<TestTarget['create']>> | undefined;
      const ctx: DatabaseContext = {
        get db() {
          if (!current) throw new Error('database not ready');
          return current.database;
        },
      };
      beforeAll(async () => {
        current = await target.create();
        await migrateToLatest(current.database.knex);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      suite(ctx);
    });
  }
}
