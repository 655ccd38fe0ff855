import { token, type Token } from '../../ports/token.js';

/** How guessable a password is, on zxcvbn's scale: 0 (instantly) to 4 (very unguessable). */
export interface PasswordStrength {
  readonly score: 0 | 1 | 2 | 3 | 4;
  /** Why it is weak, in a sentence a person can act on (null when nothing stands out). */
  readonly warning: string | null;
  readonly suggestions: readonly string[];
}

/** Estimates guessability against dictionaries, keyboard patterns and the person's own data. */
export interface PasswordStrengthEstimator {
  estimate(password: string, personalInputs: readonly string[]): PasswordStrength;
}

export const PASSWORD_STRENGTH: Token<PasswordStrengthEstimator> = token<PasswordStrengthEstimator>('PasswordStrengthEstimator');
