import { OUTBOX_STORE, UNIT_OF_WORK, type OutboxHandler, type StoredOutboxMessage } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { expect, it } from 'vitest';
import { OutboxDispatcher } from './outbox-dispatcher.js';

const clock = new ManualClock('2026-11-02T12:00:00Z');

describeEachPlatform(
  'outbox dispatcher',
  (ctx) => {
    it('delivers each message to its handlers, acknowledges unhandled topics, retries with backoff and parks', async () => {
      clock.set('2026-11-02T12:00:00Z');
      const delivered: string[] = [];
      let failuresLeft = 2;
      const mail: OutboxHandler = {
        topics: ['email.*'],
        sensitiveTopics: ['email.receipt'],
        handle: async (m: StoredOutboxMessage) => {
          if (m.topic === 'email.flaky' && failuresLeft-- > 0) throw new Error('smtp 421');
          if (m.topic === 'email.broken') throw new Error('mailbox unavailable');
          delivered.push(`${m.topic}#${m.id}`);
        },
      };
      await ctx.platform.get(UNIT_OF_WORK).run((tx) =>
        tx.outbox.add(
          ['email.receipt', 'user.registered', 'email.flaky', 'email.broken'].map((topic) => ({ topic, payload: { secret: 'pw' }, occurredAt: clock.now() })),
        ),
      );
      const dispatcher = new OutboxDispatcher({
        workerId: 'w1', store: ctx.platform.get(OUTBOX_STORE), handlers: [mail], clock, logger: ctx.platform.logger,
        maxAttempts: 3, baseBackoffMs: 1_000,
      });
      expect(await dispatcher.dispatchOnce()).toBe(4);
      expect(delivered.map((d) => d.split('#')[0])).toEqual(['email.receipt']);
      const knex = ctx.platform.database.knex;
      expect(await knex('outbox').where({ topic: 'email.receipt' }).pluck('payload')).toEqual([{ scrubbed: true }]);
      expect(await dispatcher.dispatchOnce()).toBe(0); // backing off
      clock.advance(1_000);
      await dispatcher.dispatchOnce(); // attempt 2: flaky fails again, broken fails
      clock.advance(2_000);
      await dispatcher.dispatchOnce(); // attempt 3: flaky succeeds, broken parks
      expect(delivered.map((d) => d.split('#')[0])).toEqual(['email.receipt', 'email.flaky']);
      const parked = await ctx.platform.get(OUTBOX_STORE).listParked(10);
      expect(parked.map((m) => [m.topic, m.attempts, m.lastError])).toEqual([['email.broken', 3, 'mailbox unavailable']]);
      clock.advance(3_600_000);
      expect(await dispatcher.dispatchOnce()).toBe(0);
    });
  },
  { clock },
);
