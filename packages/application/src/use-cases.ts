import { token, type Token } from './ports/token.js';
import { PasswordReset } from './identity/use-cases/password-reset.js';
import { RegisterUser } from './identity/use-cases/register-user.js';
import { Sessions } from './identity/use-cases/sessions.js';
import type { UseCaseDependencies } from './use-case-dependencies.js';
import { createCommerceUseCases } from './commerce/commerce-use-cases.js';
import { createChallengesUseCases } from './challenges/challenges-use-cases.js';
import { createFundingUseCases } from './funding/funding-use-cases.js';
import { createCommunityUseCases } from './community/community-use-cases.js';
import { Trade } from './trading/use-cases/trade.js';
import { ParkedDeliveries } from './operations/parked-deliveries.js';
import { TradingSignalQuery } from './signals/use-cases/trading-signal.js';

export type { UseCaseDependencies } from './use-case-dependencies.js';

/**
 * Builds every use case from plain dependencies: no container needed, so an
 * embedding team can call this directly.
 */
export function createUseCases(deps: UseCaseDependencies) {
  return {
    registerUser: new RegisterUser(deps.uow, deps.passwordHasher, deps.passwordStrength, deps.ids, deps.clock),
    sessions: new Sessions(deps.uow, deps.passwordHasher, deps.accessTokens, deps.opaqueTokens, deps.ids, deps.clock, deps.sessionPolicy),
    passwordReset: new PasswordReset(deps.uow, deps.passwordHasher, deps.passwordStrength, deps.opaqueTokens, deps.clock, deps.links.passwordReset),
    parkedDeliveries: new ParkedDeliveries(deps.outboxStore, deps.uow, deps.clock),
    trade: new Trade(deps.uow, deps.tradingPlatform, deps.orderExecution),
    tradingSignal: new TradingSignalQuery(deps.priceFeed, deps.signals),
    ...createCommerceUseCases(deps),
    ...createChallengesUseCases(deps),
    ...createFundingUseCases(deps),
    ...createCommunityUseCases(deps),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;

export const USE_CASES: Token<UseCases> = token<UseCases>('UseCases');
