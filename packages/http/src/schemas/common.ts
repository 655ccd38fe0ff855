import { Decimal } from 'decimal.js';
import { z } from 'zod';
import '../openapi/zod-openapi.js';

/**
 * Bounds shared by the request validation and the OpenAPI document. Text
 * columns are unbounded in the database, so these are the API's own limits;
 * numbers stay within the column types (int4, numeric(20, …)).
 */
export const LIMITS = {
  /** Ids the platform issues (UUIDs, model ids, logins) and what clients echo back. */
  id: 64,
  /** Short codes: statuses, kinds, currencies, provider names. */
  code: 64,
  /** Names and titles. */
  name: 200,
  /** Reasons, messages, explanations. */
  text: 2000,
  /** URLs the platform issues (checkout links, verification links). */
  url: 2048,
  /** Every list the API answers (pages hold at most 200). */
  items: 500,
  /** int4 columns. */
  int4: 2_147_483_647,
} as const;

/** An integer within [min, max], documented with its format. */
export function Int(min = 0, max: number = LIMITS.int4) {
  const format = min >= -LIMITS.int4 - 1 && max <= LIMITS.int4 ? 'int32' : 'int64';
  return z.number().int().min(min).max(max).openapi({ format });
}

/** A string of at most `max` characters. */
export const Text = (max: number = LIMITS.text) => z.string().max(max);

/** Identifier text in responses. */
export const IdText = z.string().max(LIMITS.id);
/** Short codes in responses (statuses, kinds, provider names). */
export const CodeText = z.string().max(LIMITS.code);
/** An ISO 4217 currency code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code').openapi({ maxLength: 3, example: 'USD' });
/** Names and titles in responses. */
export const NameText = z.string().max(LIMITS.name);
/** A URL the platform issued. */
export const UrlText = z.string().max(LIMITS.url).openapi({ format: 'uri' });
/** A calendar date label (YYYY-MM-DD), e.g. a trading day. */
export const DayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ maxLength: 10, example: '2026-11-02' });
/** An object whose members are described elsewhere (rules, breach records, audit details). */
export const Loose = z.record(z.string(), z.unknown());
/** A list of at most LIMITS.items entries. */
export const List = <T extends z.ZodType>(item: T, max: number = LIMITS.items) => z.array(item).max(max);

/** Money, prices and volumes travel as decimal strings, never JSON numbers (at most 15 integer and 8 decimal digits). */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,8})?$/, 'a decimal number as a string, e.g. "100.25"')
  .openapi({ maxLength: 25, example: '100.25' });

export const PositiveDecimal = DecimalString.transform((value) => new Decimal(value)).refine((d) => d.greaterThan(0), 'must be positive');

export const OptionalDecimal = DecimalString.transform((value) => new Decimal(value)).nullable().optional();

export const Id = z.string().min(1).max(LIMITS.id).regex(/^[\w-]+$/, 'an id');

/** An opaque page cursor as the API issues it (base64url). */
export const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'a cursor from nextCursor').openapi({ maxLength: 200 });

export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ format: 'int32' }),
});

export const Instant = z.iso.datetime().max(40).openapi({ example: '2026-11-02T22:00:00.000Z' });

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: List(item, 100), nextCursor: Cursor.nullable() }).openapi(name);
}
