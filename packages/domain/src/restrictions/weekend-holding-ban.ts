import { addDays, weekdayOf, type LocalDate } from '../calendar/local-date.js';
import { TradingCalendar, type TradingCalendarSettings } from '../calendar/trading-calendar.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { RestrictionAction } from '../catalog/trading-restrictions.js';
import type { RestrictionRule, RestrictionViolation } from './restriction-violation.js';

const SATURDAY = 6;
const MINUTE_MS = 60_000;

/** A position the account holds, and since when. */
export interface HeldPosition {
  readonly positionId: string;
  readonly openedAt: Date;
}

/** The positions the account holds when the clock reaches (or has passed) a cut-off. */
export interface WeekendCutOffFact {
  readonly at: Date;
  readonly positions: readonly HeldPosition[];
}

/**
 * Weekend holding ban (rule book §14). The cut-off is the firm reset that
 * starts the weekend, i.e. the start of the trading day named Saturday
 * (Friday 17:00 New York with the default calendar; Saturday 00:00 with a
 * midnight reset), minus the snapshot's minutes. It comes from the calendar's
 * zone, so it moves with daylight saving. A position still open at the
 * cut-off, opened at or before it, violates at the cut-off instant; default
 * action `close`.
 */
export class WeekendHoldingBan implements RestrictionRule<WeekendCutOffFact> {
  readonly restriction = 'weekend_holding_ban' as const;

  constructor(
    readonly calendar: TradingCalendar,
    readonly minutes: number,
    readonly action: RestrictionAction,
  ) {}

  static of(snapshot: RuleSnapshot): WeekendHoldingBan | null {
    const restrictions = snapshot.restrictions;
    if (!restrictions.weekendHoldingBan) return null;
    return new WeekendHoldingBan(snapshot.calendar, restrictions.weekendCutOffMinutes ?? 0, snapshot.restrictionAction('weekend_holding_ban'));
  }

  static fromData(data: Readonly<Record<string, unknown>>): WeekendHoldingBan {
    const calendar = data['calendar'] as TradingCalendarSettings;
    return new WeekendHoldingBan(new TradingCalendar(calendar), Number(data['minutes']), data['action'] as RestrictionAction);
  }

  static factFromData(data: Readonly<Record<string, unknown>>): WeekendCutOffFact {
    const positions = data['positions'] as readonly { positionId: string; openedAt: string }[];
    return {
      at: new Date(String(data['at'])),
      positions: positions.map((position) => ({ positionId: position.positionId, openedAt: new Date(position.openedAt) })),
    };
  }

  /** The cut-off before the weekend whose first trading day is `saturday` (a day named Saturday). */
  cutOffOf(saturday: LocalDate): Date {
    return new Date(this.calendar.startOf(saturday).getTime() - this.minutes * MINUTE_MS);
  }

  /** The latest cut-off at or before `at`. */
  lastCutOff(at: Date): Date {
    // The day the cut-off's reset opens is named Saturday; shifting by the minutes lands in it or later.
    const day = this.calendar.tradingDayOf(new Date(at.getTime() + this.minutes * MINUTE_MS));
    let saturday = addDays(day, -((weekdayOf(day) - SATURDAY + 7) % 7));
    if (this.cutOffOf(saturday) > at) saturday = addDays(saturday, -7);
    return this.cutOffOf(saturday);
  }

  /** The first cut-off strictly after `at`. */
  nextCutOff(at: Date): Date {
    const last = this.lastCutOff(at);
    const saturday = this.calendar.tradingDayOf(new Date(last.getTime() + this.minutes * MINUTE_MS));
    return this.cutOffOf(addDays(saturday, 7));
  }

  judge(fact: WeekendCutOffFact): RestrictionViolation | null {
    const cutOff = this.lastCutOff(fact.at);
    const held = fact.positions.filter((position) => position.openedAt.getTime() <= cutOff.getTime());
    if (held.length === 0) return null;
    const positionIds = held.map((position) => position.positionId).sort();
    return {
      id: `${this.restriction}:${cutOff.toISOString()}`,
      restriction: this.restriction,
      action: this.action,
      at: cutOff,
      dealId: null,
      positionIds,
      limit: '0',
      observed: String(held.length),
      details: { cutOff: cutOff.toISOString(), minutesBeforeReset: String(this.minutes) },
    };
  }

  toData(): Readonly<Record<string, unknown>> {
    return { calendar: this.calendar.settings(), minutes: this.minutes, action: this.action };
  }
}
