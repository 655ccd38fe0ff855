import type { CurrencyCode, EconomicEvent, EventImpact } from '@tradesense/domain';

export interface EconomicEventsQuery {
  /** Both ends included. */
  readonly from: Date;
  readonly to: Date;
  /** Only these currencies; null for every currency. */
  readonly currencies: readonly CurrencyCode[] | null;
  /** Only these impacts; null for every impact. */
  readonly impacts: readonly EventImpact[] | null;
}

/** What an import did with one event, with the stored event before it (null when new). */
export interface ImportedEvent {
  readonly outcome: 'created' | 'updated' | 'unchanged';
  readonly before: EconomicEvent | null;
  readonly after: EconomicEvent;
}

/**
 * The economic calendar the news window reads (docs/rules.md §14): the
 * scheduled releases, by the instant they happen. Bound to the unit of
 * work's transaction, so each change commits with its audit entries.
 */
export interface EconomicCalendar {
  /** Events happening in [from, to], in time order (then currency, then uid). */
  eventsBetween(query: EconomicEventsQuery): Promise<EconomicEvent[]>;
  /** With `forUpdate`, the row stays locked until the transaction ends (admin edits). */
  findById(id: string, options?: { readonly forUpdate?: boolean }): Promise<EconomicEvent | null>;
  findByUid(uid: string): Promise<EconomicEvent | null>;
  /** Inserts a new event; false when its uid is already taken. */
  add(event: EconomicEvent, at: Date): Promise<boolean>;
  /** Replaces a stored event's fields (by id); false when its new uid belongs to another event. */
  edit(event: EconomicEvent, at: Date): Promise<boolean>;
  /** False when there was no such event. */
  remove(id: string): Promise<boolean>;
  /**
   * Stores many events keyed by their uid: a new uid is added (with the id
   * given), a known one keeps its id and takes the new fields, an identical
   * one is left alone. Importing the same events twice changes nothing.
   */
  importMany(events: readonly EconomicEvent[], at: Date): Promise<ImportedEvent[]>;
}

/** Repositories of the economic-calendar context, bound to the unit of work's transaction. */
export interface EconomicCalendarRepositories {
  readonly economicCalendar: EconomicCalendar;
}

// This context's repositories join every transaction (see `ContextRepositories`).
declare module '../../ports/unit-of-work.js' {
  interface ContextRepositories extends EconomicCalendarRepositories {}
}
