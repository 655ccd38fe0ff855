import type { DomainError } from './domain-error.js';

/**
 * Expected business failures are values, not exceptions: callers must look at
 * the outcome before they can use the value.
 */
export type Result<T, E extends DomainError = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E extends DomainError>(error: E): Result<never, E> => ({ ok: false, error });

/** Unwraps a result whose failure would be a programming error. */
export function unwrap<T>(result: Result<T, DomainError>): T {
  if (result.ok) return result.value;
  throw result.error;
}
