import { Decimal } from 'decimal.js';
import { z } from 'zod';
import '../openapi/zod-openapi.js';

/** Money, prices and volumes travel as decimal strings, never JSON numbers. */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,8})?$/, 'a decimal number as a string, e.g. "100.25"')
  .openapi({ example: '100.25' });

export const PositiveDecimal = DecimalString.transform((value) => new Decimal(value)).refine((d) => d.greaterThan(0), 'must be positive');

export const OptionalDecimal = DecimalString.transform((value) => new Decimal(value)).nullable().optional();

export const Id = z.string().min(1).max(64).regex(/^[\w-]+$/, 'an id');

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const Instant = z.iso.datetime().openapi({ example: '2026-11-02T22:00:00.000Z' });

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
}
