import { z } from 'zod';
import { AccountMetrics } from '../schemas/challenge-schemas.js';
import { TradingAccountMetrics } from '../schemas/trading-account-schemas.js';
import { DecimalString, Instant } from '../schemas/common.js';
import { TradingSignal } from '../schemas/signals-schemas.js';

/** Close codes of the stream beyond the standard ones. */
export const CLOSE_TOKEN_EXPIRED = 4001;
export const CLOSE_GOING_AWAY = 1001;

/** Stable codes of `error` messages the stream itself raises (use-case codes pass through as they are). */
export const StreamErrorCode = {
  MALFORMED_JSON: 'STREAM.MALFORMED_JSON',
  INVALID_MESSAGE: 'STREAM.INVALID_MESSAGE',
  MESSAGE_TOO_LARGE: 'STREAM.MESSAGE_TOO_LARGE',
  TOO_MANY_SUBSCRIPTIONS: 'STREAM.TOO_MANY_SUBSCRIPTIONS',
  SYMBOL_NOT_FOUND: 'STREAM.SYMBOL_NOT_FOUND',
} as const;

const SymbolName = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'a symbol such as EURUSD');
const ChallengeId = z.string().regex(/^[\w-]{1,64}$/, 'a challenge id');
const Login = z.string().regex(/^[\w-]{1,64}$/, 'a trading account login');
// Per message; the per-connection limits are checked against what is already held.
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(100).optional();

const topics = { symbols: list(SymbolName), accounts: list(ChallengeId), logins: list(Login), signals: list(SymbolName) };
const namesATopic = (message: { symbols?: unknown; accounts?: unknown; logins?: unknown; signals?: unknown }) =>
  message.symbols !== undefined || message.accounts !== undefined || message.logins !== undefined || message.signals !== undefined;
const TOPIC_REQUIRED = { message: 'name at least one of symbols, accounts, logins, signals' };

// ---- client → server -------------------------------------------------------

export const SubscribeMessage = z.object({ type: z.literal('subscribe'), ...topics }).strict().refine(namesATopic, TOPIC_REQUIRED);
export const UnsubscribeMessage = z.object({ type: z.literal('unsubscribe'), ...topics }).strict().refine(namesATopic, TOPIC_REQUIRED);
export const PingMessage = z.object({ type: z.literal('ping') }).strict();
export const ClientMessage = z.discriminatedUnion('type', [SubscribeMessage, UnsubscribeMessage, PingMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type TopicLists = Pick<z.infer<typeof SubscribeMessage>, 'symbols' | 'accounts' | 'logins' | 'signals'>;

// ---- server → client -------------------------------------------------------

export const WelcomeMessage = z.object({
  type: z.literal('welcome'),
  userId: z.string(),
  role: z.enum(['trader', 'admin']),
  /** The connection is closed with 4001 at this instant; reconnect with a fresh token before. */
  expiresAt: Instant,
});
export const SubscriptionsMessage = z.object({
  type: z.literal('subscriptions'),
  symbols: z.array(z.string()),
  accounts: z.array(z.string()),
  logins: z.array(z.string()),
  signals: z.array(z.string()),
});
export const TickMessage = z.object({ type: z.literal('tick'), symbol: z.string(), bid: DecimalString, ask: DecimalString, time: Instant });
export const MetricsMessage = AccountMetrics.extend({ type: z.literal('metrics') });
/** A trading account's metrics, any kind, for the `logins` topic: the body of `GET /v1/accounts/:login/metrics`. */
export const AccountMetricsMessage = TradingAccountMetrics.extend({ type: z.literal('account_metrics') });
export const SignalMessage = TradingSignal.extend({ type: z.literal('signal') });
export const PongMessage = z.object({ type: z.literal('pong') });
export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  symbol: z.string().optional(),
  challengeId: z.string().optional(),
  login: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export const ServerMessage = z.discriminatedUnion('type', [
  WelcomeMessage,
  SubscriptionsMessage,
  TickMessage,
  MetricsMessage,
  AccountMetricsMessage,
  SignalMessage,
  PongMessage,
  ErrorMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ErrorMessage = z.infer<typeof ErrorMessage>;
