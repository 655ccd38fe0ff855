import { domainError } from '@tradesense/domain';
import { sharedErrors } from '../shared-kernel/shared-errors.js';

export const identityErrors = {
  emailTaken: () => domainError('USER.EMAIL_TAKEN', 'An account with this e-mail already exists'),
  /** `reason`: too_short, too_long, same_as_email or too_guessable; `advice` says how to choose a better one. */
  weakPassword: (reason: string, message: string, advice: readonly string[] = []) =>
    domainError('USER.WEAK_PASSWORD', message, { reason, advice: [...advice] }),
  invalidCredentials: () => domainError('AUTH.INVALID_CREDENTIALS', 'E-mail or password is wrong'),
  refreshInvalid: () => domainError('AUTH.REFRESH_INVALID', 'The refresh token is not valid'),
  refreshExpired: () => domainError('AUTH.REFRESH_EXPIRED', 'The refresh token has expired'),
  refreshReused: () =>
    domainError('AUTH.REFRESH_REUSED', 'The refresh token was already used; every session of this sign-in is now revoked'),
  resetInvalid: () => domainError('AUTH.RESET_TOKEN_INVALID', 'The password reset link is not valid or has expired'),
  userNotFound: sharedErrors.userNotFound,
};
