import 'reflect-metadata';
import {
  ACCESS_TOKENS,
  CLOCK,
  DOCUMENT_RENDERER,
  KYC_PROVIDER,
  DOCUMENT_NUMBER_HASHER,
  ORDER_EXECUTION,
  PAYMENT_GATEWAYS,
  PRICE_FEED,
  SIGNAL_PROVIDER,
  TRADING_PLATFORM,
  ID_GENERATOR,
  OPAQUE_TOKENS,
  PASSWORD_HASHER,
  PASSWORD_STRENGTH,
  UNIT_OF_WORK,
  USE_CASES,
  createUseCases,
  createFundingOutboxHandlers,
  createTradingAccountsOutboxHandlers,
  USE_CASE_DEPENDENCIES,
  createCommerceOutboxHandlers,
  affiliateCommissionHandler,
  OUTBOX_HANDLER,
  OUTBOX_BACKLOG,
  OUTBOX_STORE,
  SIMULATED_TRADING_STORE,
  type Clock,
  type SimulatedTradingStore,
  type IdGenerator,
  type Token,
  type UseCases,
} from '@tradesense/application';
import { authModule } from '@tradesense/adapters-auth';
import {
  AnchoredRandomWalkPriceSource,
  DEFAULT_SYMBOLS,
  SIMULATED_TRADING_SERVER,
  mt5TradingModule,
  simulatedTradingModule,
  type SimulatedTradingServer,
} from '@tradesense/adapters-mt-bridge';
import { notifyModule } from '@tradesense/adapters-notify';
import { kycModule } from '@tradesense/adapters-kyc';
import { paymentsModule } from '@tradesense/adapters-payments';
import { signalsModule } from '@tradesense/adapters-signals';
import { migrateToLatest, openDatabase, postgresModule, runSeeds, type Database } from '@tradesense/adapters-postgres';
import { TradingCalendar } from '@tradesense/domain';
import { Container } from 'inversify';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { CONFIG, LOGGER, TRADING_CALENDAR } from './tokens.js';
import { systemClock } from './system-clock.js';
import { cryptoIdGenerator } from './crypto-id-generator.js';
import { embeddedSecret } from './embedded-secret.js';
import { startMetrics } from '../metrics/start-metrics.js';
import type { PlatformMetrics } from '../metrics/platform-metrics.js';
import { disabledTracing, type PlatformTracing } from '../tracing/platform-tracing.js';
import { traceUseCases } from '../tracing/traced-use-cases.js';

function publicLinks(base: string) {
  const root = base.replace(/\/+$/, '');
  return {
    publicBaseUrl: root,
    passwordReset: (token: string) => `${root}/reset-password?token=${encodeURIComponent(token)}`,
    certificateVerification: (id: string) => `${root}/v1/certificates/${encodeURIComponent(id)}/verify`,
    checkoutReturn: (orderId: string, outcome: 'success' | 'cancel') => `${root}/v1/orders/${encodeURIComponent(orderId)}/checkout-${outcome}`,
  };
}

async function tradingModule(config: Config, clock: Clock, store: SimulatedTradingStore, logger: Logger) {
  if (config.trading.platform === 'mt5') {
    return mt5TradingModule({
      baseUrl: config.trading.url,
      login: config.trading.login,
      password: config.trading.password,
      symbols: config.trading.symbols,
      swapFreeGroupSuffix: config.trading.swapFreeGroupSuffix,
      serverTime: config.trading.serverTime,
    });
  }
  // The books live in the database and the price at any instant derives from the seed and the market's
  // anchor (stored by the first boot), so restarts and every API and worker process share one server.
  const now = clock.now();
  const anchor = await store.marketAnchor(now);
  return simulatedTradingModule({
    seed: config.trading.seed,
    startAt: now,
    tradingDay: config.calendar,
    autoRollover: true,
    store,
    priceSource: new AnchoredRandomWalkPriceSource({ seed: config.trading.seed, symbols: DEFAULT_SYMBOLS, anchor, from: now }),
    onLiveError: (error) => logger.warn({ err: error }, 'simulated market step failed'),
  });
}

