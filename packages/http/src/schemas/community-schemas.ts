import { z } from 'zod';
import { CodeText, Currency, DecimalString, Id, IdText, Instant, Int, List, Loose, NameText, PageQuery, Text, UrlText } from './common.js';

const CompetitionStatus = z.enum(['upcoming', 'registration', 'active', 'ended']);
const LocalDate = z.iso.date().max(10);

/**
 * Evaluation-like loss limits for the entries' trading accounts, in % of the
 * initial balance (each above 0 and below 100), measured like a model's
 * defaults: daily floor = day-start balance − daily % × initial, static max
 * floor = initial × (1 − max %). A breach disqualifies the entry.
 */
const CompetitionLossLimits = z
  .object({
    dailyLossPercent: DecimalString.openapi({ description: 'Daily loss limit, % of the initial balance, above 0 and below 100', example: '5' }),
    maxLossPercent: DecimalString.openapi({ description: 'Max loss limit, % of the initial balance, above 0 and below 100', example: '10' }),
  })
  .strict()
  .openapi('CompetitionLossLimits');

export const CompetitionsQuery = z.object({ status: CompetitionStatus.optional() });
export const CompetitionSummary = z
  .looseObject({
    id: IdText,
    name: NameText,
    status: CompetitionStatus,
    registrationOpen: z.boolean(),
    registrationOpens: LocalDate,
    registrationCloses: LocalDate,
    starts: LocalDate,
    ends: LocalDate,
    registrationOpensAt: Instant,
    registrationClosesAt: Instant,
    startsAt: Instant,
    endsAt: Instant,
    currency: Currency,
    initialBalance: DecimalString,
    entryFee: DecimalString,
    maxParticipants: Int().nullable(),
    lossLimits: CompetitionLossLimits.nullable().openapi({ description: 'Null: the entries have no loss limits' }),
  })
  .openapi('CompetitionSummary');
export const CompetitionList = z.object({ competitions: List(CompetitionSummary) }).openapi('CompetitionList');
export const CompetitionParams = z.object({ competitionId: Id });
export const LeaderboardQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional().openapi({ format: 'int32' }) });
export const CompetitionLeaderboard = z
  .object({
    competition: CompetitionSummary,
    updatedAt: Instant.nullable(),
    standings: List(
      z.looseObject({ rank: Int(), displayName: NameText.nullable(), equity: DecimalString, roi: DecimalString, roiPercent: DecimalString }),
    ),
    disqualified: Int(),
  })
  .openapi('CompetitionLeaderboard');
export const RegisterEntryRequest = z
  .object({
    /** Your paid order for the entry fee; required when the competition has one. */
    orderId: Id.optional(),
  })
  .strict();
export const CompetitionEntryCreated = z
  .object({
    competitionId: IdText,
    entryId: IdText,
    tradingAccount: z.object({ login: IdText, password: z.string().max(128), investorPassword: z.string().max(128), group: CodeText }).nullable(),
  })
  .openapi('CompetitionEntryCreated');
export const MyCompetitionEntry = z
  .looseObject({
    entryId: IdText,
    status: z.enum(['active', 'disqualified']),
    registeredAt: Instant,
    rank: Int().nullable(),
    equity: DecimalString,
    roiPercent: DecimalString,
    disqualification: z.object({ reason: Text(), at: Instant }).nullable(),
    tradingLogin: IdText.nullable(),
  })
  .openapi('MyCompetitionEntry');

export const GlobalLeaderboard = z
  .object({
    refreshedAt: Instant.nullable(),
    lines: List(z.object({ rank: Int(), displayName: NameText, profitPercent: DecimalString })),
  })
  .openapi('GlobalLeaderboard');

export const AffiliateRegistered = z.looseObject({ affiliateId: IdText, code: CodeText, tierId: IdText }).openapi('AffiliateRegistered');
export const AffiliateDashboard = z
  .looseObject({
    code: CodeText,
    referralLink: UrlText,
    currency: Currency,
    clicks: Int(),
    signups: Int(),
    conversions: Int(),
    conversionRate: DecimalString,
    earnings: DecimalString,
  })
  .openapi('AffiliateDashboard');
export const ReferralParams = z.object({ code: z.string().min(1).max(64).regex(/^[\w-]+$/) });
export const ReferralClick = z.object({ code: CodeText, expiresAt: Instant }).openapi('ReferralClick');
export const ReferralLinked = z.object({ linked: z.literal(true) }).openapi('ReferralLinked');

// Admin
const PrizeInput = z.discriminatedUnion('kind', [
  z.object({ rank: Int(1, 100), kind: z.literal('cash'), amount: DecimalString }).strict(),
  z.object({ rank: Int(1, 100), kind: z.literal('funded_account'), modelId: Id, accountSize: DecimalString }).strict(),
]);
export const CreateCompetitionRequest = z
  .object({
    name: z.string().trim().min(3).max(200),
    registrationOpens: LocalDate,
    registrationCloses: LocalDate,
    starts: LocalDate,
    ends: LocalDate,
    currency: z.string().regex(/^[A-Z]{3}$/).openapi({ maxLength: 3 }).optional(),
    initialBalance: DecimalString.optional(),
    maxParticipants: Int(1).nullable().optional(),
    entryFee: DecimalString.optional(),
    maxDailyTrades: Int(1).optional(),
    maxLotsForex: DecimalString.optional(),
    maxLotsIndices: DecimalString.optional(),
    lossLimits: CompetitionLossLimits.nullable()
      .optional()
      .openapi({ description: 'Loss limits for the entries’ trading accounts; absent or null: none (the default)' }),
    prizePool: DecimalString.optional(),
    prizes: List(PrizeInput).max(100),
  })
  .strict();
export const CompetitionCreated = Loose.openapi('CompetitionCreated');
export const EntryParams = z.object({ competitionId: Id, entryId: Id });
export const DisqualifyRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const Disqualified = z.object({ entryId: IdText }).openapi('Disqualified');
export const PrizesAwarded = z.object({ competitionId: IdText, awards: List(Loose) }).openapi('PrizesAwarded');
export const AuditLogQuery = PageQuery.omit({ cursor: true }).extend({
  cursor: z.string().max(200).optional(),
  subjectType: z.string().max(64).optional(),
  subjectId: z.string().max(128).optional(),
  action: z.string().max(128).optional(),
});
export const AuditLogPage = z.object({ entries: List(Loose), nextCursor: z.string().max(20).nullable() }).openapi('AuditLogPage');
