import { weekdayOf, type LocalDate } from '../calendar/local-date.js';

const WEDNESDAY = 3;

/**
 * Overnight swap at a rollover (section 13): a position held over the reset
 * that ends a weekday trading day pays one day of swap, three on the
 * Wednesday rollover (covering the weekend), none on weekend days; a
 * swap-free account (a purchase option) pays none.
 */
export function swapDaysAtRollover(endingTradingDay: LocalDate, swapFree: boolean): 0 | 1 | 3 {
  if (swapFree) return 0;
  const weekday = weekdayOf(endingTradingDay);
  if (weekday === 0 || weekday === 6) return 0;
  return weekday === WEDNESDAY ? 3 : 1;
}

