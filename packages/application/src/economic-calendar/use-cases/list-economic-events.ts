import { err, ok, parseCalendarWindow, parseCurrencyCode, parseEventImpact, type CurrencyCode, type DomainError, type EventImpact, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { eventView, type EconomicEventView } from './economic-event-view.js';

export interface ListEconomicEventsInput {
  readonly actorId: string;
  readonly from: Date;
  readonly to: Date;
  /** Only these currencies (any case); empty or absent for every currency. */
  readonly currencies?: readonly string[];
  /** Only these impacts; empty or absent for every impact. */
  readonly impacts?: readonly string[];
}

/** Admin: every event of the calendar in a window, whatever its impact, to review and correct it. */
export class ListEconomicEvents {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ListEconomicEventsInput): Promise<Result<{ events: EconomicEventView[] }, DomainError>> {
    const window = parseCalendarWindow(input.from, input.to);
    if (!window.ok) return window;
    const currencies = parseAll(input.currencies ?? [], parseCurrencyCode);
    if (!currencies.ok) return currencies;
    const impacts = parseAll(input.impacts ?? [], parseEventImpact);
    if (!impacts.ok) return impacts;
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'economic_calendar.list');
      if (!admin.ok) return admin;
      const events = await tx.economicCalendar.eventsBetween({
        ...window.value,
        currencies: currencies.value.length > 0 ? (currencies.value as CurrencyCode[]) : null,
        impacts: impacts.value.length > 0 ? (impacts.value as EventImpact[]) : null,
      });
      return ok({ events: events.map(eventView) });
    });
  }
}

export function parseAll<T>(values: readonly string[], parse: (value: string) => Result<T>): Result<T[]> {
  const parsed: T[] = [];
  for (const value of values) {
    const result = parse(value);
    if (!result.ok) return err(result.error);
    if (!parsed.includes(result.value)) parsed.push(result.value);
  }
  return ok(parsed);
}
