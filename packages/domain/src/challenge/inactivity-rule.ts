import { addDays, daysBetween, type LocalDate } from '../calendar/local-date.js';

/**
 * Inactivity (rule book section 2): a challenge expires after `days` whole
 * trading days without a trade. With the last trade (or the phase start) on
 * day L, days L+1 … L+days are idle; the rollover into day L+days+1 expires it.
 */
export class InactivityRule {
  constructor(readonly days: number) {}

  isExpired(lastActivityDay: LocalDate, today: LocalDate): boolean {
    return daysBetween(lastActivityDay, today) > this.days;
  }

  /** The first trading day on which the challenge counts as expired. */
  expiresOn(lastActivityDay: LocalDate): LocalDate {
    return addDays(lastActivityDay, this.days + 1);
  }
}
