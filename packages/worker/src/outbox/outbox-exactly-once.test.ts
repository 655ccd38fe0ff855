import { OUTBOX_HANDLER, OUTBOX_STORE, UNIT_OF_WORK, type OutboxStore } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HoldingSmtpServer } from '../testing/holding-smtp-server.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';

const clock = new ManualClock('2026-11-02T12:00:00Z');
const LEASE_MS = 30_000;
const RECIPIENTS = ['t0@example.com', 't1@example.com', 't2@example.com', 't3@example.com', 't4@example.com'];
/** The message whose first delivery is cut off mid-transaction. */
const VICTIM = 't2@example.com';

/** The store as seen by a worker process: once killed, it writes nothing more. */
function killableStore(store: OutboxStore): { store: OutboxStore; kill(): void } {
  let killed = false;
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A): Promise<R> =>
    killed ? Promise.reject(new Error('worker w1 was killed')) : fn(...args);
  return {
    store: {
      claimDue: guard(store.claimDue.bind(store)),
      markDelivered: guard(store.markDelivered.bind(store)),
      markFailed: guard(store.markFailed.bind(store)),
      listParked: guard(store.listParked.bind(store)),
      requeue: guard(store.requeue.bind(store)),
    },
    kill: () => {
      killed = true;
    },
  };
}

const smtp = new HoldingSmtpServer(VICTIM);
// Read by the platform when it starts, after the server below knows its port.
const env: Record<string, string> = { MAIL_TRANSPORT: 'smtp', SMTP_HOST: '127.0.0.1', SMTP_SECURE: 'false' };

beforeAll(async () => {
  await smtp.start();
  env.SMTP_PORT = String(smtp.port);
});
afterAll(() => smtp.close());

describeEachPlatform(
  'outbox dispatcher killed mid-delivery',
  (ctx) => {
    it('delivers every e-mail exactly once after a worker dies inside the SMTP transaction and another takes over', async () => {
      clock.set('2026-11-02T12:00:00Z');
      smtp.reset();
      const knex = ctx.platform.database.knex;
      const before = await knex('outbox').max('id as max').first();
      await ctx.platform.get(UNIT_OF_WORK).run((tx) =>
        tx.outbox.add(
          RECIPIENTS.map((to) => ({
            topic: 'email.password_reset',
            payload: { to, resetUrl: 'https://tradesense.example/reset-password?token=abc', expiresAt: '2026-11-02T13:00:00Z' },
            occurredAt: clock.now(),
          })),
        ),
      );
      const ours = () => knex('outbox').where('id', '>', Number(before?.max ?? 0)).orderBy('id');
      expect(await ours().pluck('status')).toEqual(RECIPIENTS.map(() => 'pending'));

      const handlers = ctx.platform.getAll(OUTBOX_HANDLER);
      const shared = ctx.platform.get(OUTBOX_STORE);
      const w1 = killableStore(shared);
      const dispatcherA = new OutboxDispatcher({
        workerId: 'w1', store: w1.store, handlers, clock, logger: ctx.platform.logger, leaseMs: LEASE_MS,
      });
      const passA = dispatcherA.dispatchOnce();

      // w1 is inside DATA for the victim, the server has not answered: kill it and drop its connection.
      const socket = await smtp.victimHeld;
      w1.kill();
      socket.destroy();
      await expect(passA).rejects.toThrow('worker w1 was killed');
      expect(smtp.held.map((a) => a.to)).toEqual([VICTIM]);
      expect(smtp.accepted.map((a) => a.to)).toEqual(['t0@example.com', 't1@example.com']);

      const dispatcherB = new OutboxDispatcher({
        workerId: 'w2', store: shared, handlers, clock, logger: ctx.platform.logger, leaseMs: LEASE_MS,
      });
      // The dead worker's lease still holds the rest.
      expect(await dispatcherB.dispatchOnce()).toBe(0);
      clock.advance(LEASE_MS + 1);
      expect(await dispatcherB.dispatchOnce()).toBe(3);
      expect(await dispatcherB.dispatchOnce()).toBe(0);

      expect(smtp.accepted.map((a) => a.to).sort()).toEqual([...RECIPIENTS].sort());
      const ids = smtp.accepted.map((a) => a.messageId);
      expect(ids.every((id) => /^<[0-9a-f]{40}@/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(RECIPIENTS.length);
      // The redelivery carries the Message-ID of the cut-off attempt, so it is recognisably the same e-mail.
      expect(smtp.accepted.filter((a) => a.to === VICTIM).map((a) => a.messageId)).toEqual(smtp.held.map((a) => a.messageId));
      const rows = await ours().select('status', 'claimed_by', 'delivered_at');
      expect(rows.map((r: { status: string }) => r.status)).toEqual(RECIPIENTS.map(() => 'delivered'));
      expect(rows.map((r: { claimed_by: string }) => r.claimed_by)).toEqual(['w1', 'w1', 'w2', 'w2', 'w2']);
    });
  },
  { clock, env },
);
