import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OutboxProcessReport, OutboxProcessSettings } from './outbox-dispatcher-process.js';

const SCRIPT = fileURLToPath(new URL('./outbox-dispatcher-process.ts', import.meta.url));
/** The worker package: tsx is found from here (workspace packages through the source condition). */
const CWD = fileURLToPath(new URL('../..', import.meta.url));

export interface OutboxProcess {
  /** Every report received so far, in order. */
  readonly reports: OutboxProcessReport[];
  /** Settles when the process has exited, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Lets a `loaded` process open the database and start delivering. */
  go(): void;
  kill(signal: NodeJS.Signals): void;
  /** What the process wrote to stderr (for failure messages). */
  stderr(): string;
}

/**
 * Starts `outbox-dispatcher-process.ts` in a child node process (tsx, source
 * condition) with an IPC channel; it loads its code and waits for `go()`.
 */
export function spawnOutboxProcess(settings: OutboxProcessSettings): OutboxProcess {
  const child = spawn(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', SCRIPT], {
    cwd: CWD,
    env: { ...process.env, OUTBOX_PROCESS: JSON.stringify(settings) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const reports: OutboxProcessReport[] = [];
  let stderr = '';
  child.on('message', (message) => reports.push(message as OutboxProcessReport));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    reports,
    exited,
    go: () => {
      child.send('go');
    },
    kill: (signal) => {
      child.kill(signal);
    },
    stderr: () => stderr,
  };
}
