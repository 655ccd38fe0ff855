import { parse as parseQuery } from 'node:querystring';
import type { z } from 'zod';
import type { AnyRoute } from '../api/route.js';
import { unstorableText } from '../api/storable-text.js';
import { isDecodablePath } from '../problems/malformed-path.js';
import type { FuzzRequest } from './fuzz-request.js';

/**
 * What the server makes of a request, worked out the way Express 5 and
 * body-parser do it (the raw request line, JSON parsing before routing,
 * case-insensitive matching with an optional trailing slash, decoded path
 * parameters, the "simple" query parser), then judged against the zod
 * schemas of the route it lands on. Only requests some part of which is
 * invalid count as bad input; a request that happens to satisfy every
 * schema is not bad input and is not sent.
 */
export type Verdict =
  /** Bad input: must be refused with a 4xx problem and change nothing. */
  | { readonly kind: 'refuse'; readonly reason: Reason; readonly route: AnyRoute | null }
  /** Unknown query parameters on a read without a query schema: ignored, and must change nothing. */
  | { readonly kind: 'ignored'; readonly route: AnyRoute }
  /** Satisfies every schema: not bad input. */
  | { readonly kind: 'valid'; readonly route: AnyRoute };

export type Reason = 'malformed body' | 'no route' | 'undecodable path' | 'unsigned webhook' | 'params' | 'query' | 'body';

/** The JSON parser's limit and strict mode (create-http-app.ts). */
const JSON_LIMIT_BYTES = 256 * 1024;

/**
 * GET routes that record something (a referral click): unknown query
 * parameters are ignored there too, so the request does what a valid one does
 * and may change the database.
 */
const RECORDING_READS: ReadonlySet<string> = new Set(['trackReferralClick']);

export function judge(request: FuzzRequest, routes: readonly AnyRoute[]): Verdict {
  const queryAt = request.target.indexOf('?');
  const pathname = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const search = queryAt < 0 ? '' : request.target.slice(queryAt + 1);
  let body: unknown;
  const contentType = request.headers['content-type'];
  const jsonParsed = request.body !== undefined && contentType !== undefined && /json/.test(contentType) && !request.target.startsWith('/v1/webhooks/');
  if (jsonParsed) {
    const parsed = parseJsonBody(request.body!, contentType!, request.headers['content-encoding']);
    if (!parsed.ok) return { kind: 'refuse', reason: 'malformed body', route: null };
    body = parsed.value;
  }
  // A malformed percent-encoding anywhere in the path is refused before routing.
  if (!isDecodablePath(pathname)) return { kind: 'refuse', reason: 'undecodable path', route: null };
  const match = matchRoute(routes, request.method, pathname);
  if (match === 'none') return { kind: 'refuse', reason: 'no route', route: null };
  const { route, params } = match;
  // Unsigned (or wrongly signed) bytes can never be an authentic notification.
  if (route.rawBody) return { kind: 'refuse', reason: 'unsigned webhook', route };
  // A form route reads its own body (after routing, before validation) when the JSON parser left it.
  if (route.formBody && !jsonParsed && request.body !== undefined && contentType !== undefined && /^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    const parsed = parseFormBody(request.body, contentType, request.headers['content-encoding']);
    if (!parsed.ok) return { kind: 'refuse', reason: 'malformed body', route };
    body = parsed.value;
  }
  const schemas = route.request ?? {};
  const query = parseQuery(search);
  if (!accepts(schemas.params, params)) return { kind: 'refuse', reason: 'params', route };
  if (!accepts(schemas.query, query)) return { kind: 'refuse', reason: 'query', route };
  if (!accepts(schemas.body, body ?? {})) return { kind: 'refuse', reason: 'body', route };
  if (!schemas.query && route.method === 'get' && Object.keys(query).length > 0 && !RECORDING_READS.has(route.operationId)) {
    return { kind: 'ignored', route };
  }
  return { kind: 'valid', route };
}

/** What the router's validation admits: the schema's verdict, and only text the database can store. */
function accepts(schema: z.ZodType | undefined, input: unknown): boolean {
  return schema === undefined || (schema.safeParse(input).success && unstorableText(input).length === 0);
}

function parseJsonBody(text: string, contentType: string, contentEncoding: string | undefined): { ok: true; value: unknown } | { ok: false } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > JSON_LIMIT_BYTES) return { ok: false };
  // body-parser checks the charset first (RFC 8259: UTF-8 only here), then inflates: plain text is never gzip or deflate data.
  const charset = /;\s*charset=([^;\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8') return { ok: false };
  if (contentEncoding !== undefined && contentEncoding !== 'identity') return { ok: false };
  const decoded = bytes.toString('utf8').replace(/^\ufeff/, '');
  if (decoded.length === 0) return { ok: true, value: {} };
  const first = /^[ \t\n\r]*([\s\S])/.exec(decoded)?.[1];
  if (first !== '{' && first !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(decoded) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The form parser's limits (api-router.ts): 16 kB and 50 fields; UTF-8 or ISO-8859-1 only. */
const FORM_LIMIT_BYTES = 16 * 1024;
const FORM_FIELD_LIMIT = 50;

/**
 * Like express.urlencoded({ extended: false }). Its qs and node's querystring
 * decode alike for what is generated here (flat fields, %-escapes, "+"), which
 * is all the loose form schema and the text check look at.
 */
function parseFormBody(text: string, contentType: string, contentEncoding: string | undefined): { ok: true; value: unknown } | { ok: false } {
  const bytes = Buffer.from(text, 'utf8');
  const charset = /;\s*charset=([^;\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'iso-8859-1') return { ok: false };
  if (contentEncoding !== undefined && contentEncoding !== 'identity') return { ok: false };
  if (bytes.length > FORM_LIMIT_BYTES) return { ok: false };
  const decoded = bytes.toString('utf8');
  if (decoded.length === 0) return { ok: true, value: {} };
  if (decoded.split('&').length > FORM_FIELD_LIMIT) return { ok: false };
  return { ok: true, value: { ...parseQuery(decoded) } };
}

type Match = { route: AnyRoute; params: Record<string, string> } | 'none';

/** First route (in mounting order) whose method and path match, as Express's router picks it. */
function matchRoute(routes: readonly AnyRoute[], method: string, pathname: string): Match {
  const segments = pathname.split('/');
  if (segments.length > 2 && segments.at(-1) === '') segments.pop();
  for (const route of routes) {
    if (route.method !== method.toLowerCase()) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const raw: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index]!;
      if (!part.startsWith(':')) return part.toLowerCase() === segment.toLowerCase();
      raw[part.slice(1)] = segment;
      return segment.length > 0;
    });
    if (!matches) continue;
    return { route, params: Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decodeURIComponent(value)])) };
  }
  return 'none';
}
