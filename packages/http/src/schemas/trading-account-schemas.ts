import { z } from 'zod';
import { CodeText, Currency, DayText, DecimalString, Id, IdText, Instant, Int, PageQuery, Text, pageOf } from './common.js';

/**
 * The risk lifecycle of one watched platform login (rule book section 4), the
 * same resource whatever the account belongs to: a challenge phase, a funded
 * account or a competition entry.
 */

const Login = Id.openapi({ description: 'The platform login of the trading account', example: '1000042' });
export const LoginParams = z.object({ login: Login });
export const LoginPositionParams = z.object({ login: Login, positionId: Id });

const TradingAccountStatus = z.enum(['active', 'breached', 'closed']);

export const TradingAccountOwner = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('challenge_phase'), id: IdText, phase: Int(), attempt: Int() }),
    z.object({ kind: z.literal('funded_account'), id: IdText }),
    z.object({ kind: z.literal('competition_entry'), id: IdText, competitionId: IdText }),
  ])
  .openapi('TradingAccountOwner', { description: 'What the trading account belongs to' });

/** A loss limit as the trader sees it; every figure is null when the limit is off (a competition without loss limits, docs/rules.md §7). */
const LossLimit = z.object({
  floor: DecimalString.nullable(),
  allowance: DecimalString.nullable(),
  remaining: DecimalString.nullable(),
  remainingPercent: DecimalString.nullable(),
  usedPercent: DecimalString.nullable(),
  warningLevel: DecimalString.nullable(),
});

/**
 * The loss-limit view of docs/rules.md §4, the same for every kind of account:
 * the trading account's metrics and the challenge and funded views build on it.
 */
export const lossLimitViewShape = {
  currency: Currency,
  tradingDay: DayText,
  nextResetAt: Instant,
  calendar: z.object({ timeZone: z.string().max(64), resetTime: z.string().max(8) }),
  initialBalance: DecimalString,
  balance: DecimalString,
  equity: DecimalString,
  dayStartBalance: DecimalString,
  dayStartEquity: DecimalString,
  dailyLoss: LossLimit,
  maxLoss: LossLimit,
  breach: z.record(z.string(), z.unknown()).nullable(),
  figuresSource: z.enum(['platform', 'stored']),
};

export const TradingAccountMetrics = z
  .looseObject({
    ...lossLimitViewShape,
    login: IdText,
    owner: TradingAccountOwner,
    status: TradingAccountStatus,
    profit: z.object({ amount: DecimalString, percent: DecimalString }),
    openPositions: Int(),
  })
  .openapi('TradingAccountMetrics');

export const AccountReplayQuery = z.object({ verdictId: Id.optional() });

export const TradingAccountVerdictReplay = z
  .object({
    login: IdText,
    owner: TradingAccountOwner,
    verdictId: IdText,
    stored: z.record(z.string(), z.unknown()),
    replayed: z.record(z.string(), z.unknown()),
    storedHash: z.string().max(128),
    replayedHash: z.string().max(128),
    matches: z.boolean(),
  })
  .openapi('TradingAccountVerdictReplay');

export const TradingAccountBreachOverridden = z
  .looseObject({
    login: IdText,
    owner: TradingAccountOwner,
    status: TradingAccountStatus,
    /** False when the platform did not take the re-enabling now: the worker retries it from the outbox. */
    tradingEnabled: z.boolean(),
    original: z.record(z.string(), z.unknown()),
    tradingDay: DayText,
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    /** Null when that limit is off. */
    dailyLossFloor: DecimalString.nullable(),
    maxLossFloor: DecimalString.nullable(),
  })
  .openapi('TradingAccountBreachOverridden');

export const AccountHistoryQuery = PageQuery;

/** A deal taken in for the login; `phase` and `attempt` are 0 on an account that is not a challenge's. */
export const AccountDeal = z
  .object({
    dealId: IdText,
    login: IdText,
    phase: Int(),
    attempt: Int(),
    time: Instant,
    kind: CodeText,
    entry: CodeText.nullable(),
    reason: CodeText,
    symbol: z.string().max(32).nullable(),
    positionId: IdText.nullable(),
    volume: DecimalString,
    price: DecimalString,
    profit: DecimalString,
    swap: DecimalString,
    commission: DecimalString,
    comment: Text(),
    balanceAfter: DecimalString,
  })
  .openapi('AccountDeal');

export const AccountDealPage = pageOf(AccountDeal, 'AccountDealPage');

/** A violation's id is derived from its cause (`<restriction>:<deal or instant>`), so it may hold `:` and `.`. */
const ViolationId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w:.-]+$/, 'a violation id')
  .openapi({ description: 'The violation id, as listed', example: 'max_trades_per_day:90000017' });
export const LoginViolationParams = z.object({ login: Login, violationId: ViolationId });

export const ClearViolationRequest = z
  .object({ reason: z.string().trim().min(3).max(1000) })
  .strict()
  .openapi('ClearViolationRequest');

/** A restriction violation as stored (docs/rules.md §14): what was found, its hash, `open` or `cleared` and by whom. */
const violationShape = {
  violationId: Text(200),
  login: IdText,
  owner: TradingAccountOwner,
  status: z.enum(['open', 'cleared']),
  violation: z.record(z.string(), z.unknown()),
  inputHash: z.string().max(128),
  tradingDay: DayText,
  recordedAt: Instant,
  positionsClosedAt: Instant.nullable(),
};
export const TradingAccountViolation = z
  .object({ ...violationShape, cleared: z.object({ reason: Text(1000), at: Instant }).nullable() })
  .openapi('TradingAccountViolation');
export const TradingAccountViolationList = z.object({ login: IdText, items: z.array(TradingAccountViolation).max(10_000) }).openapi('TradingAccountViolationList');
export const AdminTradingAccountViolation = z
  .object({ ...violationShape, cleared: z.object({ adminId: IdText, reason: Text(1000), at: Instant }).nullable() })
  .openapi('AdminTradingAccountViolation');
export const AdminViolationPage = pageOf(AdminTradingAccountViolation, 'AdminViolationPage');

export const TradingAccountViolationReplay = z
  .object({
    login: IdText,
    owner: TradingAccountOwner,
    violationId: Text(200),
    status: z.enum(['open', 'cleared']),
    stored: z.record(z.string(), z.unknown()),
    replayed: z.record(z.string(), z.unknown()).nullable(),
    storedHash: z.string().max(128),
    replayedHash: z.string().max(128),
    matches: z.boolean(),
  })
  .openapi('TradingAccountViolationReplay');
