import { PaymentGatewayError, WebhookError } from '@tradesense/application';
import { Decimal } from 'decimal.js';

/** A provider payload did not have the shape its documentation promises. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

export type JsonObject = Readonly<Record<string, unknown>>;

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function parseJsonObject(raw: Buffer | string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new PayloadError('Body is not JSON');
  }
  return asObject(value, 'body');
}

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PayloadError(`${what} is not an object`);
  return value as JsonObject;
}

export function objectAt(object: JsonObject, key: string): JsonObject {
  return asObject(object[key], key);
}

export function optionalObjectAt(object: JsonObject, key: string): JsonObject | null {
  const value = object[key];
  return value === undefined || value === null ? null : asObject(value, key);
}

export function stringAt(object: JsonObject, key: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') throw new PayloadError(`${key} is not a string`);
  return value;
}

export function optionalStringAt(object: JsonObject, key: string): string | null {
  const value = object[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new PayloadError(`${key} is not a string`);
  return value;
}

/** An integer (minor units, unix seconds); JSON numbers are exact below 2^53. */
export function integerAt(object: JsonObject, key: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new PayloadError(`${key} is not an integer`);
  return value;
}

export function optionalIntegerAt(object: JsonObject, key: string): number | null {
  const value = object[key];
  return value === undefined || value === null ? null : integerAt(object, key);
}

/** A decimal amount sent as a string ("549.00"), read exactly. */
export function decimalAt(object: JsonObject, key: string): Decimal {
  const value = stringAt(object, key);
  if (!DECIMAL.test(value)) throw new PayloadError(`${key} is not a decimal amount`);
  return new Decimal(value);
}

export function arrayAt(object: JsonObject, key: string): readonly unknown[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PayloadError(`${key} is not an array`);
  return value;
}

export function dateAt(object: JsonObject, key: string): Date {
  const value = stringAt(object, key);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new PayloadError(`${key} is not a date`);
  return date;
}

/** Runs a reader over an authenticated webhook body: shape errors become `WEBHOOK.MALFORMED`. */
export function readWebhook<T>(provider: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PayloadError) {
      throw new WebhookError('WEBHOOK.MALFORMED', `${provider} webhook: ${error.message}`, { provider });
    }
    throw error;
  }
}

/** Runs a reader over an API response: shape errors mean the provider misbehaved. */
export function readResponse<T>(provider: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PayloadError) {
      throw new PaymentGatewayError('PAYMENT.PROVIDER_UNAVAILABLE', `${provider} answered unexpectedly: ${error.message}`, {
        provider,
      });
    }
    throw error;
  }
}
