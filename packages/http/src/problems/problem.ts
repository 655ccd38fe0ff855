/**
 * RFC 9457 problem details. `code` is the stable machine-readable reason
 * (a domain error code such as CHALLENGE.NOT_ACTIVE or an HTTP-level one).
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, code: string, title: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return { type: `urn:tradesense:problem:${code}`, title, status, code, ...extra };
}

export class HttpProblem extends Error {
  constructor(readonly details: ProblemDetails) {
    super(details.title);
  }
}
