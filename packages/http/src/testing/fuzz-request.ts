import fc from 'fast-check';
import type { z } from 'zod';
import type { AnyRoute } from '../api/route.js';
import { anyText, nearMiss, shapeKeys, type Vocabulary } from './near-miss.js';

/** One HTTP request as put on the wire. */
export interface FuzzRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query exactly as put in the request line (dot segments and broken escapes included). */
  readonly target: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Body text, sent as UTF-8 bytes with its Content-Length; never on a GET. */
  readonly body?: string;
}

/** Percent-encodes the UTF-8 bytes of `text`, leaving only RFC 3986 unreserved characters (so "." and ".." stay). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments sent unencoded: dot segments, NUL, broken and overlong percent escapes, an encoded slash. */
const RAW_SEGMENTS = ['..', '.', '%00', '%', '%zz', '%C0%AF', '%2e%2e', '%2F', '%E2%82', '%FF', '%F0%9F%98', ';a=b', '%20', '%2e', '%5C'] as const;

const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'));

/**
 * Cuts text for a URL to 600 UTF-8 bytes (1,800 characters encoded): still
 * far over every id's limit, while the request line of a path with two such
 * parameters and a long query stays under Node's 16 kB header limit, so the
 * request reaches the application instead of the HTTP parser's 431.
 */
export function forUrl(text: string): string {
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char, 'utf8') > 600) break;
    out += char;
  }
  return out;
}

function fieldOf(schema: z.ZodType | undefined, key: string): z.ZodType | undefined {
  const shape = (schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  return shape && Object.hasOwn(shape, key) ? shape[key] : undefined;
}

function segment(field: z.ZodType | undefined, vocabulary: Vocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    // Configured names (a gateway, the KYC provider) often, so provider routes get past the name to the signature check.
    { weight: vocabulary.names.length > 0 ? 3 : 0, arbitrary: fc.constantFrom(...(vocabulary.names.length > 0 ? vocabulary.names : ['x'])) },
    { weight: 5, arbitrary: (field ? nearMiss(field, vocabulary) : anyText(vocabulary)).map((value) => percentEncode(forUrl(asText(value)))) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.oneof(fc.uuid(), fc.integer().map(String), fc.double().map(String)) },
  );
}

function pathOf(route: AnyRoute, vocabulary: Vocabulary): fc.Arbitrary<string> {
  const parts = route.path
    .split('/')
    .map((part) => (part.startsWith(':') ? segment(fieldOf(route.request?.params, part.slice(1)), vocabulary) : fc.constant(part)));
  return fc.tuple(...parts).map((segments) => segments.join('/'));
}

function queryOf(route: AnyRoute, vocabulary: Vocabulary): fc.Arbitrary<string> {
  const schema = route.request?.query as z.ZodType | undefined;
  const keys = shapeKeys(schema);
  const anyKey = fc.oneof(fc.constantFrom('limit', 'cursor', 'status', 'token', 'a', 'x[y]', '__proto__'), fc.string({ maxLength: 6 }));
  const key = keys.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: anyKey }) : anyKey;
  const pair = key.chain((name) => {
    const field = fieldOf(schema, name);
    return (field ? nearMiss(field, vocabulary) : anyText(vocabulary)).map((value) => `${percentEncode(name)}=${percentEncode(forUrl(asText(value)))}`);
  });
  // Repeated keys become arrays, `k[]`/`k` without a value and broken escapes reach the parser as they are.
  const raw = key
    .map(percentEncode)
    .chain((name) => fc.constantFrom(`${name}=%zz`, `${name}[]=1`, `${name}=1&${name}=2`, name, `${name}=`, `${name}=%00`, `${name}=${'9'.repeat(400)}`, '=', '&&', '%=%'));
  return fc.array(fc.oneof({ weight: 3, arbitrary: pair }, { weight: 1, arbitrary: raw }), { maxLength: 4 }).map((parts) => parts.join('&'));
}

/** Valid JSON nested 100,000 levels deep, within the size limit. */
const DEEP = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** Text that is not JSON, is JSON of the wrong kind, or is JSON no client should send (overflowing numbers, duplicate keys, deep nesting). */
function malformedJson(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.constantFrom(...(keys.length > 0 ? keys : ['value']));
  return fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,', 'NaN', "{'a':1}", '{"a":1}x', 'null', '"text"', '42', 'true', '\u0000', '{"a":1,}', '{"a":01}',
      '\ufeff{}', '['.repeat(3_000), '{"a":"\\ud800"}', ' ', '{}{}', '[]'),
    key.map((name) => `{"${name}": 1e400}`),
    key.map((name) => `{"${name}": -1e400}`),
    key.map((name) => `{"${name}": 123456789012345678901234567890}`),
    key.map((name) => `{"${name}": "1", "${name}": 2}`),
    key.map((name) => `{"${name}": "${'9'.repeat(20)}.${'9'.repeat(20)}"}`),
    key.map((name) => `{"${name}": ${DEEP}}`),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
  );
}

/** Above the 256 kB JSON and raw body limits. */
const OVERSIZED = `{"a":"${'x'.repeat(300_000)}"}`;

/**
 * An oversized body goes as plain JSON: the parser then reads it all before
 * answering 413. Answered unread (a 401, a 415), the server would close the
 * connection while the client is still writing, and the answer would be lost
 * to a reset rather than judged.
 */
const asPlainJson = (headers: Record<string, string>): Record<string, string> => {
  const { 'content-encoding': _encoding, ...rest } = headers;
  return { ...rest, 'content-type': 'application/json' };
};

