import type { DomainError, Result } from '@tradesense/domain';

/**
 * Runs a follow-up step right after the commit that made it due. The same
 * transaction wrote an outbox message for it, so the follow-up handler runs
 * it again until it succeeds: a failure here (platform down, a concurrent
 * activation) only postpones it and must not turn the committed change into
 * an error for the caller.
 */
export async function followUp<T>(work: () => Promise<Result<T, DomainError>>): Promise<Result<T, DomainError> | null> {
  try {
    return await work();
  } catch {
    return null;
  }
}
