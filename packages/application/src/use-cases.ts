import { token, type Token } from './ports/token.js';
import { PasswordReset } from './identity/use-cases/password-reset.js';
import { RegisterUser } from './identity/use-cases/register-user.js';
import { Sessions } from './identity/use-cases/sessions.js';
import { UserActivity } from './identity/use-cases/user-activity.js';
import type { UseCaseDependencies } from './use-case-dependencies.js';
import { createCommerceUseCases } from './commerce/commerce-use-cases.js';
import { createChallengeWriter, createChallengesUseCases } from './challenges/challenges-use-cases.js';
import { ChallengeReactions } from './challenges/handlers/challenge-reactions.js';
import type { ChallengeWriter } from './challenges/shared/challenge-writer.js';
import { createFundingUseCases } from './funding/funding-use-cases.js';
import { FundedAccountReactions } from './funding/handlers/funded-account-reactions.js';
import { createTradingAccountWriter, createTradingAccountsUseCases } from './trading-accounts/trading-accounts-use-cases.js';
import { createCommunityUseCases } from './community/community-use-cases.js';
import { createEconomicCalendarUseCases } from './economic-calendar/economic-calendar-use-cases.js';
import { CompetitionEntryReactions } from './community/handlers/competition-entry-reactions.js';
import { Trade } from './trading/use-cases/trade.js';
import { AccountHistory } from './trading/use-cases/account-history.js';
import { ParkedDeliveries } from './operations/parked-deliveries.js';
import { TradingSignalQuery } from './signals/use-cases/trading-signal.js';

export type { UseCaseDependencies } from './use-case-dependencies.js';

/**
 * Builds every use case from plain dependencies: no container needed, so an
 * embedding team can call this directly.
 */
export function createUseCases(deps: UseCaseDependencies) {
  // One writer of trading accounts, for every context that changes one; each owner reacts to its accounts' events.
  // The challenge writer and the challenge's reactions need each other: the reactions take the writer once built.
  let challengeStore: ChallengeWriter | null = null;
  const challengeReactions = new ChallengeReactions(() => challengeStore!);
  const tradingAccounts = createTradingAccountWriter(deps, {
    funded_account: new FundedAccountReactions(),
    challenge_phase: challengeReactions,
    competition_entry: new CompetitionEntryReactions(deps.calendar),
  });
  challengeStore = createChallengeWriter(deps, tradingAccounts);
  const challenges = challengeStore;
  const tradingAccountUseCases = createTradingAccountsUseCases(deps, tradingAccounts);
  // The owners' metrics views show their account's metrics, read once by the trading accounts' own query.
  const accountMetrics = tradingAccountUseCases.tradingAccountMetrics;
  return {
    registerUser: new RegisterUser(deps.uow, deps.passwordHasher, deps.passwordStrength, deps.ids, deps.clock),
    sessions: new Sessions(deps.uow, deps.passwordHasher, deps.accessTokens, deps.opaqueTokens, deps.ids, deps.clock, deps.sessionPolicy),
    passwordReset: new PasswordReset(deps.uow, deps.passwordHasher, deps.passwordStrength, deps.opaqueTokens, deps.clock, deps.links.passwordReset),
    userActivity: new UserActivity(deps.uow),
    parkedDeliveries: new ParkedDeliveries(deps.outboxStore, deps.uow, deps.clock),
    trade: new Trade(deps.uow, deps.tradingPlatform, deps.orderExecution, deps.clock, deps.onUnrecordedTradeActivity),
    accountHistory: new AccountHistory(deps.uow),
    tradingSignal: new TradingSignalQuery(deps.priceFeed, deps.signals),
    ...createCommerceUseCases(deps, challenges),
    ...createChallengesUseCases(deps, challenges, challengeReactions, accountMetrics),
    ...tradingAccountUseCases,
    ...createFundingUseCases(deps, tradingAccounts, accountMetrics, tradingAccountUseCases.recordAccountDeals),
    ...createCommunityUseCases(deps, tradingAccounts),
    ...createEconomicCalendarUseCases(deps),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;

export const USE_CASES: Token<UseCases> = token<UseCases>('UseCases');
