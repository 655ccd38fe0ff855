import type { ChallengeState, FundedAccountState } from '@tradesense/domain';

/**
 * The login the risk monitor watches for a challenge in this state, or null
 * when it watches none: the same accounts `RiskWatchList` yields, less those
 * with a breach waiting to be handled (handled, not watched). Storage
 * announces the challenge (`RiskWatchAnnouncer`) in the transaction that
 * turns this into a new login.
 */
export function watchedChallengeLogin(state: Pick<ChallengeState, 'status' | 'account' | 'phasePassed' | 'drawdown'>): string | null {
  const { status, account, phasePassed, drawdown } = state;
  return status === 'active' && account && !phasePassed && drawdown && drawdown.breach === null ? account : null;
}

/** The login the risk monitor watches for a funded account in this state, or null (see `watchedChallengeLogin`). */
export function watchedFundedLogin(state: Pick<FundedAccountState, 'status' | 'tradingAccountId' | 'drawdown'>): string | null {
  return state.status === 'active' && state.drawdown.breach === null ? state.tradingAccountId : null;
}
