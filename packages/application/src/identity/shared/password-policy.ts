import { err, normalizeEmail, ok, type DomainError, type Result } from '@tradesense/domain';
import { identityErrors } from '../identity-errors.js';
import type { PasswordStrengthEstimator } from '../ports/password-strength.js';

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it is no denial of service. */
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's "safely unguessable" (about 10^10 guesses): the lowest score a new password may have. */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordOwner {
  readonly email: string;
  readonly displayName?: string | null;
}

/**
 * Whether a new password may be set for its owner: long enough, not the
 * e-mail (or its name part) in any case, and not guessable by the
 * estimator, which is told the owner's own data so "jane.doe2026" is weak
 * for jane.doe@….
 */
export function checkNewPassword(estimator: PasswordStrengthEstimator, password: string, owner: PasswordOwner): Result<void, DomainError> {
  if (password.length < MIN_PASSWORD_LENGTH) return err(identityErrors.weakPassword('too_short', `The password must have at least ${MIN_PASSWORD_LENGTH} characters`));
  if (password.length > MAX_PASSWORD_LENGTH) return err(identityErrors.weakPassword('too_long', `The password may have at most ${MAX_PASSWORD_LENGTH} characters`));
  const email = normalizeEmail(owner.email);
  const localPart = email.split('@')[0] ?? email;
  const typed = password.trim().toLowerCase();
  if (typed === email || typed === localPart) return err(identityErrors.weakPassword('same_as_email', 'The password must not be your e-mail address'));
  const personal = [email, localPart, localPart.replace(/[._+-]+/g, ''), ...localPart.split(/[._+-]+/), ...(owner.displayName ? owner.displayName.split(/\s+/) : []), 'tradesense'];
  const strength = estimator.estimate(password, personal.filter((input) => input.length > 0));
  if (strength.score < MIN_PASSWORD_SCORE) {
    const advice = [strength.warning, ...strength.suggestions].filter((line): line is string => Boolean(line));
    return err(identityErrors.weakPassword('too_guessable', 'The password is too easy to guess', advice));
  }
  return ok(undefined);
}
