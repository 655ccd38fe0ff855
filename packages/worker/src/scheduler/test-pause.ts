import { renameSync, writeFileSync } from 'node:fs';
import type { CheckpointHook } from './scheduler.js';

/** Names a job's checkpoint (`<job>:<checkpoint>`) at which a test worker stops. */
export const TEST_PAUSE_VARIABLE = 'TRADESENSE_TEST_PAUSE_AT';
/** The file a test worker writes when it has stopped there. */
export const TEST_PAUSE_FILE_VARIABLE = 'TRADESENSE_TEST_PAUSE_FILE';

/**
 * A test-only checkpoint hook for crash tests: with NODE_ENV=test and
 * `TRADESENSE_TEST_PAUSE_AT=<job>:<checkpoint>` and
 * `TRADESENSE_TEST_PAUSE_FILE=<path>` set, the first run of that job to reach
 * that checkpoint writes `{ job, dueAt, checkpoint, pid }` to the file and
 * then waits for good (its lease is still renewed), so the test can kill the
 * process at a known point of the job. Without the variables there is no
 * hook; with them outside NODE_ENV=test the worker refuses to start.
 */
export function testPauseFromEnvironment(env: NodeJS.ProcessEnv, nodeEnv: string): CheckpointHook | undefined {
  const target = env[TEST_PAUSE_VARIABLE];
  const file = env[TEST_PAUSE_FILE_VARIABLE];
  if (target === undefined && file === undefined) return undefined;
  if (nodeEnv !== 'test') throw new Error(`${TEST_PAUSE_VARIABLE} and ${TEST_PAUSE_FILE_VARIABLE} are for tests only (NODE_ENV=test); unset them`);
  const at = target?.lastIndexOf(':') ?? -1;
  if (!target || !file || at <= 0) throw new Error(`${TEST_PAUSE_VARIABLE}=<job>:<checkpoint> and ${TEST_PAUSE_FILE_VARIABLE}=<path> go together`);
  const job = target.slice(0, at);
  const checkpoint = target.slice(at + 1);
  let paused = false;
  return async (runJob, dueAt, name) => {
    if (paused || runJob !== job || name !== checkpoint) return;
    paused = true;
    // Written beside and renamed into place, so a test that sees the file reads it whole.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify({ job, dueAt: dueAt.toISOString(), checkpoint, pid: process.pid }));
    renameSync(partial, file);
    // Keeps the process up (and the lease renewed) until the test kills it.
    setInterval(() => undefined, 60_000);
    await new Promise<never>(() => undefined);
  };
}
