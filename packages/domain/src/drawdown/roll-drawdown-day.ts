import { maxDecimal, type Decimal } from '../money/decimal.js';
import { compareLocal, type LocalDate } from '../calendar/local-date.js';
import type { DrawdownState } from './drawdown-state.js';

/** Balance and equity at a reset instant: the day-start snapshot of the day that begins. */
export interface DayStartFigures {
  /** The trading day that begins. */
  readonly day: LocalDate;
  readonly balance: Decimal;
  readonly equity: Decimal;
}

/**
 * The day rollover of the breach engine: the balance at the reset closes the
 * old day (the trailing end-of-day high may rise) and, with the equity,
 * becomes the new day-start snapshot; early warnings may fire again. Rolling
 * to a day the state is already in (or before it) changes nothing, so a
 * rollover delivered twice is harmless. A breached state stays as it was.
 */
export function rollDrawdownDay(state: DrawdownState, figures: DayStartFigures): DrawdownState {
  if (state.breach || compareLocal(figures.day, state.tradingDay) <= 0) return state;
  return {
    ...state,
    tradingDay: figures.day,
    dayStartBalance: figures.balance,
    dayStartEquity: figures.equity,
    lastBalance: figures.balance,
    lastEquity: figures.equity,
    highestEquity: maxDecimal(state.highestEquity, figures.equity),
    highestEodBalance: maxDecimal(state.highestEodBalance, figures.balance),
    warningsSent: [],
  };
}
