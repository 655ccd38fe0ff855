import { err, ok, type BalanceOperation, type DomainError, type Result } from '@tradesense/domain';
import type { TradingLogin } from '../../ports/trading-platform.js';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import { fundingErrors } from '../funding-errors.js';

/**
 * Books a firm balance operation of a funded account (a payout withdrawal,
 * its reversal, a scaling deposit) on its trading account, in the caller's
 * transaction: the floors move with the money, so it never reads as a
 * trading loss (docs/rules.md §5, §6).
 */
export async function bookOnTradingAccount(
  tx: TransactionScope,
  writer: TradingAccountWriter,
  login: TradingLogin,
  operation: BalanceOperation,
): Promise<Result<void, DomainError>> {
  const account = await tx.tradingAccounts.find(login, { lock: true });
  if (!account) return err(fundingErrors.fundedLoginNotFound(login));
  const booked = account.applyBalanceOperation(operation);
  if (!booked.ok) return booked;
  await writer.save(tx, account, operation.at);
  return ok(undefined);
}

/** Whether the funded account's trading account has a breach detected and being handled (no payout then). */
export async function breachPending(tx: TransactionScope, login: TradingLogin): Promise<boolean> {
  const account = await tx.tradingAccounts.find(login);
  return account !== null && account.status === 'active' && account.breach !== null;
}
