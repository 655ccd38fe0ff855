import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../database/database.js';
import { migrateToLatest } from '../migrations/index.js';

/** Names the file holding the migrated PGlite dump that test databases start from. */
export const PGLITE_TEMPLATE_VARIABLE = 'TRADESENSE_PGLITE_TEMPLATE';

/**
 * Writes a dump of a freshly migrated PGlite to `file` (once per test run).
 * Starting a database from it costs a fraction of initdb plus every
 * migration, which each suite otherwise pays.
 */
export async function writePgliteTemplate(file: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradesense-pglite-template-'));
  try {
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.knex);
    await database.close();
    const pglite = new PGlite({ dataDir });
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let cached: Blob | null | undefined;

/** The run's migrated dump, when the test run made one (null otherwise: start empty and migrate). */
export function pgliteTemplate(): Blob | null {
  if (cached !== undefined) return cached;
  const file = process.env[PGLITE_TEMPLATE_VARIABLE];
  cached = file && existsSync(file) ? new Blob([readFileSync(file)]) : null;
  return cached;
}
