import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresRateLimitCounter } from './postgres-rate-limit-counter.js';

const MINUTE = 60_000;
const at = new Date('2026-11-02T12:00:10Z');
const plus = (ms: number) => new Date(at.getTime() + ms);

describeEachDatabase('rate limit windows', (ctx) => {
  it('counts hits per key and window, concurrently, and starts afresh in the next window', async () => {
    const counter = new PostgresRateLimitCounter(ctx.db.knex);
    const hits = await Promise.all(Array.from({ length: 12 }, () => counter.hit('login:203.0.113.7', MINUTE, at)));
    expect(hits.map((window) => window.hits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(hits[0]!.resetAt.toISOString()).toBe('2026-11-02T12:01:00.000Z');
    expect((await counter.hit('login:198.51.100.2', MINUTE, at)).hits).toBe(1);
    expect((await counter.hit('login:203.0.113.7', MINUTE, plus(50_000))).hits).toBe(1);
  });

  it('takes a hit back and forgets a key', async () => {
    const counter = new PostgresRateLimitCounter(ctx.db.knex);
    await counter.hit('k', MINUTE, at);
    await counter.hit('k', MINUTE, at);
    await counter.undo('k', MINUTE, at);
    expect((await counter.hit('k', MINUTE, at)).hits).toBe(2);
    await counter.reset('k');
    expect((await counter.hit('k', MINUTE, at)).hits).toBe(1);
  });

  it('sweeps ended windows when a new one starts', async () => {
    const counter = new PostgresRateLimitCounter(ctx.db.knex);
    await counter.hit('old', MINUTE, at);
    await counter.hit('new', MINUTE, plus(10 * MINUTE));
    const [row] = (await ctx.db.knex('rate_limit_windows').where({ key: 'old' }).count({ n: '*' })) as { n: string | number }[];
    expect(Number(row!.n)).toBe(0);
  });
});
