import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database, type DatabaseDriver } from '../database/database.js';
import { migrateToLatest } from '../migrations/index.js';

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
  const database = openDatabase();
  return { database, dispose: () => database.close() };
}

/** A fresh database per test file on the server, dropped afterwards. */
async function createServerDatabase(serverUrl: string) {
  const name = `ts_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), poolMax: 8 });
  return {
    database,
    async dispose() {
      await database.close();
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
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
