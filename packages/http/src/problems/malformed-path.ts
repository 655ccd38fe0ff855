import type { RequestHandler } from 'express';
import { HttpProblem, problem } from './problem.js';

/** True when every percent-escape of the path decodes to UTF-8 (`%`, `%zz`, `%FF`, a cut-off sequence do not). */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path with a malformed percent-encoding is refused before routing with
 * 400 HTTP.MALFORMED_PATH, whichever route it would land on (the router
 * would otherwise answer some with its own decoding error and others with
 * 404, depending on which routes of other methods share the path's shape).
 */
export const malformedPath: RequestHandler = (req, _res, next) => {
  if (isDecodablePath(req.path)) {
    next();
    return;
  }
  next(new HttpProblem(problem(400, 'HTTP.MALFORMED_PATH', 'The request path has a malformed percent-encoding')));
};
