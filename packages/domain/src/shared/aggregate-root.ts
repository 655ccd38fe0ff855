import type { DomainEvent } from './domain-event.js';

/**
 * Aggregates record the events their intent-named methods produce; the use
 * case saves the aggregate and then publishes what `pullEvents` hands over.
 */
export abstract class AggregateRoot<TEvent extends DomainEvent = DomainEvent> {
  #events: TEvent[] = [];

  protected record(event: TEvent): void {
    this.#events.push(event);
  }

  /** Returns the events recorded since the last pull and forgets them. */
  pullEvents(): TEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /** Events recorded and not yet pulled (for inspection in tests). */
  get pendingEvents(): readonly TEvent[] {
    return this.#events;
  }
}
