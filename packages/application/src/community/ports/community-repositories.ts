import type { AuditLogReader } from '../../ports/audit-log.js';
import type { AffiliateClickRepository } from './affiliate-click-repository.js';
import type { AffiliateRepository } from './affiliate-repository.js';
import type { AffiliateTierRepository } from './affiliate-tier-repository.js';
import type { CompetitionAccountRepository } from './competition-account-repository.js';
import type { CompetitionMilestoneRepository } from './competition-milestone-repository.js';
import type { CompetitionRepository } from './competition-repository.js';
import type { GlobalLeaderboardRepository } from './global-leaderboard-repository.js';
import type { LeaderboardProfileRepository } from './leaderboard-profile-repository.js';
import type { PaymentFingerprintRepository } from './payment-fingerprint-repository.js';

export type * from './affiliate-click-repository.js';
export type * from './affiliate-repository.js';
export type * from './affiliate-tier-repository.js';
export type * from './competition-account-repository.js';
export type * from './competition-milestone-repository.js';
export type * from './competition-repository.js';
export type * from './global-leaderboard-repository.js';
export type * from './leaderboard-profile-repository.js';
export type * from './payment-fingerprint-repository.js';

/** Repositories of the community context, bound to the unit of work's transaction. */
export interface CommunityRepositories {
  readonly competitions: CompetitionRepository;
  readonly competitionAccounts: CompetitionAccountRepository;
  readonly competitionMilestones: CompetitionMilestoneRepository;
  readonly affiliates: AffiliateRepository;
  readonly affiliateClicks: AffiliateClickRepository;
  readonly affiliateTiers: AffiliateTierRepository;
  readonly knownPaymentFingerprints: PaymentFingerprintRepository;
  readonly globalLeaderboard: GlobalLeaderboardRepository;
  readonly leaderboardProfiles: LeaderboardProfileRepository;
  /** The audit log, read inside the transaction (admin queries). */
  readonly auditTrail: AuditLogReader;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends CommunityRepositories {}
}
