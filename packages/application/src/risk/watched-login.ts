import type { TradingAccount } from '@tradesense/domain';

/**
 * The login the risk monitor watches for a trading account in this state, or
 * null when it watches none: the active accounts `RiskWatchList` yields,
 * less those with a breach waiting to be handled (handled, not watched).
 * Storage announces the login (`RiskWatchAnnouncer`) in the transaction
 * that makes an account watched: opened, or active again after an override.
 */
export function watchedLogin(account: Pick<TradingAccount, 'login' | 'status' | 'breach'>): string | null {
  return account.status === 'active' && account.breach === null ? account.login : null;
}
