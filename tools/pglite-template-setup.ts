import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where test workers find the dump (read by packages/adapters-postgres/src/testing/pglite-template.ts). */
const PGLITE_TEMPLATE_VARIABLE = 'TRADESENSE_PGLITE_TEMPLATE';

/**
 * Vitest global setup: one migrated PGlite dump per run, which every suite's
 * in-memory database starts from instead of running initdb and every
 * migration itself. It is written by a child process, which loads the
 * packages' sources as the test workers do; the workers inherit the
 * variable naming the file.
 */
export default function setup(): () => void {
  const file = join(tmpdir(), `tradesense-pglite-template-${process.pid}.tar`);
  execFileSync(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', join(import.meta.dirname, 'write-pglite-template.ts'), file], {
    stdio: 'inherit',
  });
  process.env[PGLITE_TEMPLATE_VARIABLE] = file;
  return () => rmSync(file, { force: true });
}
