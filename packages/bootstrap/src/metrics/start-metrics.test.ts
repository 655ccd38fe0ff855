import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { listeningServers, scrapeMetrics, startTestPlatform } from '../testing/test-platform.js';

describe('metrics endpoint', () => {
  it('without METRICS_PORT nothing listens and recording is a no-op', async () => {
    const before = listeningServers();
    const platform = await startTestPlatform();
    try {
      expect(platform.metrics.url).toBeNull();
      expect(listeningServers()).toBe(before);
      platform.metrics.http.requestFinished({ route: '/health', method: 'GET', status: 200, seconds: 0.001 });
      platform.metrics.watchOutbox();
      expect(listeningServers()).toBe(before);
    } finally {
      await platform.close();
    }
  });

  it('with METRICS_PORT serves /metrics on METRICS_HOST until the platform closes, and no secret in it', async () => {
    const before = listeningServers();
    const platform = await startTestPlatform({ env: { METRICS_PORT: '0' } });
    const url = platform.metrics.url!;
    try {
      expect(listeningServers()).toBe(before + 1);
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(new URL(url).pathname).toBe('/metrics');
      const response = await fetch(url);
      expect(response.headers.get('content-type')).toContain('text/plain');
      expect(await response.text()).not.toContain(platform.config.auth.jwtSecret!);
      expect((await scrapeMetrics(url)).type('tradesense_db_pool_connections_in_use')).toBe('GAUGE');
    } finally {
      await platform.close();
    }
    // The listening handle is released by the event loop just after the close.
    await vi.waitFor(() => expect(listeningServers()).toBe(before));
    await expect(fetch(url)).rejects.toThrow();
  });

  it('reads METRICS_PORT and METRICS_HOST; an empty port is unset and a bad one is refused by name', () => {
    expect(loadConfig({}).metrics).toEqual({ host: '127.0.0.1', port: null });
    expect(loadConfig({ METRICS_PORT: '' }).metrics.port).toBeNull();
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});