export interface Platform {
  readonly config: Config;
  readonly container: Container;
  readonly database: Database;
  readonly logger: Logger;
  readonly useCases: UseCases;
  /** This process's metrics, served at /metrics on METRICS_PORT (no-ops when it is unset). */
  readonly metrics: PlatformMetrics;
  /** This process's tracing, started by the entry point (off unless OTEL_* asks; docs/operations.md, "Tracing"). */
  readonly tracing: PlatformTracing;
  /** Typed look-up of one binding. */
  get<T>(port: Token<T>): T;
  /** Typed look-up of a multi-bound port. */
  getAll<T>(port: Token<T>): T[];
  /**
   * Lets the simulated trading server's clock and prices run in real time
   * (the embedded default). Tests leave it off and drive the simulator.
   */
  startSimulatedMarket(): void;
  /** Closes everything the platform opened; safe to call twice. */
  close(): Promise<void>;
}

export interface PlatformOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** An already opened database (tests); the platform then leaves closing it to the caller. */
  readonly database?: Database;
  /**
   * The process's tracing (`startTracing`, process-wide like the tracer
   * provider): use-case calls get spans. Off by default; the platform does
   * not shut it down.
   */
  readonly tracing?: PlatformTracing;
}

/**
 * Opens the database (PGlite embedded, or the server), applies migrations when
 * asked, and assembles the container from each adapter package's module.
 */
