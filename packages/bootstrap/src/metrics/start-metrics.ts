import type { Clock, OutboxBacklogReader } from '@tradesense/application';
import type { Database } from '@tradesense/adapters-postgres';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { httpCollectors } from './http-collectors.js';
import { jobCollectors } from './job-collectors.js';
import { startMetricsServer } from './metrics-server.js';
import { outboxCollectors } from './outbox-collectors.js';
import { disabledMetrics, type PlatformMetrics } from './platform-metrics.js';
import { poolCollectors } from './pool-collectors.js';
import { riskCollectors } from './risk-collectors.js';

export interface MetricsSources {
  readonly database: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Read only once the worker asks for the outbox gauges. */
  readonly outbox: () => OutboxBacklogReader;
}

/**
 * The process's own registry (never prom-client's global one, so several
 * platforms in one process, as in tests, do not mix their figures) with the
 * default process metrics, and its /metrics listener. Without METRICS_PORT
 * nothing is created and nothing listens.
 */
export async function startMetrics(config: Config['metrics'], sources: MetricsSources): Promise<PlatformMetrics> {
  if (config.port === null) return disabledMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  poolCollectors(registry, sources.database);
  const http = httpCollectors(registry);
  const risk = riskCollectors(registry);
  const jobs = jobCollectors(registry);
  const server = await startMetricsServer(registry, config.host, config.port);
  sources.logger.info({ url: server.url }, 'metrics served');
  let outboxWatched = false;
  let closed = false;
  return {
    url: server.url,
    http,
    risk,
    jobs,
    watchOutbox() {
      if (outboxWatched) return;
      outboxWatched = true;
      outboxCollectors(registry, sources.outbox(), sources.clock, sources.logger);
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}
