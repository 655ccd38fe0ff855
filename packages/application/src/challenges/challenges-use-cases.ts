import { AccountProvisioner } from '../commerce/ports/account-provisioner.js';
import type { TradingAccountMetricsReader } from '../trading-accounts/ports/trading-account-metrics-reader.js';
import type { TradingAccountWriter } from '../trading-accounts/ports/trading-account-owner-reactions.js';
import type { UseCaseDependencies } from '../use-case-dependencies.js';
import type { ChallengeReactions } from './handlers/challenge-reactions.js';
import { challengeLinks } from './shared/challenge-links.js';
import { ChallengeWriter } from './shared/challenge-writer.js';
import { AccountActivity } from './use-cases/account-activity.js';
import { AccountMetricsQuery } from './use-cases/account-metrics.js';
import { ChallengeAccountLoginQuery } from './use-cases/challenge-account-login.js';
import { ListChallenges } from './use-cases/list-challenges.js';
import { ListChallengesAdmin } from './use-cases/list-challenges-admin.js';
import { PassPhase } from './use-cases/pass-phase.js';
import { StartAwaitingPhases } from './use-cases/start-awaiting-phases.js';
import { TradingHistory } from './use-cases/trading-history.js';

/** The challenge writer every context saves a challenge through (see `ChallengeStore`). */
export function createChallengeWriter(deps: UseCaseDependencies, tradingAccounts: TradingAccountWriter): ChallengeWriter {
  return new ChallengeWriter(challengeLinks(deps.links.publicBaseUrl), tradingAccounts);
}

/**
 * The use cases of the challenges context, built from plain dependencies. Its
 * risk lifecycle is its trading accounts' (docs/rules.md §4): it reacts to
 * them through `reactions`, which start the next phase once a pass commits,
 * and shows their metrics (`accounts`) with its own progress.
 */
export function createChallengesUseCases(
  deps: UseCaseDependencies,
  writer: ChallengeWriter,
  reactions: ChallengeReactions,
  accounts: TradingAccountMetricsReader,
) {
  const passPhase = new PassPhase(deps.uow, new AccountProvisioner(deps.uow, deps.tradingPlatform, deps.clock), writer, deps.clock);
  reactions.startNextPhaseWith(passPhase);
  return {
    passPhase,
    startAwaitingPhases: new StartAwaitingPhases(deps.uow, passPhase),
    accountMetrics: new AccountMetricsQuery(deps.uow, accounts, deps.clock),
    challengeAccountLogin: new ChallengeAccountLoginQuery(deps.uow),
    accountActivity: new AccountActivity(deps.tradingPlatform, deps.priceFeed),
    listChallenges: new ListChallenges(deps.uow),
    tradingHistory: new TradingHistory(deps.uow),
    listChallengesAdmin: new ListChallengesAdmin(deps.uow),
  };
}

export type ChallengesUseCases = ReturnType<typeof createChallengesUseCases>;
