import type { CommunityRepositories } from '@tradesense/application';
import type { Knex } from 'knex';
import { PostgresAuditLog } from '../audit/postgres-audit-log.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { PostgresAffiliateClickRepository } from './postgres-affiliate-click-repository.js';
import { PostgresAffiliateRepository } from './postgres-affiliate-repository.js';
import { PostgresAffiliateTierRepository } from './postgres-affiliate-tier-repository.js';
import { PostgresCompetitionAccountRepository } from './postgres-competition-account-repository.js';
import { PostgresCompetitionMilestoneRepository } from './postgres-competition-milestone-repository.js';
import { PostgresCompetitionRepository } from './postgres-competition-repository.js';
import { PostgresGlobalLeaderboardRepository } from './postgres-global-leaderboard-repository.js';
import { PostgresLeaderboardProfileRepository } from './postgres-leaderboard-profile-repository.js';
import { PostgresPaymentFingerprintRepository } from './postgres-payment-fingerprint-repository.js';

/** The community repositories over one transaction. */
export function communityRepositories(trx: Knex.Transaction, versions: VersionTracker): CommunityRepositories {
  return {
    competitions: new PostgresCompetitionRepository(trx, versions),
    competitionAccounts: new PostgresCompetitionAccountRepository(trx),
    competitionMilestones: new PostgresCompetitionMilestoneRepository(trx),
    affiliates: new PostgresAffiliateRepository(trx, versions),
    affiliateClicks: new PostgresAffiliateClickRepository(trx),
    affiliateTiers: new PostgresAffiliateTierRepository(trx),
    knownPaymentFingerprints: new PostgresPaymentFingerprintRepository(trx),
    globalLeaderboard: new PostgresGlobalLeaderboardRepository(trx),
    leaderboardProfiles: new PostgresLeaderboardProfileRepository(trx),
    auditTrail: new PostgresAuditLog(trx),
  };
}
