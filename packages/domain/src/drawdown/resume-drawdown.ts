import { compareLocal } from '../calendar/local-date.js';
import type { DrawdownState } from './drawdown-state.js';
import type { DayStartFigures } from './roll-drawdown-day.js';

/**
 * Trading again once an admin cleared a breach (rule book section 4): the
 * positions were closed at the breach, so the day starts afresh from the
 * figures now, in the trading day they were taken in (never an earlier one
 * than the state's). The high-water marks stay, so the max-loss floor stays
 * where the rules put it; the warnings may fire again and the breach is gone.
 * Whether the figures breach again at once is for the caller to evaluate.
 */
export function resumeDrawdown(state: DrawdownState, figures: DayStartFigures): DrawdownState {
  return {
    ...state,
    tradingDay: compareLocal(figures.day, state.tradingDay) > 0 ? figures.day : state.tradingDay,
    dayStartBalance: figures.balance,
    dayStartEquity: figures.equity,
    lastBalance: figures.balance,
    lastEquity: figures.equity,
    warningsSent: [],
    breach: null,
  };
}
