import { domainError } from '@tradesense/domain';

/** Thrown by a repository given a cursor it did not issue; use cases turn it into a result. */
export const INVALID_CURSOR = 'PAGE.INVALID_CURSOR';

/** Refusals every context gives the same way; their codes are part of the public API. */
export const sharedErrors = {
  forbidden: (action: string) => domainError('AUTH.FORBIDDEN', 'Only an admin may do this', { action }),
  userNotFound: (userId: string) => domainError('USER.NOT_FOUND', 'No such user', { userId }),
  invalidCursor: () => domainError(INVALID_CURSOR, 'The page cursor is not valid'),
  invalidPageSize: (max: number) => domainError('PAGE.INVALID_LIMIT', `A page holds 1 to ${max} items`, { max }),
};
