import type { ReadinessCheck } from '@tradesense/application';
import { Router } from 'express';

/** Liveness says the process answers; readiness says its dependencies do. */
export function healthRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (check) => ({ name: check.name, ready: await check.isReady().catch(() => false) })),
    );
    const ready = results.every((result) => result.ready);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  return router;
}
