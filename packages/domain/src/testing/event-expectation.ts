import { Decimal } from '../money/decimal.js';
import type { DomainEvent } from '../shared/domain-event.js';

/** Part of a value: objects may leave keys out; decimals and instants may be given as they are or as strings. */
export type PartialDeep<T> = T extends Date
  ? Date | string
  : T extends Decimal
    ? Decimal | string
    : T extends readonly (infer E)[]
      ? readonly PartialDeep<E>[]
      : T extends object
        ? { readonly [K in keyof T]?: PartialDeep<T[K]> }
        : T | (T extends string ? Decimal : never);

/** An event as a test expects it: its type, and as much of its time and payload as matters. */
export type ExpectedEvent<E extends DomainEvent> = E extends DomainEvent
  ? { readonly type: E['type']; readonly occurredAt?: Date | string; readonly payload?: PartialDeep<E['payload']> }
  : never;

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Plain JSON-like form for comparing and printing: decimals as strings, instants as ISO strings. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, member]) => [key, plain(member)]));
  }
  return value;
}

const show = (value: unknown): string => JSON.stringify(plain(value)) ?? String(value);

/** Amounts compare as numbers ("95000.00" is "95000"), everything else as it is. */
function sameLeaf(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string' && DECIMAL.test(expected) && DECIMAL.test(actual)) {
    return new Decimal(expected).equals(actual);
  }
  return Object.is(expected, actual);
}

/** Where `actual` departs from the partial `expected`, one line per path. */
export function partialMismatches(expected: unknown, actual: unknown, path: string): string[] {
  const want = plain(expected);
  const got = plain(actual);
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return [`${path}: expected an array ${show(want)}, got ${show(got)}`];
    if (want.length !== got.length) return [`${path}: expected ${want.length} items ${show(want)}, got ${got.length} ${show(got)}`];
    return want.flatMap((item, index) => partialMismatches(item, got[index], `${path}[${index}]`));
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object') return [`${path}: expected ${show(want)}, got ${show(got)}`];
    return Object.entries(want).flatMap(([key, member]) => partialMismatches(member, (got as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return sameLeaf(want, got) ? [] : [`${path}: expected ${show(want)}, got ${show(got)}`];
}

/**
 * Compares recorded events with expected ones, in order: the same number,
 * the same types, and every time and payload field the expectation names.
 * Returns the readable differences (none when they match).
 */
export function eventMismatches<E extends DomainEvent>(expected: readonly ExpectedEvent<E>[], actual: readonly E[]): string[] {
  const lines: string[] = [];
  const count = Math.max(expected.length, actual.length);
  for (let index = 0; index < count; index++) {
    const want = expected[index];
    const got = actual[index];
    const label = `#${index + 1}`;
    if (!want) {
      lines.push(`${label}: unexpected ${got!.type} ${show(got!.payload)}`);
      continue;
    }
    if (!got) {
      lines.push(`${label}: expected ${want.type}, but no event was recorded`);
      continue;
    }
    if (want.type !== got.type) {
      lines.push(`${label}: expected ${want.type}, got ${got.type} ${show(got.payload)}`);
      continue;
    }
    if (want.occurredAt !== undefined) lines.push(...partialMismatches(want.occurredAt, got.occurredAt, `${label} ${got.type}.occurredAt`));
    if (want.payload !== undefined) lines.push(...partialMismatches(want.payload, got.payload, `${label} ${got.type}.payload`));
  }
  return lines;
}

/** The recorded events, one per line, for a failure message. */
export function describeEvents(events: readonly DomainEvent[]): string {
  if (events.length === 0) return '  (none)';
  return events.map((event, index) => `  #${index + 1} ${event.type} at ${event.occurredAt.toISOString()} ${show(event.payload)}`).join('\n');
}