function bodyOf(route: AnyRoute, vocabulary: Vocabulary): fc.Arbitrary<string | undefined> {
  const schema = route.request?.body as z.ZodType | undefined;
  const json = (value: unknown) => JSON.stringify(value) ?? '';
  if (route.rawBody) {
    // Provider notifications: unsigned bytes, or what a forger would post (a made-up checkout token).
    return fc.oneof(
      fc.jsonValue().map(json),
      anyText(vocabulary).map((token) => json({ token })),
      malformedJson(['token', 'type', 'id']),
      fc.constant(undefined),
    );
  }
  return fc.oneof(
    { weight: schema ? 6 : 0, arbitrary: schema ? nearMiss(schema, vocabulary).map(json) : fc.constant('') },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }).map(json) },
    { weight: 3, arbitrary: malformedJson(shapeKeys(schema)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(OVERSIZED) },
    { weight: route.formBody ? 6 : 0, arbitrary: formText(vocabulary) },
  );
}

/** Form posts: fields with awkward values, broken escapes, NULs, and more fields than the parser takes. */
function formText(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const field = fc
    .tuple(fc.oneof(fc.constantFrom('token', 'razorpay_signature', 'razorpay_payment_id', 'a[b]', '__proto__'), fc.string({ maxLength: 8 })), anyText(vocabulary))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`);
  return fc.oneof(
    fc.array(field, { maxLength: 5 }).map((fields) => fields.join('&')),
    fc.constantFrom('a=%00', 'a=%zz', 'a=1&a=2', '=&=', 'a+b=c+d', '&&&'),
    fc.integer({ min: 45, max: 60 }).map((count) => Array.from({ length: count }, (_, index) => `f${index}=1`).join('&')),
  );
}

const CONTENT_TYPES = [
  'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=us-ascii', 'application/merge-patch+json',
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'none',
] as const;

/**
 * The signature headers of the payment and KYC providers, with values shaped
 * like theirs (or garbage), so a provider's check gets past "missing header".
 * No certificate URL names a PayPal host: nothing is fetched from outside.
 */
const SIGNATURE_HEADERS: Readonly<Record<string, readonly string[]>> = {
  'stripe-signature': ['t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd', 't=,v1=', 'v1=00', 't=99999999999999999999,v1=zz'],
  'paypal-transmission-id': ['69cd13f0-d67a-11e5-baa3-778b53f4ae55'],
  'paypal-transmission-time': ['2016-02-18T20:01:35Z', 'yesterday'],
  'paypal-transmission-sig': ['bm90IGEgc2lnbmF0dXJl', '!!!'],
  'paypal-cert-url': ['https://evil.example/cert.pem', 'http://api.paypal.com/cert.pem', 'not a url'],
  'paypal-auth-algo': ['SHA256withRSA', 'none'],
  'x-cc-webhook-signature': ['00', 'deadbeef'],
  'x-razorpay-signature': ['00', 'deadbeef'],
  'x-razorpay-event-id': ['evt_1'],
  'x-tcpay-signature': ['00', 'sha256=deadbeef'],
  'x-tcpay-timestamp': ['1700000000', '-1', '99999999999999999999'],
  'x-tcpay-merchant': ['merchant', ''],
  'x-payload-digest': ['00', 'deadbeef'],
  'x-payload-digest-alg': ['HMAC_SHA256_HEX', 'HMAC_SHA1_HEX', 'MD5'],
};

/** Printable ASCII only: anything else is not a valid header value on the wire. */
const headerText = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,140}$/);

function headersOf(route: AnyRoute, hasBody: boolean): fc.Arbitrary<Record<string, string>> {
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: route.formBody ? 6 : 0, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  );
  // Not brotli: it has no header, so some plain bytes are a valid brotli stream and the outcome is not bad input for sure.
  const contentEncoding = fc.oneof({ weight: 8, arbitrary: fc.constant('identity') }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'x-unknown') });
  const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('fuzz-key-0001', 'short', 'has spaces in it'), headerText), { freq: 2 });
  const signatures = fc.uniqueArray(
    fc.constantFrom(...Object.keys(SIGNATURE_HEADERS)).chain((name) => fc.oneof(fc.constantFrom(...SIGNATURE_HEADERS[name]!), headerText).map((value) => [name, value] as const)),
    { maxLength: 4, selector: ([name]) => name },
  );
  return fc.record({ contentType, contentEncoding, idempotencyKey, signatures }).map(({ contentType, contentEncoding, idempotencyKey, signatures }) => {
    const headers: Record<string, string> = {};
    if (hasBody && contentType !== 'none') headers['content-type'] = contentType;
    if (hasBody && contentEncoding !== 'identity') headers['content-encoding'] = contentEncoding;
    if (route.idempotent && idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
    for (const [name, value] of signatures) headers[name] = value;
    return headers;
  });
}

/** Requests for `route` whose path parameters, query and body are drawn around its zod schemas, mostly off. */
export function fuzzRequest(route: AnyRoute, vocabulary: Vocabulary): fc.Arbitrary<FuzzRequest> {
  const method = route.method.toUpperCase() as FuzzRequest['method'];
  const body = method === 'GET' ? fc.constant(undefined) : bodyOf(route, vocabulary);
  return fc
    .tuple(pathOf(route, vocabulary), queryOf(route, vocabulary), body)
    .chain(([path, query, text]) =>
      headersOf(route, text !== undefined).map((headers) => ({
        method,
        target: query ? `${path}?${query}` : path,
        headers: text === OVERSIZED ? asPlainJson(headers) : headers,
        ...(text !== undefined ? { body: text } : {}),
      })),
    );
}
