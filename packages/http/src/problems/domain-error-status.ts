/**
 * HTTP status for a domain error code. Business refusals are 422 (the request
 * was understood and is valid, the rules say no); a few families have their
 * own meaning.
 */
export function statusForCode(code: string): number {
  if (code.startsWith('AUTH.')) return code === 'AUTH.FORBIDDEN' ? 403 : 401;
  if (/[._]NOT_FOUND$/.test(code)) return 404;
  if (code.endsWith('.FORBIDDEN') || code.endsWith('.NOT_OWNER')) return 403;
  if (code === 'CONCURRENCY.CONFLICT' || code.endsWith('_TAKEN') || code.includes('.ALREADY_') || code.endsWith('.DUPLICATE')) return 409;
  if (code.startsWith('IDEMPOTENCY.')) return code === 'IDEMPOTENCY.IN_PROGRESS' ? 409 : 422;
  if (code.startsWith('VALIDATION.')) return 400;
  if (code.startsWith('WEBHOOK.')) return 400;
  return 422;
}
