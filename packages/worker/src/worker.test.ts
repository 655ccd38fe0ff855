import { WORKER_REGISTRY } from '@tradesense/application';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { expect, it } from 'vitest';
import { startWorker } from './worker.js';

describeEachPlatform(
  'worker lifecycle',
  (ctx) => {
    it('registers on start and deregisters on stop', async () => {
      const registry = ctx.platform.get(WORKER_REGISTRY);
      const worker = await startWorker(ctx.platform);
      expect(worker.id).toBe('worker-under-test');
      expect((await registry.live(new Date(0))).map((w) => w.id)).toEqual(['worker-under-test']);
      await worker.stop();
      await worker.stop();
      expect(await registry.live(new Date(0))).toEqual([]);
    });
  },
  { env: { WORKER_ID: 'worker-under-test' } },
);
