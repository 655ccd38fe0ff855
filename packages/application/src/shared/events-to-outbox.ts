import type { DomainEvent } from '@tradesense/domain';
import type { OutboxMessage } from '../ports/outbox.js';

/** Domain events leave through the outbox with their type as topic and a JSON-safe payload. */
export function eventsToOutbox(aggregateType: string, events: readonly DomainEvent[]): OutboxMessage[] {
  return events.map((event) => ({
    topic: event.type,
    aggregateType,
    aggregateId: event.aggregateId,
    payload: toJsonSafe(event.payload) as Record<string, unknown>,
    occurredAt: event.occurredAt,
  }));
}

/** Decimals and Money become strings, Dates ISO strings; everything else stays plain. */
export function toJsonSafe(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function' && !Array.isArray(value)) return toJsonSafe(withJson.toJSON());
    if (Array.isArray(value)) return value.map(toJsonSafe);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}
