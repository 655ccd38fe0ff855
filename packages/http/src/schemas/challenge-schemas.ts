import { CHALLENGE_STATUSES } from '@tradesense/domain';
import { z } from 'zod';
import { DecimalString, Id, Instant, PageQuery, pageOf } from './common.js';

export const ChallengeIdParams = z.object({ challengeId: Id });

export const ChallengeSummary = z
  .object({
    id: z.string(),
    traderId: z.string(),
    status: z.enum(CHALLENGE_STATUSES),
    phase: z.number().int(),
    phaseCount: z.number().int(),
    phasePassed: z.boolean(),
    trial: z.boolean(),
    attempt: z.number().int(),
    modelId: z.string(),
    modelName: z.string(),
    modelVersion: z.number().int(),
    initialBalance: DecimalString,
    currency: z.string(),
    account: z.string().nullable(),
    createdAt: Instant,
    activatedAt: Instant.nullable(),
    endedAt: Instant.nullable(),
    breach: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('ChallengeSummary');
export const ChallengePage = pageOf(ChallengeSummary, 'ChallengePage');
export const ChallengesQuery = PageQuery;

const LossLimit = z.record(z.string(), z.unknown());
export const AccountMetrics = z
  .looseObject({
    challengeId: z.string(),
    status: z.enum(CHALLENGE_STATUSES),
    phase: z.number().int(),
    phaseCount: z.number().int(),
    trial: z.boolean(),
    currency: z.string(),
    tradingDay: z.string(),
    nextResetAt: Instant,
    calendar: z.object({ timeZone: z.string(), resetTime: z.string() }),
    initialBalance: DecimalString,
    balance: DecimalString,
    equity: DecimalString,
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    dailyLoss: LossLimit,
    maxLoss: LossLimit,
    profit: z.object({ amount: DecimalString, percent: DecimalString, targetBalance: DecimalString, targetPercent: DecimalString, progressPercent: DecimalString }),
    tradingDays: z.object({ done: z.number().int(), needed: z.number().int() }),
    breach: z.record(z.string(), z.unknown()).nullable(),
    account: z.string().nullable(),
    figuresSource: z.enum(['platform', 'stored']),
  })
  .openapi('AccountMetrics');

export const Deal = z.record(z.string(), z.unknown()).openapi('Deal');
export const DealPage = pageOf(Deal, 'DealPage');
export const HistoryQuery = PageQuery;

export const ReplayQuery = z.object({ verdictId: Id.optional() });
export const VerdictReplay = z
  .object({
    challengeId: z.string(),
    verdictId: z.string(),
    stored: z.record(z.string(), z.unknown()),
    replayed: z.record(z.string(), z.unknown()),
    storedHash: z.string(),
    replayedHash: z.string(),
    matches: z.boolean(),
  })
  .openapi('VerdictReplay');

// Admin
export const AdminChallengesQuery = PageQuery.extend({
  status: z.enum(CHALLENGE_STATUSES).optional(),
  traderId: Id.optional(),
  modelId: Id.optional(),
});
export const OverrideBreachRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const BreachOverridden = z
  .looseObject({
    challengeId: z.string(),
    status: z.enum(CHALLENGE_STATUSES),
    account: z.string().nullable(),
    /** False when the platform did not take the re-enabling now: the worker retries it from the outbox. */
    tradingEnabled: z.boolean(),
    tradingDay: z.string(),
    dayStartBalance: DecimalString,
    dayStartEquity: DecimalString,
    dailyLossFloor: DecimalString,
    maxLossFloor: DecimalString,
  })
  .openapi('BreachOverridden');
