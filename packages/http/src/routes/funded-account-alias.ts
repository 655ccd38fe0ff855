import { fundingErrors, tradingErrors, type Requester, type UseCases } from '@tradesense/application';
import { err, ok, type DomainError, type Result } from '@tradesense/domain';

/**
 * The funded routes that act on a funded account's trading account (verdict
 * replay, breach override) resolve its login, then call the trading-account
 * use case like `/v1/accounts/:login/…` does. The owner check is the funded
 * account's, so an unknown or another trader's id stays `FUNDED.NOT_FOUND`;
 * a funded account whose trading account cannot be found answers the same,
 * since the id is all the caller named.
 */
export async function onFundedAccountLogin<T>(
  useCases: UseCases,
  requester: Requester,
  fundedAccountId: string,
  act: (login: string) => Promise<Result<T, DomainError>>,
): Promise<Result<T & { readonly fundedAccountId: string }, DomainError>> {
  const resolved = await useCases.fundedAccountLogin.execute({ requester, fundedAccountId });
  if (!resolved.ok) return resolved;
  const outcome = await act(resolved.value.login);
  if (!outcome.ok) {
    return outcome.error.code === 'TRADING_ACCOUNT.NOT_FOUND' ? err(fundingErrors.fundedAccountNotFound(fundedAccountId)) : outcome;
  }
  return ok({ ...outcome.value, fundedAccountId });
}

/**
 * The funded trading routes (trades, positions) act on the funded account's
 * login like `/v1/accounts/:login/…` does, keeping the not-found answer they
 * always gave: `TRADING.ACCOUNT_NOT_FOUND` for an unknown or another trader's
 * id. A refused order's status needs no mapping: a funded account is
 * `active` or `breached` exactly when its trading account is.
 */
export async function onFundedTradingLogin<T>(
  useCases: UseCases,
  traderId: string,
  fundedAccountId: string,
  act: (login: string) => Promise<Result<T, DomainError>>,
): Promise<Result<T, DomainError>> {
  const resolved = await useCases.fundedAccountLogin.execute({ requester: { userId: traderId, role: 'trader' }, fundedAccountId });
  if (!resolved.ok) return err(tradingErrors.accountNotFound());
  const outcome = await act(resolved.value.login);
  return !outcome.ok && outcome.error.code === 'TRADING_ACCOUNT.NOT_FOUND' ? err(tradingErrors.accountNotFound()) : outcome;
}
