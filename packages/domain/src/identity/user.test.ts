import { describe, expect, it } from 'vitest';
import { User } from './user.js';

const at = new Date('2026-11-02T10:00:00Z');

describe('User', () => {
  it('registers with a normalised e-mail and country, opted out of the leaderboard', () => {
    const result = User.register({ id: 'u1', email: '  Ana@Example.COM ', passwordHash: 'h', role: 'trader', country: 'de', at });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.toState()).toMatchObject({ email: 'ana@example.com', country: 'DE', leaderboardOptIn: false, displayName: null });
    expect(result.value.pullEvents().map((e) => e.type)).toEqual(['user.registered']);
  });

  it('refuses a country that is not an ISO code', () => {
    const result = User.register({ id: 'u1', email: 'a@b.c', passwordHash: 'h', role: 'trader', country: 'Germany', at });
    expect(result.ok ? null : result.error.code).toBe('USER.INVALID_COUNTRY');
  });

  it('needs a display name to opt in to the leaderboard', () => {
    const user = User.restore({
      id: 'u1', email: 'a@b.c', passwordHash: 'h', role: 'trader', country: 'DE', displayName: null,
      leaderboardOptIn: false, createdAt: at, passwordChangedAt: at,
    });
    const refused = user.updateProfile({ displayName: '  ', leaderboardOptIn: true }, at);
    expect(refused.ok ? null : refused.error.code).toBe('USER.DISPLAY_NAME_REQUIRED');
    expect(user.updateProfile({ displayName: 'Ana', leaderboardOptIn: true }, at).ok).toBe(true);
    expect(user.toState()).toMatchObject({ displayName: 'Ana', leaderboardOptIn: true });
  });
});
