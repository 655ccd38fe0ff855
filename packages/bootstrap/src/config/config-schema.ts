import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Whether the runtime's time-zone database knows the name (Intl throws a RangeError otherwise). */
function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What Express's `trust proxy` may be given: nothing, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | readonly string[];

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4/IPv6 address, optionally with a /prefix. */
function isAddressOrSubnet(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `none` (the default; X-Forwarded-For is ignored), a number of
 * proxy hops in front of the API, or a comma-separated list of proxy
 * addresses, subnets and the names loopback, linklocal, uniquelocal.
 * `true` (trust any sender) is refused: any client could then choose the
 * address the sign-in limit counts.
 */
const trustProxy = z
  .string()
  .trim()
  .default('none')
  .transform((value, ctx): TrustProxy => {
    if (value === '' || value === 'none' || value === 'false') return false;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && hops <= 10) return hops;
    } else {
      const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
      if (entries.length > 0 && entries.every((entry) => PROXY_PRESETS.has(entry) || isAddressOrSubnet(entry))) return entries;
    }
    ctx.addIssue({ code: 'custom', message: 'must be none, a hop count from 1 to 10, or proxy addresses/subnets (or loopback, linklocal, uniquelocal), comma-separated' });
    return z.NEVER;
  });

/**
 * Every environment variable the platform reads, with its default. The README's
 * configuration table mirrors this schema.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  MIGRATE_ON_START: booleanFlag.default(true),
  TRADESENSE_DATA_DIR: z.string().min(1).default('./.tradesense'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FIRM_TIME_ZONE: z.string().min(1).default('America/New_York'),
  FIRM_RESET_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
    .default('17:00'),
  JWT_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  CORS_ORIGINS: z.string().default(''),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  TRUST_PROXY: trustProxy,
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  TRADING_PLATFORM: z.enum(['simulated', 'mt5']).default('simulated'),
  SIMULATOR_SEED: z.string().min(1).default('tradesense'),
  MT5_URL: z.url().optional(),
  MT5_LOGIN: z.string().min(1).optional(),
  MT5_PASSWORD: z.string().min(1).optional(),
  MT5_SYMBOLS: z.string().default('EURUSD,GBPUSD,USDJPY,XAUUSD,US30,GER40,BTCUSD'),
  MT5_SWAP_FREE_GROUP_SUFFIX: z.string().default('-SF'),
  MT5_SERVER_TIME_ZONE: z
    .string()
    .refine((zone) => isValidTimeZone(zone), 'must be an IANA time zone such as America/New_York or UTC')
    .default('UTC'),
  MT5_SERVER_TIME_SHIFT_HOURS: z.coerce.number().int().min(-12).max(14).default(0),
  MAIL_TRANSPORT: z.enum(['file', 'smtp']).default('file'),
  MAIL_FROM: z.string().min(3).default('TradeSense <no-reply@tradesense.local>'),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  GEMINI_API_KEY: z.string().min(1).optional(),
  GEMINI_MODEL: z.string().min(1).default('gemini-2.5-flash'),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
  SIGNAL_CACHE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  WORKER_ID: z.string().min(1).optional(),
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  // Empty counts as unset: coerced, '' would be port 0 and open an ephemeral port nobody asked for.
  METRICS_PORT: z.preprocess((value) => (value === '' ? undefined : value), port.optional()),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
});

export type RawConfig = z.infer<typeof configSchema>;
