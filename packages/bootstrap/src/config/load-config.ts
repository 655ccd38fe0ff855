import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { kycConfigFromEnv, type KycConfig } from '@tradesense/adapters-kyc';
import { paymentsConfigFromEnv, type PaymentsConfig } from '@tradesense/adapters-payments';
import { configSchema, type TrustProxy } from './config-schema.js';

export type RuntimeMode = 'embedded' | 'server';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly mode: RuntimeMode;
  readonly database: { readonly url?: string; readonly dataDir?: string; readonly poolMax: number; readonly migrateOnStart: boolean };
  readonly dataDir: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicBaseUrl: string;
    readonly corsOrigins: readonly string[];
    readonly authRateLimitPerMinute: number;
    /** Which peers' X-Forwarded-For names the client (false: none; the peer is the client). */
    readonly trustProxy: TrustProxy;
    readonly idempotencyLeaseSeconds: number;
  };
  readonly logLevel: string;
  readonly calendar: { readonly timeZone: string; readonly resetTime: string };
  readonly worker: { readonly id: string; readonly heartbeatSeconds: number };
  /** Where this process serves /metrics; no port means no metrics at all (docs/operations.md, "Monitoring"). */
  readonly metrics: { readonly host: string; readonly port: number | null };
  readonly trading:
    | { readonly platform: 'simulated'; readonly seed: string }
    | {
        readonly platform: 'mt5';
        readonly url: string;
        readonly login: string;
        readonly password: string;
        readonly symbols: readonly string[];
        readonly swapFreeGroupSuffix: string;
        /** The MT5 server's wall clock: an IANA zone plus whole hours (brokers on GMT+2/+3 use America/New_York + 7). */
        readonly serverTime: { readonly timeZone: string; readonly shiftHours: number };
      };
  readonly mail:
    | { readonly transport: 'file'; readonly from: string; readonly directory: string }
    | {
        readonly transport: 'smtp';
        readonly from: string;
        readonly host: string;
        readonly port: number;
        readonly secure: boolean;
        readonly auth?: { readonly user: string; readonly pass: string };
      };
  readonly signals: {
    readonly gemini?: { readonly apiKey: string; readonly model: string; readonly timeoutMs: number };
    readonly cacheSeconds: number;
  };
  /** Payment gateways whose settings are present (docs/payments.md). */
  readonly payments: PaymentsConfig;
  /** KYC provider (docs/kyc.md). */
  readonly kyc: KycConfig;
  readonly auth: { readonly jwtSecret?: string; readonly accessTokenTtlSeconds: number; readonly refreshTokenTtlDays: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; names every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.') || '(environment)';
        const value = env[variable];
        const shown = value === undefined ? 'unset' : JSON.stringify(value);
        return `${variable} (${shown}): ${issue.message}`;
      }),
    );
  }
  const raw = parsed.data;
  assertTimeZone(raw.FIRM_TIME_ZONE);
  const mode: RuntimeMode = raw.DATABASE_URL ? 'server' : 'embedded';
  if (mode === 'server' && !raw.JWT_SECRET) {
    // Several processes must share it; an embedded install generates its own.
    throw new ConfigError(['JWT_SECRET (unset): required in server mode (at least 32 characters)']);
  }
  const dataDir = resolve(raw.TRADESENSE_DATA_DIR);
  const missing = (name: string, why: string) => `${name} (unset): required ${why}`;
  const problems: string[] = [];
  if (raw.TRADING_PLATFORM === 'mt5') {
    for (const name of ['MT5_URL', 'MT5_LOGIN', 'MT5_PASSWORD'] as const) {
      if (!raw[name]) problems.push(missing(name, 'when TRADING_PLATFORM=mt5'));
    }
  }
  if (raw.MAIL_TRANSPORT === 'smtp' && !raw.SMTP_HOST) problems.push(missing('SMTP_HOST', 'when MAIL_TRANSPORT=smtp'));
  if (raw.SMTP_USER && !raw.SMTP_PASSWORD) problems.push(missing('SMTP_PASSWORD', 'when SMTP_USER is set'));
  const publicBaseUrl = raw.PUBLIC_BASE_URL ?? `http://${raw.HOST === '0.0.0.0' ? '127.0.0.1' : raw.HOST}:${raw.PORT}`;
  const payments = adapterConfig(problems, () => paymentsConfigFromEnv(env, { mode, publicBaseUrl }));
  const kyc = adapterConfig(problems, () => kycConfigFromEnv(env, { mode }));
  if (problems.length > 0 || !payments || !kyc) throw new ConfigError(problems);
  const host = raw.HOST;
  return {
    env: raw.NODE_ENV,
    mode,
    database: {
      ...(raw.DATABASE_URL ? { url: raw.DATABASE_URL } : { dataDir: resolve(dataDir, 'pgdata') }),
      poolMax: raw.DATABASE_POOL_MAX,
      migrateOnStart: raw.MIGRATE_ON_START,
    },
    dataDir,
    http: {
      host,
      port: raw.PORT,
      publicBaseUrl,
      corsOrigins: raw.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
      authRateLimitPerMinute: raw.AUTH_RATE_LIMIT_PER_MINUTE,
      trustProxy: raw.TRUST_PROXY,
      idempotencyLeaseSeconds: raw.IDEMPOTENCY_LEASE_SECONDS,
    },
    logLevel: raw.LOG_LEVEL,
    calendar: { timeZone: raw.FIRM_TIME_ZONE, resetTime: raw.FIRM_RESET_TIME },
    worker: { id: raw.WORKER_ID ?? `${hostname()}-${process.pid}`, heartbeatSeconds: raw.WORKER_HEARTBEAT_SECONDS },
    metrics: { host: raw.METRICS_HOST, port: raw.METRICS_PORT ?? null },
    trading:
      raw.TRADING_PLATFORM === 'mt5'
        ? {
            platform: 'mt5',
            url: raw.MT5_URL!,
            login: raw.MT5_LOGIN!,
            password: raw.MT5_PASSWORD!,
            symbols: raw.MT5_SYMBOLS.split(',').map((s) => s.trim()).filter(Boolean),
            swapFreeGroupSuffix: raw.MT5_SWAP_FREE_GROUP_SUFFIX,
            serverTime: { timeZone: raw.MT5_SERVER_TIME_ZONE, shiftHours: raw.MT5_SERVER_TIME_SHIFT_HOURS },
          }
        : { platform: 'simulated', seed: raw.SIMULATOR_SEED },
    mail:
      raw.MAIL_TRANSPORT === 'smtp'
        ? {
            transport: 'smtp',
            from: raw.MAIL_FROM,
            host: raw.SMTP_HOST!,
            port: raw.SMTP_PORT,
            secure: raw.SMTP_SECURE,
            ...(raw.SMTP_USER ? { auth: { user: raw.SMTP_USER, pass: raw.SMTP_PASSWORD! } } : {}),
          }
        : { transport: 'file', from: raw.MAIL_FROM, directory: resolve(dataDir, 'mail') },
    signals: {
      ...(raw.GEMINI_API_KEY ? { gemini: { apiKey: raw.GEMINI_API_KEY, model: raw.GEMINI_MODEL, timeoutMs: raw.GEMINI_TIMEOUT_MS } } : {}),
      cacheSeconds: raw.SIGNAL_CACHE_SECONDS,
    },
    payments,
    kyc,
    auth: {
      ...(raw.JWT_SECRET ? { jwtSecret: raw.JWT_SECRET } : {}),
      accessTokenTtlSeconds: raw.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: raw.REFRESH_TOKEN_TTL_DAYS,
    },
  };
}

/** Adapter packages parse their own variables; their complaints join the list. */
function adapterConfig<T>(problems: string[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError([`FIRM_TIME_ZONE (${JSON.stringify(zone)}): not an IANA time zone`]);
  }
}
