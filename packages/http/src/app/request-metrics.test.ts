import { describeEachPlatform, scrapeMetrics } from '@tradesense/bootstrap/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from './http-server.js';

describeEachPlatform(
  'http request metrics',
  (ctx) => {
    let http: RunningHttpServer;
    beforeAll(async () => {
      http = await startHttpServer(ctx.platform);
    });
    afterAll(() => http.stop());

    it('times each request under its route pattern and status, on the metrics port only', async () => {
      expect((await fetch(`${http.url}/health`)).status).toBe(200);
      expect((await fetch(`${http.url}/health`)).status).toBe(200);
      expect((await fetch(`${http.url}/v1/challenges/chal-7f3a9c/metrics`)).status).toBe(401);
      expect((await fetch(`${http.url}/no/such/route-5e1d`)).status).toBe(404);
      // The API's own port does not serve the figures.
      expect((await fetch(`${http.url}/metrics`)).status).toBe(404);

      const url = ctx.platform.metrics.url!;
      expect(new URL(url).port).not.toBe(new URL(http.url).port);
      const scraped = await scrapeMetrics(url);
      expect(scraped.type('tradesense_http_request_duration_seconds')).toBe('HISTOGRAM');
      const count = (route: string, status: string) =>
        scraped.value('tradesense_http_request_duration_seconds_count', { route, method: 'GET', status_code: status });
      expect(count('/health', '200')).toBe(2);
      expect(count('/v1/challenges/:challengeId/metrics', '401')).toBe(1);
      // Unmatched URLs share one series; no raw path (with its ids) becomes a label.
      expect(count('unmatched', '404')).toBe(2);
      const routes = scraped.samples('tradesense_http_request_duration_seconds_count').map((sample) => sample.labels['route']);
      expect(routes.filter((route) => route?.includes('chal-7f3a9c') || route?.includes('5e1d'))).toEqual([]);

      // The default process metrics and the connection pool come with every process kind.
      expect(scraped.type('process_cpu_user_seconds_total')).toBe('COUNTER');
      expect(scraped.type('nodejs_eventloop_lag_seconds')).toBe('GAUGE');
      expect(scraped.type('tradesense_db_pool_connections_in_use')).toBe('GAUGE');
      expect(scraped.type('tradesense_db_pool_waiting')).toBe('GAUGE');
      expect(scraped.value('tradesense_db_pool_waiting', { driver: ctx.platform.database.driver })).toBe(0);
      expect(scraped.value('tradesense_db_pool_connections_max', { driver: ctx.platform.database.driver })).toBeGreaterThanOrEqual(1);
      // The outbox backlog is the workers' to report.
      expect(scraped.type('tradesense_outbox_undelivered')).toBeUndefined();
      // Anything but /metrics is not found on the metrics port.
      expect((await fetch(new URL('/', url))).status).toBe(404);
    });
  },
  { env: { METRICS_PORT: '0' } },
);
