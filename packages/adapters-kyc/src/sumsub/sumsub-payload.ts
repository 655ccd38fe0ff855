/** A Sumsub payload did not have the documented shape. */
export class SumsubPayloadError extends Error {
  override readonly name = 'SumsubPayloadError';
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SumsubPayloadError(`${what} is not an object`);
  return value as JsonObject;
}

export function parseObject(raw: Buffer): JsonObject {
  try {
    return asObject(JSON.parse(raw.toString('utf8')), 'body');
  } catch (error) {
    if (error instanceof SumsubPayloadError) throw error;
    throw new SumsubPayloadError('body is not JSON');
  }
}

export function stringAt(object: JsonObject, key: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') throw new SumsubPayloadError(`${key} is not a string`);
  return value;
}

export function optionalStringAt(object: JsonObject, key: string): string | null {
  const value = object[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function optionalObjectAt(object: JsonObject, key: string): JsonObject | null {
  const value = object[key];
  return value === undefined || value === null ? null : asObject(value, key);
}

export function stringsAt(object: JsonObject, key: string): string[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new SumsubPayloadError(`${key} is not a list of strings`);
  return value as string[];
}
