import type { UseCaseDependencies } from '../use-case-dependencies.js';
import type { TradingAccountWriter } from '../trading-accounts/ports/trading-account-owner-reactions.js';
import { CompetitionAccountProvisioner, type CompetitionAccountSettings } from './shared/competition-account-provisioner.js';
import { AffiliateDashboardQuery } from './use-cases/affiliate-dashboard.js';
import { AwardCompetitionPrizes } from './use-cases/award-competition-prizes.js';
import { CloseCompetitions } from './use-cases/close-competitions.js';
import { CompetitionLeaderboardQuery } from './use-cases/competition-leaderboard.js';
import { CreateCompetitionUseCase } from './use-cases/create-competition.js';
import { DisqualifyCompetitionEntry } from './use-cases/disqualify-competition-entry.js';
import { EarnAffiliateCommission } from './use-cases/earn-affiliate-commission.js';
import { GlobalLeaderboardQuery } from './use-cases/global-leaderboard.js';
import { LinkReferredSignup } from './use-cases/link-referred-signup.js';
import { ListCompetitions } from './use-cases/list-competitions.js';
import { MyCompetitionEntryQuery } from './use-cases/my-competition-entry.js';
import { ProvisionCompetitionAccounts } from './use-cases/provision-competition-accounts.js';
import { ReadAuditLog } from './use-cases/read-audit-log.js';
import { RecordCompetitionTrade } from './use-cases/record-competition-trade.js';
import { RefreshGlobalLeaderboard } from './use-cases/refresh-global-leaderboard.js';
import { RegisterAffiliate } from './use-cases/register-affiliate.js';
import { RegisterForCompetition } from './use-cases/register-for-competition.js';
import { RetierAffiliates } from './use-cases/retier-affiliates.js';
import { ReverseAffiliateCommission } from './use-cases/reverse-affiliate-commission.js';
import { TrackReferralClick } from './use-cases/track-referral-click.js';
import { UpdateLeaderboards } from './use-cases/update-leaderboards.js';

export interface CommunityOptions {
  /** Platform group and leverage of competition accounts (default `competition`, 1:100). */
  readonly competitionAccount?: CompetitionAccountSettings;
}

/**
 * The use cases of the community context, built from plain dependencies.
 * `tradingAccounts` opens and closes the watched trading accounts of
 * competition entries.
 */
export function createCommunityUseCases(deps: UseCaseDependencies, tradingAccounts: TradingAccountWriter, options: CommunityOptions = {}) {
  const { uow, clock, ids, calendar, tradingPlatform } = deps;
  const provisioner = new CompetitionAccountProvisioner(uow, tradingPlatform, clock, calendar, tradingAccounts, options.competitionAccount);
  const referralLink = (code: string) => `${deps.links.publicBaseUrl.replace(/\/+$/, '')}/?ref=${encodeURIComponent(code)}`;
  return {
    // Competitions (section 7)
    createCompetition: new CreateCompetitionUseCase(uow, ids, clock),
    registerForCompetition: new RegisterForCompetition(uow, ids, clock, calendar, provisioner),
    provisionCompetitionAccounts: new ProvisionCompetitionAccounts(uow, clock, calendar, provisioner),
    recordCompetitionTrade: new RecordCompetitionTrade(uow, clock, calendar, deps.priceFeed, tradingPlatform),
    disqualifyCompetitionEntry: new DisqualifyCompetitionEntry(uow, clock, tradingPlatform),
    updateLeaderboards: new UpdateLeaderboards(uow, clock, calendar, tradingPlatform),
    closeCompetitions: new CloseCompetitions(uow, clock, calendar, tradingPlatform, tradingAccounts),
    awardPrizes: new AwardCompetitionPrizes(uow, clock, calendar),
    listCompetitions: new ListCompetitions(uow, clock, calendar),
    competitionLeaderboard: new CompetitionLeaderboardQuery(uow, clock, calendar),
    myCompetitionEntry: new MyCompetitionEntryQuery(uow),
    // Global leaderboard (section 13)
    refreshGlobalLeaderboard: new RefreshGlobalLeaderboard(uow, clock),
    globalLeaderboard: new GlobalLeaderboardQuery(uow),
    // Affiliates (section 11)
    registerAffiliate: new RegisterAffiliate(uow, ids, clock, calendar),
    trackClick: new TrackReferralClick(uow, ids, clock),
    linkSignup: new LinkReferredSignup(uow),
    earnCommission: new EarnAffiliateCommission(uow, ids, calendar),
    reverseCommission: new ReverseAffiliateCommission(uow, clock, calendar),
    retierAffiliates: new RetierAffiliates(uow, clock, calendar),
    affiliateDashboard: new AffiliateDashboardQuery(uow, clock, calendar, referralLink),
    // Admin
    readAuditLog: new ReadAuditLog(uow),
  };
}

export type CommunityUseCases = ReturnType<typeof createCommunityUseCases>;
