import { Histogram, type Registry } from 'prom-client';
import type { HttpRequestMetrics } from './platform-metrics.js';

/** From a cached health check (a millisecond) to a slow payment provider call (tens of seconds). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function httpCollectors(registry: Registry): HttpRequestMetrics {
  const duration = new Histogram({
    name: 'tradesense_http_request_duration_seconds',
    help: 'Time from a request arriving to its response finishing, by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  return {
    requestFinished({ route, method, status, seconds }) {
      duration.observe({ route, method, status_code: String(status) }, seconds);
    },
  };
}
