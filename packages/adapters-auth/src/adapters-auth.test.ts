import { describe, expect, it } from 'vitest';
import { Argon2PasswordHasher } from './argon2-password-hasher.js';
import { cryptoOpaqueTokens } from './crypto-opaque-tokens.js';
import { JoseAccessTokens } from './jose-access-tokens.js';

const settings = { secret: 'x'.repeat(32), ttlSeconds: 900, issuer: 'tradesense', audience: 'tradesense-api' };
const now = new Date('2026-11-02T10:00:00Z');

describe('Argon2PasswordHasher', () => {
  const hasher = new Argon2PasswordHasher({ memoryCost: 8_192, timeCost: 1 });
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery!')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
  });
});

describe('JoseAccessTokens', () => {
  const tokens = new JoseAccessTokens(settings);
  it('round-trips the claims until the expiry, not after', async () => {
    const issued = await tokens.issue({ userId: 'u1', role: 'admin' }, now);
    expect(issued.expiresAt.toISOString()).toBe('2026-11-02T10:15:00.000Z');
    expect(await tokens.verify(issued.token, new Date('2026-11-02T10:14:59Z'))).toEqual({ userId: 'u1', role: 'admin', expiresAt: issued.expiresAt });
    expect(await tokens.verify(issued.token, new Date('2026-11-02T10:15:01Z'))).toBeNull();
  });
  it('refuses a token signed with another secret, for another audience, or tampered', async () => {
    const other = new JoseAccessTokens({ ...settings, secret: 'y'.repeat(32) });
    const foreign = await other.issue({ userId: 'u1', role: 'admin' }, now);
    expect(await tokens.verify(foreign.token, now)).toBeNull();
    const otherAudience = await new JoseAccessTokens({ ...settings, audience: 'elsewhere' }).issue({ userId: 'u1', role: 'trader' }, now);
    expect(await tokens.verify(otherAudience.token, now)).toBeNull();
    const issued = await tokens.issue({ userId: 'u1', role: 'trader' }, now);
    const [h, p, s] = issued.token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    expect(await tokens.verify(`${h}.${forgedPayload}.${s}`, now)).toBeNull();
  });
  it('refuses a short secret', () => {
    expect(() => new JoseAccessTokens({ ...settings, secret: 'short' })).toThrow(RangeError);
  });
});

describe('cryptoOpaqueTokens', () => {
  it('generates distinct 256-bit tokens and keeps only a stable hash', () => {
    const a = cryptoOpaqueTokens.generate();
    const b = cryptoOpaqueTokens.generate();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(cryptoOpaqueTokens.hash(a.token)).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
