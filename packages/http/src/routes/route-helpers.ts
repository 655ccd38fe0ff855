import type { DomainError, Result } from '@tradesense/domain';
import { domainProblem } from '../api/api-router.js';
import type { RouteResponse } from '../api/route.js';

/**
 * Use-case values carry Decimal, Money, Percent and Date objects; each knows
 * its JSON form (decimal string, ISO instant), so one JSON round trip gives
 * the wire body, also what the idempotency store keeps for replays.
 */
export function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** A use-case result as a response: the value on success, the domain problem otherwise. */
export function reply<T>(result: Result<T, DomainError>, status = 200, shape: (value: T) => unknown = (value) => value): RouteResponse {
  return result.ok ? { status, body: plain(shape(result.value)) } : domainProblem(result.error);
}

/** A stored PDF as a download. */
export function pdfReply(result: Result<{ filename: string; content: Uint8Array }, DomainError>): RouteResponse {
  if (!result.ok) return domainProblem(result.error);
  return {
    status: 200,
    body: result.value.content,
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${result.value.filename.replace(/[^\w.-]/g, '_')}"` },
  };
}
