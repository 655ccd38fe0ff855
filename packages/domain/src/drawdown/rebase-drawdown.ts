import type { Decimal } from '../money/decimal.js';
import type { DrawdownState } from './drawdown-state.js';

/**
 * A balance operation made by the firm (a payout withdrawal, its reversal, a
 * scaling deposit) moves money, not trading results: every figure the floors
 * are measured from moves by the same amount, so the operation neither
 * breaches nor frees up room. The day-start snapshot, the last observed
 * figures and both high-water marks shift; warnings already raised stay
 * raised. `initialBalance` is the allocation the state is measured against
 * afterwards (a scaling deposit grows it). A breached state stays as it was.
 */
export function rebaseDrawdown(state: DrawdownState, amount: Decimal, initialBalance: Decimal): DrawdownState {
  if (state.breach) return state;
  return {
    ...state,
    initialBalance,
    dayStartBalance: state.dayStartBalance.plus(amount),
    dayStartEquity: state.dayStartEquity.plus(amount),
    lastBalance: state.lastBalance.plus(amount),
    lastEquity: state.lastEquity.plus(amount),
    highestEquity: state.highestEquity.plus(amount),
    highestEodBalance: state.highestEodBalance.plus(amount),
  };
}
