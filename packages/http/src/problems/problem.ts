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

/** Longest `title` and `detail` a problem carries (the OpenAPI document says so); longer text is cut. */
export const MAX_TITLE = 1000;
export const MAX_DETAIL = 2000;

export function problem(status: number, code: string, title: string, extra: Record<string, unknown> = {}): ProblemDetails {
  const clipped = title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
  return { type: `urn:tradesense:problem:${code}`, title: clipped, status, code, ...extra };
}

export class HttpProblem extends Error {
  constructor(readonly details: ProblemDetails) {
    super(details.title);
  }
}