export async function startPlatform(config: Config, logger: Logger, overrides: PlatformOverrides = {}): Promise<Platform> {
  const ownsDatabase = overrides.database === undefined;
  const database =
    overrides.database ??
    openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolMax: config.database.poolMax });
  try {
    if (config.database.migrateOnStart) {
      const applied = await migrateToLatest(database.knex);
      logger.info({ driver: database.driver, applied }, 'database migrated');
      await runSeeds(database.knex, (overrides.clock ?? systemClock).now());
    }
    const container = new Container();
    container.bind(CONFIG).toConstantValue(config);
    container.bind(LOGGER).toConstantValue(logger);
    container.bind(CLOCK).toConstantValue(overrides.clock ?? systemClock);
    container.bind(ID_GENERATOR).toConstantValue(overrides.ids ?? cryptoIdGenerator);
    container.bind(TRADING_CALENDAR).toConstantValue(new TradingCalendar(config.calendar));
    await container.load(postgresModule(database));
    await container.load(
      authModule({
        accessTokens: {
          secret: config.auth.jwtSecret ?? embeddedSecret(config.dataDir, 'jwt'),
          ttlSeconds: config.auth.accessTokenTtlSeconds,
          issuer: 'tradesense',
          audience: 'tradesense-api',
        },
        ...(config.env === 'test' ? { argon2: { memoryCost: 8_192, timeCost: 1 } } : {}),
      }),
      await tradingModule(config, overrides.clock ?? systemClock, container.get(SIMULATED_TRADING_STORE), logger),
      notifyModule(
        config.mail.transport === 'smtp'
          ? { mailer: 'smtp', smtp: { from: config.mail.from, host: config.mail.host, port: config.mail.port, secure: config.mail.secure, ...(config.mail.auth ? { auth: config.mail.auth } : {}) } }
          : { mailer: 'file', file: { from: config.mail.from, directory: config.mail.directory, log: (line) => logger.info({ mail: line }, 'e-mail written') } },
      ),
      paymentsModule(
        config.mode === 'embedded' && !config.payments.simulated?.secret
          ? { ...config.payments, simulated: { ...config.payments.simulated, secret: embeddedSecret(config.dataDir, 'simulated-gateway') } }
          : config.payments,
      ),
      kycModule(config.kyc),
      signalsModule({
        ...(config.signals.gemini ? { gemini: config.signals.gemini } : {}),
        cacheSeconds: config.signals.cacheSeconds,
        onGeminiFallback: (reason, symbol) => logger.warn({ reason, symbol }, 'gemini signal replaced by the indicator signal'),
      }),
    );
    const tracing = overrides.tracing ?? disabledTracing;
    container.bind(USE_CASE_DEPENDENCIES).toConstantValue({
      uow: container.get(UNIT_OF_WORK),
      outboxStore: container.get(OUTBOX_STORE),
      clock: container.get(CLOCK),
      ids: container.get(ID_GENERATOR),
      passwordHasher: container.get(PASSWORD_HASHER),
      passwordStrength: container.get(PASSWORD_STRENGTH),
      accessTokens: container.get(ACCESS_TOKENS),
      opaqueTokens: container.get(OPAQUE_TOKENS),
      sessionPolicy: { refreshTtlMs: config.auth.refreshTokenTtlDays * 86_400_000 },
      calendar: container.get(TRADING_CALENDAR),
      tradingPlatform: container.get(TRADING_PLATFORM),
      priceFeed: container.get(PRICE_FEED),
      orderExecution: container.isBound(ORDER_EXECUTION) ? container.get(ORDER_EXECUTION) : null,
      paymentGateways: container.get(PAYMENT_GATEWAYS),
      kycProvider: container.get(KYC_PROVIDER),
      documentNumberHasher: container.get(DOCUMENT_NUMBER_HASHER),
      documents: container.get(DOCUMENT_RENDERER),
      signals: container.get(SIGNAL_PROVIDER),
      // The login and the error only: the entry's address and device are personal data and stay out of the logs.
      onUnrecordedTradeActivity: (error: unknown, login: string) => logger.warn({ err: error, login }, 'trade client activity not recorded'),
      links: publicLinks(config.http.publicBaseUrl),
    });
    container.bind(USE_CASES).toConstantValue(traceUseCases(createUseCases(container.get(USE_CASE_DEPENDENCIES)), tracing));
    // Follow-ups the use cases leave in the outbox (funded account activation, scaling review, certificates).
    const useCases: UseCases = container.get(USE_CASES);
    for (const handler of createFundingOutboxHandlers(useCases)) container.bind(OUTBOX_HANDLER).toConstantValue(handler);
    // Trading re-enabled on an account whose breach an admin cleared, when the platform missed it then.
    for (const handler of createTradingAccountsOutboxHandlers(useCases)) container.bind(OUTBOX_HANDLER).toConstantValue(handler);
    // Paid orders are fulfilled (again, after a failure) and trading is disabled on refunded challenges.
    for (const handler of createCommerceOutboxHandlers(useCases, container.get(TRADING_PLATFORM))) container.bind(OUTBOX_HANDLER).toConstantValue(handler);
    // Affiliate commissions follow paid and refunded orders.
    container.bind(OUTBOX_HANDLER).toConstantValue(affiliateCommissionHandler(useCases));
    const clock: Clock = container.get(CLOCK);
    // Last: a port already taken fails the start before anything else is left running.
    const metrics = await startMetrics(config.metrics, { database, clock, logger, outbox: () => container.get(OUTBOX_BACKLOG) });
    let closed = false;
    const simulator = config.trading.platform === 'simulated' ? container.get<SimulatedTradingServer>(SIMULATED_TRADING_SERVER) : undefined;
    return {
      config,
      container,
      database,
      logger,
      useCases: container.get(USE_CASES),
      metrics,
      tracing,
      get: <T>(port: Token<T>): T => container.get<T>(port),
      getAll: <T>(port: Token<T>): T[] => container.getAll<T>(port),
      startSimulatedMarket() {
        void simulator?.startLive(clock, 500);
      },
      async close() {
        if (closed) return;
        closed = true;
        await metrics.close();
        // Lets a running market step finish before the database goes away.
        await simulator?.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
}
