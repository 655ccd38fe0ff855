import type { Clock } from '@tradesense/application';
import { testTargets } from '@tradesense/adapters-postgres/testing';

/** An empty database on the test server, for tests whose processes migrate and share it. */
export { createEmptyServerDatabase, type EmptyServerDatabase } from '@tradesense/adapters-postgres/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig, type Config } from '../config/load-config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { startPlatform, type Platform } from '../runtime/platform.js';
import type { PlatformTracing } from '../tracing/platform-tracing.js';

export interface TestPlatformOptions {
  readonly clock?: Clock;
  /** Read when the platform starts, so a suite may fill it in a `beforeAll` (e.g. with a local fake's URL). */
  readonly env?: Record<string, string>;
  /** Adds what no variable carries to the configuration read from `env` (e.g. the PayPal certificate source). */
  readonly configure?: (config: Config) => Config;
  /** Where the platform logs (silent when absent), for tests that read the log lines. */
  readonly logger?: Logger;
  /** The suite's tracing, read when the platform starts (started in an outer `beforeAll`); off when absent. */
  readonly tracing?: () => PlatformTracing;
}

function testConfig(env: Record<string, string> = {}, configure: (config: Config) => Config = (config) => config): Config {
  const base = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', NODE_ENV: 'test', JWT_SECRET: 'test-secret-test-secret-test-secret!', ...env });
  return configure({ ...base, database: { poolMax: 1, migrateOnStart: true } });
}

/** A platform on a private in-memory PGlite database, silent logs, port 0. */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<Platform> {
  return startPlatform(testConfig(options.env, options.configure), options.logger ?? createLogger('silent'), options.clock ? { clock: options.clock } : {});
}

export interface PlatformContext {
  readonly platform: Platform;
}

/**
 * Declares a suite once per database target (PGlite, and the PostgreSQL
 * server when TEST_DATABASE_URL is set), each with a fresh database and a
 * started platform.
 */
export function describeEachPlatform(title: string, suite: (ctx: PlatformContext) => void, options: TestPlatformOptions = {}): void {
  for (const target of testTargets()) {
    describe(`${title} [${target.driver}]`, () => {
      let platform: Platform | undefined;
      let dispose: (() => Promise<void>) | undefined;
      const ctx: PlatformContext = {
        get platform() {
          if (!platform) throw new Error('platform not started');
          return platform;
        },
      };
      beforeAll(async () => {
        const created = await target.create();
        dispose = created.dispose;
        platform = await startPlatform(testConfig(options.env, options.configure), options.logger ?? createLogger('silent'), {
          database: created.database,
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.tracing ? { tracing: options.tracing() } : {}),
        });
      });
      afterAll(async () => {
        await platform?.close();
        await dispose?.();
      });
      suite(ctx);
    });
  }
}

/** The embedded simulated trading server, for tests of outer packages that drive prices and trades. */
export { SIMULATED_TRADING_SERVER, SimulatedTradingServer, DEFAULT_SYMBOLS, NO_COMMISSIONS } from '@tradesense/adapters-mt-bridge';

/** A challenge whose last phase is passed, for tests of outer packages that go on from there (KYC, agreement, funding). */
export { pendingKycChallenge, registerPerson, fundTrader } from './funding-fixtures.js';

/** The payloads of the outbox messages of one aggregate and topic, oldest first. */
export { outboxPayloads, openChallenge } from './challenge-fixtures.js';

/** Local fakes of the payment providers and their signed notifications, for end-to-end webhook tests. */
export * from '@tradesense/adapters-payments/testing';

/** Scrapes a process's /metrics and parses it (for the monitoring tests of every process kind). */
export { scrapeMetrics, listeningServers, type ScrapedMetrics, type MetricSample } from './scrape-metrics.js';

/** Tracing into memory, for tests of the spans a request or a delivery makes. */
export { startMemoryTracing, type MemoryTracing, type RecordedSpan } from './memory-tracing.js';
