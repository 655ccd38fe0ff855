import { Decimal } from 'decimal.js';

/**
 * NUMERIC comes back as text with its column scale ("100000.00"); the
 * aggregates hold Decimal's own spelling ("100000"), so a loaded aggregate
 * equals the saved one exactly.
 */
export const decimalText = (value: string): string => new Decimal(value).toFixed();

/** jsonb columns get JSON text: the driver would turn a JS array into a PostgreSQL array. */
export const json = (value: unknown): string => JSON.stringify(value);

/** bytea arrives as a Buffer (pg) or a Uint8Array (PGlite); callers get a plain Uint8Array either way. */
export const bytes = (value: Uint8Array): Uint8Array => new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
