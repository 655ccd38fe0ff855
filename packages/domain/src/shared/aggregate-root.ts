import type { DomainEvent } from './domain-event.js';

/** The payload of the event of type `T` in the union `TEvent`. */
export type EventPayload<TEvent extends DomainEvent, T extends TEvent['type']> = Extract<TEvent, { type: T }>['payload'];

/**
 * Aggregates record the events their intent-named methods produce; the use
 * case saves the aggregate and then publishes what `pullEvents` hands over.
 */
export abstract class AggregateRoot<TEvent extends DomainEvent = DomainEvent> {
  #events: TEvent[] = [];

  protected record(event: TEvent): void {
    this.#events.push(event);
  }

  /** Records the event of type `type`, whose payload the type decides, as having happened to `aggregateId` at `at`. */
  protected recordEvent<T extends TEvent['type']>(type: T, aggregateId: string, at: Date, payload: EventPayload<TEvent, T>): void {
    // The union cannot be narrowed by a generic `type`; the signature ties the payload to it.
    this.record({ type, aggregateId, occurredAt: at, payload } as unknown as TEvent);
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
