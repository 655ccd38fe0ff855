import { challengesErrors, tradingErrors, type Requester, type UseCases } from '@tradesense/application';
import { err, ok, type DomainError, type Result } from '@tradesense/domain';

/**
 * The challenge routes that act on a phase account (verdict replay, breach
 * override) resolve its login, then call the trading-account use case like
 * `/v1/accounts/:login/…` does. The owner check is the challenge's, so an
 * unknown or another trader's id stays `CHALLENGE.NOT_FOUND`; a phase
 * account that cannot be found answers the same, since the id is all the
 * caller named.
 */
export async function onChallengeAccountLogin<T>(
  useCases: UseCases,
  input: { requester: Requester; challengeId: string; purpose: 'current' | 'verdict'; verdictId?: string },
  act: (login: string) => Promise<Result<T, DomainError>>,
): Promise<Result<T & { readonly challengeId: string }, DomainError>> {
  const resolved = await useCases.challengeAccountLogin.execute(input);
  if (!resolved.ok) return resolved;
  const outcome = await act(resolved.value.login);
  if (!outcome.ok) {
    return outcome.error.code === 'TRADING_ACCOUNT.NOT_FOUND' ? err(challengesErrors.notFound(input.challengeId)) : outcome;
  }
  return ok({ ...outcome.value, challengeId: input.challengeId });
}

/**
 * The challenge trading routes (trades, positions) act on the current phase's
 * login like `/v1/accounts/:login/…` does. They keep the answers they always
 * gave: `TRADING.ACCOUNT_NOT_FOUND` for an unknown, another trader's or an
 * unpaid challenge, and a refused order naming the challenge's own status
 * once the challenge has moved on (`failed`, `pending_kyc`…).
 */
export async function onChallengeTradingLogin<T>(
  useCases: UseCases,
  traderId: string,
  challengeId: string,
  act: (login: string) => Promise<Result<T, DomainError>>,
): Promise<Result<T, DomainError>> {
  const resolved = await useCases.challengeAccountLogin.execute({ requester: { userId: traderId, role: 'trader' }, challengeId, purpose: 'trading' });
  if (!resolved.ok) return err(tradingErrors.accountNotFound());
  const outcome = await act(resolved.value.login);
  if (outcome.ok) return outcome;
  if (outcome.error.code === 'TRADING_ACCOUNT.NOT_FOUND') return err(tradingErrors.accountNotFound());
  if (outcome.error.code === 'TRADING.ACCOUNT_NOT_TRADABLE' && resolved.value.status !== 'active') {
    return err(tradingErrors.accountNotTradable(resolved.value.status));
  }
  return outcome;
}
