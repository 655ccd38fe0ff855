import { domainError } from '@tradesense/domain';
import { sharedErrors } from '../shared-kernel/shared-errors.js';

export const challengesErrors = {
  /** Also the answer for another trader's challenge: its existence is not disclosed. */
  notFound: (challengeId: string) => domainError('CHALLENGE.NOT_FOUND', 'No such challenge', { challengeId }),
  accountNotFound: (login: string) =>
    domainError('CHALLENGE.ACCOUNT_NOT_FOUND', 'No challenge trades on this account', { login }),
  noAccount: (challengeId: string) =>
    domainError('CHALLENGE.NO_ACCOUNT', 'The challenge has no trading account yet', { challengeId }),
  invalidCursor: sharedErrors.invalidCursor,
  invalidPageSize: sharedErrors.invalidPageSize,
  provisioningFailed: (challengeId: string, platformCode: string) =>
    domainError('CHALLENGE.PROVISIONING_FAILED', 'The trading account of the next phase could not be created', {
      challengeId,
      platformCode,
    }),
  noVerdict: (challengeId: string) =>
    domainError('CHALLENGE.NO_VERDICT', 'The challenge has no stored breach verdict', { challengeId }),
  verdictMismatch: (challengeId: string, stored: string, replayed: string) =>
    domainError('CHALLENGE.VERDICT_MISMATCH', 'The stored breach does not match its inputs', {
      challengeId,
      stored,
      replayed,
    }),
};
