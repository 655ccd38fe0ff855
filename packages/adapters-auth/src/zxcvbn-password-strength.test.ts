import { checkNewPassword, MIN_PASSWORD_SCORE } from '@tradesense/application';
import { describe, expect, it } from 'vitest';
import { ZxcvbnPasswordStrength } from './zxcvbn-password-strength.js';

const estimator = new ZxcvbnPasswordStrength();
const owner = { email: 'Jane.Doe@example.com', displayName: 'Jane Doe' };
const reason = (password: string): string => {
  const verdict = checkNewPassword(estimator, password, owner);
  return verdict.ok ? 'ok' : String(verdict.error.details?.['reason']);
};

describe('the new-password policy with the zxcvbn estimator', () => {
  it('refuses the guessable passwords people actually choose', () => {
    expect(reason('aaaaaaaaaa')).toBe('too_guessable');
    expect(reason(' '.repeat(10))).toBe('too_guessable');
    expect(reason('Password123!')).toBe('too_guessable');
    expect(reason('qwertyuiop')).toBe('too_guessable');
    expect(reason('1234567890')).toBe('too_guessable');
    expect(reason('janedoe2026')).toBe('too_guessable');
  });

  it('refuses the e-mail itself (any case, any surrounding spaces) and its name part', () => {
    expect(reason('jane.doe@example.com')).toBe('same_as_email');
    expect(reason('  JANE.DOE@EXAMPLE.COM ')).toBe('same_as_email');
    expect(reason('jane.doe@example.com'.replace('jane.doe', 'Jane.Doe'))).toBe('same_as_email');
  });

  it('refuses what is too short or too long before estimating', () => {
    expect(reason('Zq8#tW1!')).toBe('too_short');
    expect(reason('x'.repeat(257))).toBe('too_long');
  });

  it('accepts passphrases and random strings, and explains a refusal', () => {
    expect(reason('correct horse battery staple')).toBe('ok');
    expect(reason('Quartz-Harbour-Lantern-58')).toBe('ok');
    expect(reason('v9$Lm2!qZr7#')).toBe('ok');
    const refused = checkNewPassword(estimator, 'Password123!', owner);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect((refused.error.details?.['advice'] as string[]).length).toBeGreaterThan(0);
    expect(estimator.estimate('correct horse battery staple', []).score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
  });
});
