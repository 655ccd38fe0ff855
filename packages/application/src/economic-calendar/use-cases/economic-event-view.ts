import { localTimeOf, type EconomicEvent } from '@tradesense/domain';

/** An event as readers see it: the instant, and the local time and zone its publisher gave. */
export interface EconomicEventView extends EconomicEvent {
  /** Wall-clock time in `timeZone`, "YYYY-MM-DDTHH:mm:ss". */
  readonly localTime: string;
}

export const eventView = (event: EconomicEvent): EconomicEventView => ({ ...event, localTime: localTimeOf(event) });

/** What the audit log keeps of an event: plain JSON, the local time included so the entry reads as the admin typed it. */
export const auditedEvent = (event: EconomicEvent | null) =>
  event === null ? null : { ...eventView(event), at: event.at.toISOString() };
