import { createHash } from 'node:crypto';

/** MT5 keeps 31 characters of a balance comment. */
export const MAX_COMMENT_LENGTH = 31;

/**
 * MT5 has no idempotency key, so the client operation id travels inside the
 * deal comment as a short digest. Finding a deal with that digest proves the
 * operation was booked, even after a crash or a lost answer.
 */
export const operationTag = (clientOperationId: string): string =>
  `TS${createHash('sha256').update(clientOperationId, 'utf8').digest('hex').slice(0, 16)}`;

export const taggedComment = (tag: string, comment: string): string => `${tag} ${comment}`.slice(0, MAX_COMMENT_LENGTH).trimEnd();
