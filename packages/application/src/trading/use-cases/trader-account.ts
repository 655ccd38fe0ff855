import { err, ok, type DomainError, type Result, type TradingAccount } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { tradingErrors } from '../trading-errors.js';

/**
 * A trader's watched trading account by its platform login, whatever it
 * belongs to. Another trader's login is reported exactly like one the firm
 * does not watch, so logins reveal nothing.
 */
export async function traderTradingAccount(uow: UnitOfWork, traderId: string, login: string): Promise<Result<TradingAccount, DomainError>> {
  const account = await uow.run((tx) => tx.tradingAccounts.find(login));
  if (!account || account.traderId !== traderId) return err(tradingErrors.loginNotFound(login));
  return ok(account);
}
