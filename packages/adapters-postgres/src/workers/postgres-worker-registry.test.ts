import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresWorkerRegistry } from './postgres-worker-registry.js';

const t0 = new Date('2026-11-02T10:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describeEachDatabase('worker registry', (ctx) => {
  it('lists workers whose heartbeat is within the lease, ordered by id', async () => {
    const registry = new PostgresWorkerRegistry(ctx.db.knex);
    await registry.register('w-b', t0);
    await registry.register('w-a', t0);
    await registry.heartbeat('w-b', later(30));
    expect((await registry.live(later(10))).map((w) => w.id)).toEqual(['w-b']);
    expect((await registry.live(t0)).map((w) => w.id)).toEqual(['w-a', 'w-b']);
  });

  it('forgets a deregistered worker and revives one that heartbeats after being pruned', async () => {
    const registry = new PostgresWorkerRegistry(ctx.db.knex);
    await registry.deregister('w-a');
    expect((await registry.live(t0)).map((w) => w.id)).toEqual(['w-b']);
    await registry.heartbeat('w-a', later(60));
    expect((await registry.live(later(60))).map((w) => w.id)).toEqual(['w-a']);
  });

  it('prunes the workers not seen since a cut-off and reports them', async () => {
    const registry = new PostgresWorkerRegistry(ctx.db.knex);
    await registry.register('w-c', later(100));
    await registry.register('w-d', later(200));
    expect(await registry.prune(later(150))).toEqual(['w-a', 'w-b', 'w-c']);
    expect((await registry.live(t0)).map((w) => w.id)).toEqual(['w-d']);
    expect(await registry.prune(later(150))).toEqual([]);
  });
});
