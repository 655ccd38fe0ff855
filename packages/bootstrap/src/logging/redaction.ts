/**
 * What never reaches a log line: credentials in headers, secrets in any field
 * named like one, and tokens carried in URLs (checkout confirm links, the
 * WebSocket's `?access_token=`, providers' return parameters).
 */
export const REDACTED = '[redacted]';

/** A field whose name says it holds a secret (matched on the key, at any depth). */
const SECRET_KEY = /pass(word|phrase)?|secret|token|api[-_]?key|authori[sz]ation|cookie|signature|credential|private[-_]?key|otp|totp|iban|card[-_]?number|cvc|cvv/i;

/** Query parameters whose values are secrets. */
const SECRET_PARAMETER = /token|key|secret|signature|sig$|password|code|session|payer|otp/i;

/** Header paths for pino's `redact` (fast, compiled); the deep scrub below catches the rest. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** The URL (absolute, or a path with a query) with every secret query value replaced. */
export function scrubUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const hashAt = url.indexOf('#', queryAt);
  const query = url.slice(queryAt + 1, hashAt < 0 ? undefined : hashAt);
  const scrubbed = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && (SECRET_PARAMETER.test(safeDecode(name)) || isSecretKey(safeDecode(name))) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${scrubbed}${hashAt < 0 ? '' : url.slice(hashAt)}`;
}

/** A parsed query object with every secret parameter's value replaced. */
export function scrubQuery(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) copy[name] = SECRET_PARAMETER.test(name) || isSecretKey(name) ? REDACTED : value;
  return copy;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const URL_WITH_QUERY = /\bhttps?:\/\/[^\s"'<>]*\?[^\s"'<>]*/g;

/**
 * A copy of a log object with secret-named fields redacted and secret query
 * values removed from any URL in a string, at any depth. Errors keep their
 * message and stack; cycles and depth are bounded.
 */
export function scrubSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return value.includes('?') ? scrubText(value) : value;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1, seen));
  if (value instanceof Error) return value;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = isSecretKey(key) && field !== null && field !== undefined && field !== '' ? REDACTED : scrubSecrets(field, depth + 1, seen);
  }
  return copy;
}

function scrubText(text: string): string {
  if (text.startsWith('/')) return scrubUrl(text);
  return text.replace(URL_WITH_QUERY, (url) => scrubUrl(url));
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
