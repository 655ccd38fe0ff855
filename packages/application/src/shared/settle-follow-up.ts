import type { DomainError, Result } from '@tradesense/domain';

/**
 * The outcome of a follow-up delivered from the outbox: a success, or a
 * refusal in `settled` (retrying would get the same answer), settles the
 * message; anything else is thrown, so the dispatcher retries with backoff.
 */
export function settleFollowUp(result: Result<unknown, DomainError>, settled: ReadonlySet<string>): void {
  if (!result.ok && !settled.has(result.error.code)) {
    throw new Error(`${result.error.code}: ${result.error.message}`);
  }
}
