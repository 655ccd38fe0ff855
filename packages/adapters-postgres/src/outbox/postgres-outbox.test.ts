import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresOutboxStore, PostgresOutboxWriter } from './postgres-outbox.js';

const t = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 12, minutes));

describeEachDatabase('outbox', (ctx) => {
  it('writes inside a transaction: a rollback leaves no message', async () => {
    await expect(
      ctx.db.knex.transaction(async (trx) => {
        await new PostgresOutboxWriter(trx).add([{ topic: 'email.test', payload: { n: 1 }, occurredAt: t(0) }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await ctx.db.knex('outbox').count({ n: '*' })).toEqual([{ n: '0' }]);
  });

  it('hands a due message to one claimant at a time and takes it back after the lease', async () => {
    const store = new PostgresOutboxStore(ctx.db.knex);
    await new PostgresOutboxWriter(ctx.db.knex).add([
      { topic: 'email.a', aggregateType: 'challenge', aggregateId: 'c1', payload: { amount: '95000.00' }, occurredAt: t(0) },
      { topic: 'email.b', payload: {}, occurredAt: t(0) },
    ]);
    const first = await store.claimDue('w1', t(1), t(2), 10);
    expect(first.map((m) => m.topic)).toEqual(['email.a', 'email.b']);
    expect(first[0]).toMatchObject({ aggregateId: 'c1', payload: { amount: '95000.00' }, attempts: 1 });
    expect(await store.claimDue('w2', t(1), t(2), 10)).toEqual([]);
    // w1 died: after the lease the messages are claimable again.
    const second = await store.claimDue('w2', t(3), t(4), 1);
    expect(second.map((m) => m.topic)).toEqual(['email.a']);
    expect(second[0]!.attempts).toBe(2);
    // a late settlement by the first claimant is ignored
    await store.markDelivered(second[0]!.id, 'w1', t(3));
    await store.markDelivered(second[0]!.id, 'w2', t(3));
    const rest = await store.claimDue('w2', t(5), t(6), 10);
    expect(rest.map((m) => m.topic)).toEqual(['email.b']);
  });

  it('retries later, parks, lists and requeues', async () => {
    const store = new PostgresOutboxStore(ctx.db.knex);
    const [msg] = await store.claimDue('w2', t(7), t(8), 10);
    await store.markFailed(msg!.id, 'w2', 'smtp down', t(20), false);
    expect(await store.claimDue('w3', t(10), t(11), 10)).toEqual([]);
    const [again] = await store.claimDue('w3', t(20), t(21), 10);
    expect(again!.lastError).toBe('smtp down');
    await store.markFailed(again!.id, 'w3', 'still down', t(30), true);
    expect((await store.listParked(10)).map((m) => [m.topic, m.status, m.lastError])).toEqual([['email.b', 'parked', 'still down']]);
    expect(await store.claimDue('w3', t(40), t(41), 10)).toEqual([]);
    expect(await store.requeue(again!.id, t(42))).toBe(true);
    expect(await store.requeue(again!.id, t(42))).toBe(false);
    expect((await store.claimDue('w3', t(43), t(44), 10)).map((m) => m.attempts)).toEqual([1]);
  });
});
