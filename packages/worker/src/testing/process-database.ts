import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, loadConfig, startPlatform, type Config, type Platform } from '@tradesense/bootstrap';
import { createEmptyServerDatabase } from '@tradesense/bootstrap/testing';

/**
 * Databases that several processes use one after another or at once (a test
 * and the worker processes it starts and kills, a benchmark): a database on
 * a PostgreSQL server, or a PGlite data directory on disk.
 */
export type DatabaseLocation = { readonly url: string } | { readonly dataDir: string };

/**
 * A silent platform configuration on `location`: the embedded defaults (as
 * the test platform uses), port 0, files (e-mails, generated secrets) in
 * `workDir`, `env` on top.
 */
export function processConfig(
  location: DatabaseLocation,
  workDir: string,
  env: Readonly<Record<string, string>> = {},
  options: { readonly migrate?: boolean } = {},
): Config {
  const base = loadConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    NODE_ENV: 'test',
    JWT_SECRET: 'process-secret-process-secret-process!',
    TRADESENSE_DATA_DIR: workDir,
    ...env,
  });
  return { ...base, database: { ...location, poolMax: 2, migrateOnStart: options.migrate ?? false } };
}

export function startProcessPlatform(
  location: DatabaseLocation,
  workDir: string,
  env: Readonly<Record<string, string>> = {},
  options: { readonly migrate?: boolean } = {},
): Promise<Platform> {
  return startPlatform(processConfig(location, workDir, env, options), createLogger('silent'));
}

export type { EmptyServerDatabase as ServerDatabase } from '@tradesense/bootstrap/testing';

/** A fresh, empty database on the server `serverUrl` points at (its user must be allowed to create databases). */
export const createServerDatabase = createEmptyServerDatabase;

export interface ProcessDatabaseTarget {
  readonly driver: 'pglite' | 'postgres';
  /** A fresh database (not migrated); `dispose` removes it. */
  create(): Promise<{ readonly location: DatabaseLocation; dispose(): Promise<void> }>;
}

/**
 * PGlite on disk always (a process killed with SIGKILL leaves its data
 * directory usable: committed transactions are on disk and the next process
 * opens it), and the PostgreSQL server when TEST_DATABASE_URL is set, as
 * `describeEachPlatform` does; with CI=true the server is required.
 */
export function processDatabaseTargets(): ProcessDatabaseTarget[] {
  const targets: ProcessDatabaseTarget[] = [
    {
      driver: 'pglite',
      async create() {
        const dir = mkdtempSync(join(tmpdir(), 'ts-pglite-'));
        return { location: { dataDir: join(dir, 'pgdata') }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  const serverUrl = process.env['TEST_DATABASE_URL'];
  if (!serverUrl && process.env['CI'] === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: database tests must also run on PostgreSQL');
  }
  if (serverUrl) {
    targets.push({
      driver: 'postgres',
      async create() {
        const database = await createServerDatabase(serverUrl, 'ts_test');
        return { location: { url: database.url }, dispose: () => database.drop() };
      },
    });
  }
  return targets;
}
