import type { IdentityRepositories } from './identity/ports/identity-repositories.js';
import type { CommerceRepositories } from './commerce/ports/commerce-repositories.js';
import type { ChallengesRepositories } from './challenges/ports/challenges-repositories.js';
import type { FundingRepositories } from './funding/ports/funding-repositories.js';
import type { CommunityRepositories } from './community/ports/community-repositories.js';
import type { TradingAccountRepositories } from './trading-accounts/ports/trading-account-repositories.js';

/**
 * The repositories of every context, one interface per context, in one list.
 * `TransactionScope` is built from it: a context's repositories join a
 * transaction by being listed here (and by the unit of work of every
 * database adapter providing them).
 */
export interface ContextRepositories
  extends IdentityRepositories,
    CommerceRepositories,
    ChallengesRepositories,
    FundingRepositories,
    CommunityRepositories,
    TradingAccountRepositories {}
