/**
 * A worker process that does nothing but deliver the outbox, the way the
 * worker does (the platform's store and handlers, the system clock, the
 * `OutboxDispatcher`), for tests that kill it:
 *
 *   node --conditions=@tradesense/source --import tsx outbox-dispatcher-process.ts
 *
 * It reads its settings from OUTBOX_PROCESS (JSON, `OutboxProcessSettings`)
 * and reports over the IPC channel (`OutboxProcessReport`). Loading the
 * platform's code is the slow part, so it does that first, reports `loaded`
 * and waits for a message before it opens the database (a PGlite directory
 * may still be in use by another process until then); then it reports
 * `ready` and one report per pass. On SIGTERM it finishes the pass under
 * way, closes the platform and exits 0; it exits when its parent goes away.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOCK, OUTBOX_HANDLER, OUTBOX_STORE } from '@tradesense/application';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import { startProcessPlatform, type DatabaseLocation } from './process-database.js';

export interface OutboxProcessSettings {
  readonly database: DatabaseLocation;
  readonly workDir: string;
  readonly workerId: string;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly smtpPort: number;
}

export type OutboxProcessReport =
  | { readonly kind: 'loaded' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'pass'; readonly handled: number };

const settings = JSON.parse(process.env['OUTBOX_PROCESS'] ?? 'null') as OutboxProcessSettings | null;
if (!settings) throw new Error('OUTBOX_PROCESS is not set');
const report = (message: OutboxProcessReport): void => {
  process.send?.(message);
};

process.once('disconnect', () => process.exit(1));
let started = false;
let stopping = false;
process.on('SIGTERM', () => {
  if (!started) process.exit(0);
  stopping = true;
});
report({ kind: 'loaded' });
await new Promise<void>((resolve) => process.once('message', () => resolve()));
started = true;

const platform = await startProcessPlatform(settings.database, settings.workDir, {
  MAIL_TRANSPORT: 'smtp',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(settings.smtpPort),
  SMTP_SECURE: 'false',
});
const dispatcher = new OutboxDispatcher({
  workerId: settings.workerId,
  store: platform.get(OUTBOX_STORE),
  handlers: platform.getAll(OUTBOX_HANDLER),
  clock: platform.get(CLOCK),
  logger: platform.logger,
  leaseMs: settings.leaseMs,
});
report({ kind: 'ready' });
while (!stopping) {
  report({ kind: 'pass', handled: await dispatcher.dispatchOnce() });
  await sleep(settings.pollMs);
}
await platform.close();
process.exit(0);
