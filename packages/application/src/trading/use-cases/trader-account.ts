import { err, ok, type Challenge, type DomainError, type FundedAccount, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { tradingErrors } from '../trading-errors.js';

/**
 * The current trading account of a trader's challenge. Another trader's
 * challenge is reported exactly like a missing one, so ids reveal nothing.
 */
export async function traderChallenge(uow: UnitOfWork, traderId: string, challengeId: string): Promise<Result<Challenge, DomainError>> {
  const challenge = await uow.run((tx) => tx.challenges.findById(challengeId));
  if (!challenge || challenge.traderId !== traderId || !challenge.account) return err(tradingErrors.accountNotFound());
  return ok(challenge);
}

/** A trader's funded account, with the same rule: another trader's is reported like a missing one. */
export async function traderFundedAccount(uow: UnitOfWork, traderId: string, fundedAccountId: string): Promise<Result<FundedAccount, DomainError>> {
  const account = await uow.run((tx) => tx.fundedAccounts.findById(fundedAccountId));
  if (!account || account.traderId !== traderId) return err(tradingErrors.accountNotFound());
  return ok(account);
}
