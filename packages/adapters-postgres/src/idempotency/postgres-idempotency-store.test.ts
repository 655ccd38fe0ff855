import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresIdempotencyStore } from './postgres-idempotency-store.js';

const at = new Date('2026-11-02T12:00:00Z');

describeEachDatabase('idempotency keys', (ctx) => {
  it('claims once, reports in-progress, then replays the stored answer', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    expect(await store.claim('orders:u1', 'k1', 'hash-a', at)).toEqual({ kind: 'new' });
    expect(await store.claim('orders:u1', 'k1', 'hash-a', at)).toEqual({ kind: 'in_progress' });
    await store.complete('orders:u1', 'k1', { status: 201, body: { id: 'o1', total: '99.00' } });
    expect(await store.claim('orders:u1', 'k1', 'hash-a', at)).toEqual({
      kind: 'replay',
      response: { status: 201, body: { id: 'o1', total: '99.00' } },
    });
  });

  it('refuses the same key with another body, and scopes keys', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    expect(await store.claim('orders:u1', 'k1', 'hash-b', at)).toEqual({ kind: 'mismatch' });
    expect(await store.claim('orders:u2', 'k1', 'hash-b', at)).toEqual({ kind: 'new' });
  });

  it('releases an unfinished claim so a retry can proceed', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    await store.release('orders:u2', 'k1');
    expect(await store.claim('orders:u2', 'k1', 'hash-c', at)).toEqual({ kind: 'new' });
    await store.complete('orders:u2', 'k1', { status: 201, body: null });
    await store.release('orders:u2', 'k1');
    expect((await store.claim('orders:u2', 'k1', 'hash-c', at)).kind).toBe('replay');
  });
});
