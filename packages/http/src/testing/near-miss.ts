import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Values shaped like what a zod schema expects, mostly a little off: the
 * schema's own keys with wrong types, missing or extra fields, money-like
 * strings that are not decimals, huge and non-finite numbers, unicode and
 * very long text. Walking the schema (rather than hand-writing bodies) keeps
 * every route's inputs covered as routes and fields are added.
 */

/** Strings that look like money, prices or volumes but are not exact decimal strings (or are extreme ones). */
export const MONEY_LIKE = [
  '0', '-0', '-1', '0.00', '100.25', '1e3', '1E-7', 'NaN', '-NaN', 'Infinity', '-Infinity', '1,5', ' 1', '1 ', '0x10',
  '1.123456789', '999999999999999', '9999999999999999', '99999999999999999999.99', '1.', '.5', '+1', '--1', '١٠٠', '１００', '1_000',
] as const;

/** Text that often trips parsers, regexes, encoders and SQL. */
export const AWKWARD_TEXT = [
  '', ' ', '.', '..', '../..', '%00', '\u0000', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor',
  "' OR '1'='1", '"; drop table users; --', '<script>alert(1)</script>', '\u202e\u0041', 'ǅ', '😀', '\ud83d', '\udc00x', 'a\u0000b', 'e\u0301',
  'a\nb', '\t', '\\', '%', '%zz', '../../etc/passwd', 'DE', 'de', 'XX', 'admin', 'trader',
] as const;

/** JSON values of the wrong kind for almost any field. */
export const WRONG_TYPES: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [1, 2], { nested: { deep: true } }, 'x', '',
);

/** Seeded ids so near misses also name rows that exist, and configured names (payment gateways, the KYC provider). */
export interface Vocabulary {
  readonly ids: readonly string[];
  readonly names: readonly string[];
}

const longText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 65, max: 6_000 }), fc.constantFrom('9', 'a', 'é', '😀', '0.', '-'))
  .map(([length, unit]) => unit.repeat(length));

/** Any string a client might send where the schema wants a string. */
export function anyText(vocabulary: Vocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...MONEY_LIKE, ...AWKWARD_TEXT) },
    { weight: vocabulary.ids.length > 0 ? 3 : 0, arbitrary: fc.constantFrom(...(vocabulary.ids.length > 0 ? vocabulary.ids : ['x'])) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: longText },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.emailAddress() },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10 + (d.getSeconds() % 2) * 14)) },
  );
}

const numbers: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 1_000 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
);

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** The keys of an object schema (through optional, nullable, default and pipe wrappers), or none. */
export function shapeKeys(schema: z.ZodType | undefined): string[] {
  const object = schema ? objectSchema(schema) : undefined;
  return object ? Object.keys(object.shape) : [];
}

function objectSchema(schema: z.ZodType): z.ZodObject | undefined {
  const def = defOf(schema);
  if (def.type === 'object') return schema as z.ZodObject;
  const inner = def.innerType ?? def.in;
  return inner ? objectSchema(inner) : undefined;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'extra', 'id', 'userId', 'role', 'status', 'amount', 'admin'] as const;

/** A plain object with own enumerable keys, even `__proto__`, so JSON.stringify writes every one. */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const ABSENT = Symbol('absent');

/** A near miss of `schema`: its shape, with each value sometimes off. */
export function nearMiss(schema: z.ZodType, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: typedNearMiss(schema, vocabulary) }, { weight: 1, arbitrary: WRONG_TYPES });
}

function typedNearMiss(schema: z.ZodType, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      const fields = Object.entries(shape).map(([key, field]) =>
        fc.oneof({ weight: 6, arbitrary: nearMiss(field, vocabulary) }, { weight: 1, arbitrary: fc.constant(ABSENT) }).map((value) => [key, value] as const),
      );
      const extras = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 1 })), { maxLength: 2 });
      return fc
        .tuple(fc.tuple(...fields), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extras }))
        .map(([known, extra]) => objectOf([...known.filter(([, value]) => value !== ABSENT), ...extra]));
    }
    case 'optional':
      return fc.oneof(nearMiss(def.innerType!, vocabulary), fc.constant(undefined), fc.constant(null));
    case 'nullable':
    case 'default':
    case 'catch':
    case 'readonly':
      return fc.oneof(nearMiss(def.innerType!, vocabulary), fc.constant(null));
    case 'pipe':
      return nearMiss(def.in!, vocabulary);
    case 'string':
      return anyText(vocabulary);
    case 'number':
    case 'int':
      return numbers;
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.oneof(fc.constantFrom(...Object.values(def.entries ?? {})), anyText(vocabulary));
    case 'literal':
      return fc.oneof(fc.constantFrom(...(def.values ?? [null])), anyText(vocabulary));
    case 'array':
      return fc.array(nearMiss(def.element!, vocabulary), { maxLength: 3 });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => nearMiss(option, vocabulary)));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
