import { DomainError, err, type Result } from '@tradesense/domain';
import { INVALID_CURSOR } from './shared-errors.js';

/** Runs a paged read; a cursor the repository did not issue becomes a typed failure. */
export async function withCursor<T>(read: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.code === INVALID_CURSOR) return err(error);
    throw error;
  }
}
