import type { AnyRoute } from '../api/route.js';

/** Why a route may answer an error status, for the OpenAPI description of that response. */
const REASONS: Readonly<Record<number, string>> = {
  400: 'Invalid input (`VALIDATION.FAILED` lists each field), a malformed JSON body (`HTTP.MALFORMED_BODY`) or path (`HTTP.MALFORMED_PATH`), a bad `Idempotency-Key`',
  401: 'No valid bearer access token (`AUTH.UNAUTHENTICATED`), or refused credentials or token (`AUTH.*`)',
  403: 'The route is for another role (`AUTH.FORBIDDEN`)',
  404: 'No such resource of yours (`*.NOT_FOUND`); another trader’s resource is reported the same way',
  409: 'The resource changed meanwhile (`CONCURRENCY.CONFLICT`), it already exists (`*_TAKEN`, `*.ALREADY_*`), or a request with this `Idempotency-Key` is still running (`IDEMPOTENCY.IN_PROGRESS`)',
  413: 'The body is larger than the route accepts (`HTTP.PAYLOAD_TOO_LARGE`)',
  415: 'The body’s charset or content encoding is not supported (`HTTP.UNSUPPORTED_MEDIA_TYPE`)',
  422: 'The rules refuse the request (a domain code such as `CHALLENGE.NOT_ACTIVE`; `details` says why)',
  429: 'Too many attempts from this client (`HTTP.TOO_MANY_REQUESTS`); retry after `Retry-After` seconds',
  500: 'A fault of the server (`HTTP.INTERNAL`), logged with the request id; nothing internal is revealed',
  502: 'The trading platform refused the operation (`PLATFORM.REJECTED`)',
  503: 'The trading platform cannot be reached (`PLATFORM.UNAVAILABLE`); retry after `Retry-After` seconds',
};

export const errorReason = (status: number): string => REASONS[status] ?? 'Problem';

const hasPathParams = (route: AnyRoute) => /:\w+/.test(route.path);
const hasBody = (route: AnyRoute) => route.method !== 'get' && (route.request?.body !== undefined || route.rawBody === true || route.formBody === true || route.textBody !== undefined);

/**
 * Every error status a route can answer, derived from what it declares:
 * any route 400 (validation, malformed path), 422 (business refusals) and 500;
 * a protected one 401/403; path parameters 404; a write 409 (concurrency
 * conflicts, idempotency); a body 413/415; a limiter 429; a trading platform
 * call 502/503; plus the refusals the route lists itself.
 */
export function errorStatuses(route: AnyRoute): number[] {
  const statuses = new Set<number>([400, 422, 500]);
  if (route.access !== 'public') [401, 403].forEach((status) => statuses.add(status));
  if (hasPathParams(route)) statuses.add(404);
  if (route.method !== 'get' || route.idempotent) statuses.add(409);
  if (hasBody(route)) [413, 415].forEach((status) => statuses.add(status));
  if (route.rateLimited) statuses.add(429);
  if (route.platform) [502, 503].forEach((status) => statuses.add(status));
  for (const status of route.refusals ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

/** Every status the route's OpenAPI operation lists: its own answers and its error statuses. */
export function documentedStatuses(route: AnyRoute): Set<number> {
  return new Set([...Object.keys(route.responses).map(Number), ...errorStatuses(route)]);
}
