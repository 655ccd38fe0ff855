import { ok, parseCalendarWindow, parseCurrencyCode, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { eventView, type EconomicEventView } from './economic-event-view.js';
import { parseAll } from './list-economic-events.js';

export interface HighImpactEventsInput {
  readonly from: Date;
  readonly to: Date;
  /** Only events in these currencies (any case); absent or empty for every currency. */
  readonly currencies?: readonly string[];
}

/**
 * The high-impact events in a window: what opens a news window (docs/rules.md
 * §14). Traders read it to see when they may not trade; the news-window
 * restriction reads the same.
 */
export class HighImpactEvents {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: HighImpactEventsInput): Promise<Result<{ events: EconomicEventView[] }, DomainError>> {
    const window = parseCalendarWindow(input.from, input.to);
    if (!window.ok) return window;
    const currencies = parseAll(input.currencies ?? [], parseCurrencyCode);
    if (!currencies.ok) return currencies;
    const events = await this.uow.run((tx) =>
      tx.economicCalendar.eventsBetween({ ...window.value, currencies: currencies.value.length > 0 ? currencies.value : null, impacts: ['high'] }),
    );
    return ok({ events: events.map(eventView) });
  }
}
