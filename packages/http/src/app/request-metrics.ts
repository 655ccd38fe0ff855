import type { HttpRequestMetrics } from '@tradesense/bootstrap';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Requests no route answered (404s, the documentation's static files): one series, whatever their URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request and reports it under its route's pattern once the
 * response is finished. The pattern is known only after routing (Express sets
 * `req.route` on the matched route), hence the reading at `finish`; the raw
 * URL is never used, so ids and tokens in paths neither multiply the series
 * nor reach the metrics.
 */
export function requestMetrics(metrics: HttpRequestMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.once('finish', () => {
      const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
      metrics.requestFinished({
        route: typeof pattern === 'string' ? pattern : UNMATCHED_ROUTE,
        method: req.method,
        status: res.statusCode,
        seconds: (performance.now() - started) / 1000,
      });
    });
    next();
  };
}
