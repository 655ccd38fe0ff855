import { z } from 'zod';
import { DecimalString, Id, Instant, PageQuery } from './common.js';

const Loose = z.record(z.string(), z.unknown());
const CompetitionStatus = z.enum(['upcoming', 'registration', 'active', 'ended']);
const LocalDate = z.iso.date();

export const CompetitionsQuery = z.object({ status: CompetitionStatus.optional() });
export const CompetitionSummary = z
  .looseObject({
    id: z.string(),
    name: z.string(),
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
    currency: z.string(),
    initialBalance: DecimalString,
    entryFee: DecimalString,
    maxParticipants: z.number().int().nullable(),
  })
  .openapi('CompetitionSummary');
export const CompetitionList = z.object({ competitions: z.array(CompetitionSummary) }).openapi('CompetitionList');
export const CompetitionParams = z.object({ competitionId: Id });
export const LeaderboardQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() });
export const CompetitionLeaderboard = z
  .object({
    competition: CompetitionSummary,
    updatedAt: Instant.nullable(),
    standings: z.array(
      z.looseObject({ rank: z.number().int(), displayName: z.string().nullable(), equity: DecimalString, roi: DecimalString, roiPercent: DecimalString }),
    ),
    disqualified: z.number().int(),
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
    competitionId: z.string(),
    entryId: z.string(),
    tradingAccount: z.object({ login: z.string(), password: z.string(), investorPassword: z.string(), group: z.string() }).nullable(),
  })
  .openapi('CompetitionEntryCreated');
export const MyCompetitionEntry = z
  .looseObject({
    entryId: z.string(),
    status: z.enum(['active', 'disqualified']),
    registeredAt: Instant,
    rank: z.number().int().nullable(),
    equity: DecimalString,
    roiPercent: DecimalString,
    disqualification: z.object({ reason: z.string(), at: Instant }).nullable(),
    tradingLogin: z.string().nullable(),
  })
  .openapi('MyCompetitionEntry');

export const GlobalLeaderboard = z
  .object({
    refreshedAt: Instant.nullable(),
    lines: z.array(z.object({ rank: z.number().int(), displayName: z.string(), profitPercent: DecimalString })),
  })
  .openapi('GlobalLeaderboard');

export const AffiliateRegistered = z.looseObject({ affiliateId: z.string(), code: z.string(), tierId: z.string() }).openapi('AffiliateRegistered');
export const AffiliateDashboard = z
  .looseObject({
    code: z.string(),
    referralLink: z.string(),
    currency: z.string(),
    clicks: z.number().int(),
    signups: z.number().int(),
    conversions: z.number().int(),
    conversionRate: DecimalString,
    earnings: DecimalString,
  })
  .openapi('AffiliateDashboard');
export const ReferralParams = z.object({ code: z.string().min(1).max(64).regex(/^[\w-]+$/) });
export const ReferralClick = z.object({ code: z.string(), expiresAt: Instant }).openapi('ReferralClick');
export const ReferralLinked = z.object({ linked: z.literal(true) }).openapi('ReferralLinked');

// Admin
const PrizeInput = z.discriminatedUnion('kind', [
  z.object({ rank: z.number().int().min(1), kind: z.literal('cash'), amount: DecimalString }).strict(),
  z.object({ rank: z.number().int().min(1), kind: z.literal('funded_account'), modelId: Id, accountSize: DecimalString }).strict(),
]);
export const CreateCompetitionRequest = z
  .object({
    name: z.string().trim().min(3).max(200),
    registrationOpens: LocalDate,
    registrationCloses: LocalDate,
    starts: LocalDate,
    ends: LocalDate,
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    initialBalance: DecimalString.optional(),
    maxParticipants: z.number().int().min(1).nullable().optional(),
    entryFee: DecimalString.optional(),
    maxDailyTrades: z.number().int().min(1).optional(),
    maxLotsForex: DecimalString.optional(),
    maxLotsIndices: DecimalString.optional(),
    prizePool: DecimalString.optional(),
    prizes: z.array(PrizeInput).max(100),
  })
  .strict();
export const CompetitionCreated = Loose.openapi('CompetitionCreated');
export const EntryParams = z.object({ competitionId: Id, entryId: Id });
export const DisqualifyRequest = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const Disqualified = z.object({ entryId: z.string() }).openapi('Disqualified');
export const PrizesAwarded = z.object({ competitionId: z.string(), awards: z.array(Loose) }).openapi('PrizesAwarded');
export const AuditLogQuery = PageQuery.omit({ cursor: true }).extend({
  cursor: z.string().max(200).optional(),
  subjectType: z.string().max(64).optional(),
  subjectId: z.string().max(128).optional(),
  action: z.string().max(128).optional(),
});
export const AuditLogPage = z.object({ entries: z.array(Loose), nextCursor: z.string().nullable() }).openapi('AuditLogPage');
