import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UNIT_OF_WORK } from '@tradesense/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HoldingSmtpServer } from '../testing/holding-smtp-server.js';
import type { OutboxProcessSettings } from '../testing/outbox-dispatcher-process.js';
import { processDatabaseTargets, startProcessPlatform, type DatabaseLocation } from '../testing/process-database.js';
import { spawnOutboxProcess, type OutboxProcess } from '../testing/spawn-outbox-process.js';

/**
 * Exactly-once e-mail across a real process death: a worker process that
 * delivers the outbox is killed with SIGKILL while the SMTP server holds the
 * DATA of one message unanswered, and a fresh process takes over.
 *
 * What makes it exactly once: a claim is a lease in the outbox row, so the
 * dead process's unfinished messages come back only when the lease runs out,
 * and messages it marked delivered never do; a message whose DATA got no
 * 250 was not accepted (RFC 5321), so sending it again is its only delivery;
 * and the Message-ID is derived from the outbox id, so any copy a relay did
 * accept before a crash is recognisably the same e-mail.
 */

const RECIPIENTS = ['k0@example.com', 'k1@example.com', 'k2@example.com', 'k3@example.com', 'k4@example.com'];
/** The message whose first delivery dies with its process. */
const VICTIM = 'k2@example.com';
/** Short, so the fresh process does not wait long for the dead one's claims; the real clock runs in both. */
const LEASE_MS = 2_500;
const POLL_MS = 100;

/** The Message-ID local part of an outbox message's e-mail (the mailer hashes `outbox-<id>`). */
const messageIdOf = (outboxId: string): string => createHash('sha256').update(`outbox-${outboxId}`, 'utf8').digest('hex').slice(0, 40);
const localPart = (messageId: string): string => /^<([^@>]+)@/.exec(messageId)?.[1] ?? messageId;

/** Generous: a worker process loads the whole platform through tsx first, which takes a while on a busy machine. */
const WAIT_MS = 60_000;

async function until(what: string, condition: () => boolean, processes: readonly OutboxProcess[]): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${processes.map((p) => p.stderr().slice(-2_000)).join('\n')}`);
    await sleep(20);
  }
}

for (const target of processDatabaseTargets()) {
  describe(`outbox dispatcher process killed mid-DATA [${target.driver}]`, () => {
    const smtp = new HoldingSmtpServer(VICTIM);
    let workDir = '';
    let location: DatabaseLocation | undefined;
    let dispose: (() => Promise<void>) | undefined;
    const running: OutboxProcess[] = [];

    beforeAll(async () => {
      await smtp.start();
      workDir = mkdtempSync(join(tmpdir(), 'ts-outbox-kill-'));
      const created = await target.create();
      location = created.location;
      dispose = created.dispose;
    });
    afterAll(async () => {
      for (const child of running) child.kill('SIGKILL');
      await Promise.all(running.map((child) => child.exited));
      await smtp.close();
      await dispose?.();
      rmSync(workDir, { recursive: true, force: true });
    });

    const start = (workerId: string): OutboxProcess => {
      const settings: OutboxProcessSettings = { database: location!, workDir, workerId, leaseMs: LEASE_MS, pollMs: POLL_MS, smtpPort: smtp.port };
      const child = spawnOutboxProcess(settings);
      running.push(child);
      return child;
    };

    /** The test's own look at the database, closed again so a PGlite directory is free for the workers. */
    async function withPlatform<T>(work: (platform: Awaited<ReturnType<typeof startProcessPlatform>>) => Promise<T>, migrate = false): Promise<T> {
      const platform = await startProcessPlatform(location!, workDir, {}, { migrate });
      try {
        return await work(platform);
      } finally {
        await platform.close();
      }
    }

    it('delivers every queued e-mail exactly once after SIGKILL inside the SMTP transaction and a fresh process', async () => {
      // Both worker processes load their code while the database is prepared; each opens it when told to.
      const first = start('kill-test-1');
      const second = start('kill-test-2');
      const queued = await withPlatform(async (platform) => {
        await platform.get(UNIT_OF_WORK).run((tx) =>
          tx.outbox.add(
            RECIPIENTS.map((to) => ({
              topic: 'email.password_reset',
              payload: { to, resetUrl: 'https://tradesense.example/reset-password?token=abc', expiresAt: '2026-11-02T13:00:00Z' },
              occurredAt: new Date(),
            })),
          ),
        );
        return (await platform.database.knex('outbox').where('topic', 'email.password_reset').orderBy('id').select('id', 'payload')) as {
          id: string | number;
          payload: { to: string };
        }[];
      }, true);
      expect(queued.map((row) => row.payload.to)).toEqual(RECIPIENTS);
      const expectedIds = new Map(queued.map((row) => [row.payload.to, messageIdOf(String(row.id))]));

      // The first process claims all five, delivers two, and is inside DATA for the victim: kill it there.
      await until('the first process to load', () => first.reports.length > 0, [first]);
      first.go();
      await until('the victim DATA to be held', () => smtp.held.length === 1, [first]);
      expect(smtp.accepted.map((a) => a.to)).toEqual(['k0@example.com', 'k1@example.com']);
      first.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

      // A fresh process waits out the dead one's lease, then delivers the rest; stop it once it is idle again.
      await until('the second process to load', () => second.reports.length > 0, [second]);
      second.go();
      await until('every e-mail to be accepted', () => smtp.accepted.length >= RECIPIENTS.length, [second]);
      const seen = second.reports.length;
      await until('an idle pass after the last delivery', () => second.reports.slice(seen).some((r) => r.kind === 'pass' && r.handled === 0), [second]);
      second.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });

      // Exactly once: every queued e-mail accepted once, under the Message-ID of its outbox id, nothing more.
      expect(smtp.accepted.map((a) => a.to).sort()).toEqual([...RECIPIENTS].sort());
      expect(smtp.accepted.map((a) => localPart(a.messageId)).sort()).toEqual([...expectedIds.values()].sort());
      for (const attempt of smtp.accepted) expect(localPart(attempt.messageId)).toBe(expectedIds.get(attempt.to));
      // The cut-off attempt and its redelivery are the same e-mail.
      expect(smtp.held.map((a) => localPart(a.messageId))).toEqual([expectedIds.get(VICTIM)]);

      const rows = await withPlatform(
        async (platform) =>
          (await platform.database.knex('outbox').whereIn('id', queued.map((row) => row.id)).orderBy('id').select('status', 'claimed_by', 'attempts')) as {
            status: string;
            claimed_by: string;
            attempts: number;
          }[],
      );
      expect(rows.map((row) => row.status)).toEqual(RECIPIENTS.map(() => 'delivered'));
      expect(rows.map((row) => row.claimed_by)).toEqual(['kill-test-1', 'kill-test-1', 'kill-test-2', 'kill-test-2', 'kill-test-2']);
      expect(rows.map((row) => Number(row.attempts))).toEqual([1, 1, 2, 2, 2]);
    }, 3 * WAIT_MS);
  });
}
