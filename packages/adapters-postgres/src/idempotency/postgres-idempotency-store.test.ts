import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresIdempotencyStore } from './postgres-idempotency-store.js';

const at = new Date('2026-11-02T12:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);
const LEASE = 30_000;

function attemptOf(claim: Awaited<ReturnType<PostgresIdempotencyStore['claim']>>): string {
  if (claim.kind !== 'new') throw new Error(`expected a new claim, got ${claim.kind}`);
  return claim.attempt;
}

describeEachDatabase('idempotency keys', (ctx) => {
  it('claims once, reports in-progress with the time left, then replays the stored answer', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    const first = await store.claim('orders:u1', 'k1', 'hash-a', at, LEASE);
    expect(first).toMatchObject({ kind: 'new', takenOver: false });
    expect(await store.claim('orders:u1', 'k1', 'hash-a', later(10_000), LEASE)).toEqual({ kind: 'in_progress', retryAfterSeconds: 20 });
    expect(await store.complete('orders:u1', 'k1', attemptOf(first), { status: 201, body: { id: 'o1', total: '99.00' } })).toBe(true);
    expect(await store.claim('orders:u1', 'k1', 'hash-a', at, LEASE)).toEqual({
      kind: 'replay',
      response: { status: 201, body: { id: 'o1', total: '99.00' } },
    });
  });

  it('refuses the same key with another body, and scopes keys', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    expect(await store.claim('orders:u1', 'k1', 'hash-b', at, LEASE)).toEqual({ kind: 'mismatch' });
    expect(await store.claim('orders:u2', 'k1', 'hash-b', at, LEASE)).toMatchObject({ kind: 'new', takenOver: false });
  });

  it('releases an unfinished claim so a retry can proceed; only the holder releases or completes', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    const holder = attemptOf(await store.claim('orders:u3', 'k1', 'hash-c', at, LEASE));
    await store.release('orders:u3', 'k1', 'someone-else');
    expect((await store.claim('orders:u3', 'k1', 'hash-c', at, LEASE)).kind).toBe('in_progress');
    await store.release('orders:u3', 'k1', holder);
    const again = attemptOf(await store.claim('orders:u3', 'k1', 'hash-c', at, LEASE));
    expect(await store.complete('orders:u3', 'k1', holder, { status: 201, body: 'stale' })).toBe(false);
    expect(await store.complete('orders:u3', 'k1', again, { status: 201, body: null })).toBe(true);
    await store.release('orders:u3', 'k1', again);
    expect((await store.claim('orders:u3', 'k1', 'hash-c', at, LEASE)).kind).toBe('replay');
  });

  it('hands a lapsed claim to one retry, and the lapsed holder can no longer complete it', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    const dead = attemptOf(await store.claim('orders:u4', 'k1', 'hash-d', at, LEASE));
    expect((await store.claim('orders:u4', 'k1', 'hash-d', later(LEASE - 1), LEASE)).kind).toBe('in_progress');
    // Two retries race for the lapsed claim: exactly one takes it over.
    const racing = await Promise.all([
      store.claim('orders:u4', 'k1', 'hash-d', later(LEASE), LEASE),
      store.claim('orders:u4', 'k1', 'hash-d', later(LEASE), LEASE),
    ]);
    expect(racing.map((claim) => claim.kind).sort()).toEqual(['in_progress', 'new']);
    const winner = racing.find((claim) => claim.kind === 'new');
    expect(winner).toMatchObject({ takenOver: true });
    expect(await store.complete('orders:u4', 'k1', dead, { status: 201, body: 'late' })).toBe(false);
    expect(await store.complete('orders:u4', 'k1', attemptOf(winner!), { status: 201, body: 'taken over' })).toBe(true);
    expect(await store.claim('orders:u4', 'k1', 'hash-d', later(LEASE * 3), LEASE)).toEqual({ kind: 'replay', response: { status: 201, body: 'taken over' } });
  });

  it('expires claims an earlier version left unfinished (no lease recorded)', async () => {
    const store = new PostgresIdempotencyStore(ctx.db.knex);
    await ctx.db.knex('idempotency_keys').insert({ scope: 'orders:u5', key: 'k1', request_hash: 'hash-e', created_at: at });
    expect(await store.claim('orders:u5', 'k1', 'hash-e', at, LEASE)).toMatchObject({ kind: 'new', takenOver: true });
  });
});
