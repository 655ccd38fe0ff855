import { AccountProvisioner } from '../commerce/ports/account-provisioner.js';
import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { UseCaseDependencies } from '../use-case-dependencies.js';
import { ChallengeFollowUpHandler } from './challenge-follow-up-handler.js';
import { challengeLinks } from './shared/challenge-links.js';
import { ChallengeFollowUps } from './shared/challenge-follow-ups.js';
import { ChallengeWriter } from './shared/challenge-writer.js';
import { AccountActivity } from './use-cases/account-activity.js';
import { AccountMetricsQuery } from './use-cases/account-metrics.js';
import { EvaluateAccountEquity } from './use-cases/evaluate-account-equity.js';
import { HandleBreach } from './use-cases/handle-breach.js';
import { ListChallenges } from './use-cases/list-challenges.js';
import { ListChallengesAdmin } from './use-cases/list-challenges-admin.js';
import { OverrideBreach } from './use-cases/override-breach.js';
import { PassPhase } from './use-cases/pass-phase.js';
import { ResumeChallengeTrading } from './use-cases/resume-challenge-trading.js';
import { RecordPlatformDeals } from './use-cases/record-platform-deals.js';
import { ReplayVerdict } from './use-cases/replay-verdict.js';
import { RollTradingDay } from './use-cases/roll-trading-day.js';
import { TradingHistory } from './use-cases/trading-history.js';

/** The use cases of the challenges context, built from plain dependencies. */
export function createChallengesUseCases(deps: UseCaseDependencies) {
  const writer = new ChallengeWriter(deps.ids, challengeLinks(deps.links.publicBaseUrl));
  const handleBreach = new HandleBreach(deps.uow, deps.tradingPlatform, writer, deps.ids, deps.clock);
  const passPhase = new PassPhase(deps.uow, new AccountProvisioner(deps.uow, deps.tradingPlatform, deps.clock), writer, deps.clock);
  const followUps = new ChallengeFollowUps(handleBreach, passPhase);
  const resumeChallengeTrading = new ResumeChallengeTrading(deps.uow, deps.tradingPlatform);
  return {
    recordPlatformDeals: new RecordPlatformDeals(deps.uow, deps.tradingPlatform, writer, followUps),
    evaluateAccountEquity: new EvaluateAccountEquity(deps.uow, writer, followUps, deps.clock),
    handleBreach,
    rollTradingDay: new RollTradingDay(deps.uow, deps.calendar, writer, followUps, deps.clock),
    passPhase,
    overrideBreach: new OverrideBreach(deps.uow, deps.tradingPlatform, writer, resumeChallengeTrading, deps.clock),
    resumeChallengeTrading,
    replayVerdict: new ReplayVerdict(deps.uow),
    accountMetrics: new AccountMetricsQuery(deps.uow, deps.tradingPlatform, deps.clock),
    accountActivity: new AccountActivity(deps.tradingPlatform, deps.priceFeed),
    listChallenges: new ListChallenges(deps.uow),
    tradingHistory: new TradingHistory(deps.uow),
    listChallengesAdmin: new ListChallengesAdmin(deps.uow),
  };
}

export type ChallengesUseCases = ReturnType<typeof createChallengesUseCases>;

/** Outbox handlers of the challenges context (the composition root multi-binds them to OUTBOX_HANDLER). */
export function createChallengesOutboxHandlers(useCases: Pick<ChallengesUseCases, 'resumeChallengeTrading'>): OutboxHandler[] {
  return [new ChallengeFollowUpHandler(useCases)];
}
