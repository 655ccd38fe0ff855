import { isTradingPlatformError } from '@tradesense/application';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem.js';

export const notFoundHandler: RequestHandler = (req, res) => {
  send(res, problem(404, 'HTTP.NOT_FOUND', 'No such resource', { instance: req.originalUrl }));
};

/**
 * Client mistakes become 4xx problems with a stable code; anything unexpected
 * is logged and answered with a 500 that reveals nothing internal.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof HttpProblem) {
    send(res, { ...error.details, instance: req.originalUrl });
    return;
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    // body-parser and friends: malformed JSON, payload too large, wrong charset or encoding.
    send(res, problem(status, bodyParserCode(status, (error as { type?: string }).type), (error as Error).message, { instance: req.originalUrl }));
    return;
  }
  if (isTradingPlatformError(error)) {
    // The trading server failed under a use case that had no answer for it: the
    // client did nothing wrong and may retry, so say which side failed instead of a bare 500.
    req.log?.error({ err: error }, 'trading platform failed');
    const unreachable = error.code === 'PLATFORM.UNAVAILABLE' || error.code === 'PLATFORM.AUTH_FAILED';
    if (unreachable) res.setHeader('retry-after', '5');
    send(
      res,
      unreachable
        ? problem(503, 'PLATFORM.UNAVAILABLE', 'The trading server cannot be reached; try again shortly', { instance: req.originalUrl })
        : problem(502, 'PLATFORM.REJECTED', 'The trading server refused the operation', { instance: req.originalUrl }),
    );
    return;
  }
  req.log?.error({ err: error }, 'unhandled error');
  send(res, problem(500, 'HTTP.INTERNAL', 'Internal server error', { instance: req.originalUrl }));
};

/** Stable codes for the body parsers' refusals. */
function bodyParserCode(status: number, type: string | undefined): string {
  if (type === 'entity.parse.failed') return 'HTTP.MALFORMED_BODY';
  if (status === 413) return 'HTTP.PAYLOAD_TOO_LARGE';
  if (status === 415) return 'HTTP.UNSUPPORTED_MEDIA_TYPE';
  return 'HTTP.BAD_REQUEST';
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof candidate === 'number' ? candidate : undefined;
}

function send(res: Parameters<RequestHandler>[1], body: ProblemDetails): void {
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
