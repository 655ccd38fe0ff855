import { ACCESS_TOKENS, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { expect, it } from 'vitest';
import { DATABASE } from '@tradesense/adapters-postgres';
import { describeEachPlatform } from '../testing/test-platform.js';

const clock = new ManualClock('2026-11-02T10:00:00Z');

function value<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}
const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

describeEachPlatform(
  'identity use cases',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;

    it('registers a trader once per e-mail (case-insensitive) and refuses weak passwords', async () => {
      const first = await uc().registerUser.execute({ email: 'Ana@Example.com', password: 'long enough pw', country: 'DE' });
      expect(first.ok).toBe(true);
      expect(code(await uc().registerUser.execute({ email: ' ana@example.COM', password: 'long enough pw', country: 'FR' }))).toBe('USER.EMAIL_TAKEN');
      expect(code(await uc().registerUser.execute({ email: 'bo@example.com', password: 'short', country: 'FR' }))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().registerUser.execute({ email: 'bo@example.com', password: 'aaaaaaaaaa', country: 'FR' }))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().registerUser.execute({ email: 'bo@example.com', password: ' '.repeat(10), country: 'FR' }))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().registerUser.execute({ email: 'bo.long.name@example.com', password: 'Bo.Long.Name@example.com', country: 'FR' }))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().registerUser.execute({ email: 'bo@example.com', password: 'long enough pw', country: 'France' }))).toBe('USER.INVALID_COUNTRY');
      const knex = ctx.platform.get(DATABASE).knex;
      const events = await knex('outbox').where({ topic: 'user.registered' }).pluck('aggregate_id');
      expect(events).toEqual([value(first).userId]);
      const [row] = await knex('users').select('password_hash', 'version');
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.version).toBe(1);
    });

    it('signs in with the right password only, issuing a verifiable access token', async () => {
      expect(code(await uc().sessions.signIn('ana@example.com', 'wrong password'))).toBe('AUTH.INVALID_CREDENTIALS');
      expect(code(await uc().sessions.signIn('nobody@example.com', 'long enough pw'))).toBe('AUTH.INVALID_CREDENTIALS');
      const session = value(await uc().sessions.signIn('ANA@example.com', 'long enough pw'));
      const claims = await ctx.platform.get(ACCESS_TOKENS).verify(session.accessToken, clock.now());
      expect(claims).toEqual({ userId: session.userId, role: 'trader', expiresAt: new Date(Math.floor(clock.now().getTime() / 1000) * 1000 + 900_000) });
    });

    it('rotates refresh tokens and revokes the family when one is reused', async () => {
      const session = value(await uc().sessions.signIn('ana@example.com', 'long enough pw'));
      const rotated = value(await uc().sessions.refresh(session.refreshToken));
      expect(rotated.refreshToken).not.toBe(session.refreshToken);
      expect(code(await uc().sessions.refresh(session.refreshToken))).toBe('AUTH.REFRESH_REUSED');
      // the reuse revoked the descendant too
      expect(code(await uc().sessions.refresh(rotated.refreshToken))).toBe('AUTH.REFRESH_INVALID');
      expect(code(await uc().sessions.refresh('never-issued'))).toBe('AUTH.REFRESH_INVALID');
    });

    it('refuses an expired refresh token and honours sign-out', async () => {
      const session = value(await uc().sessions.signIn('ana@example.com', 'long enough pw'));
      clock.advanceDays(31);
      expect(code(await uc().sessions.refresh(session.refreshToken))).toBe('AUTH.REFRESH_EXPIRED');
      const fresh = value(await uc().sessions.signIn('ana@example.com', 'long enough pw'));
      await uc().sessions.signOut(fresh.refreshToken);
      expect(code(await uc().sessions.refresh(fresh.refreshToken))).toBe('AUTH.REFRESH_INVALID');
    });

    it('resets a password by e-mailed link once, and signs every session out', async () => {
      const knex = ctx.platform.get(DATABASE).knex;
      const session = value(await uc().sessions.signIn('ana@example.com', 'long enough pw'));
      await uc().passwordReset.request('nobody@example.com');
      expect(await knex('outbox').where({ topic: 'email.password_reset' }).count({ n: '*' })).toEqual([{ n: '0' }]);
      await uc().passwordReset.request('Ana@example.com');
      const [mail] = await knex('outbox').where({ topic: 'email.password_reset' }).pluck('payload');
      const token = new URL(mail.resetUrl).searchParams.get('token')!;
      expect(mail.to).toBe('ana@example.com');
      expect(code(await uc().passwordReset.complete(token, 'tiny'))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().passwordReset.complete(token, 'ana@example.com'))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().passwordReset.complete(token, 'qwertyuiop'))).toBe('USER.WEAK_PASSWORD');
      expect(code(await uc().passwordReset.complete(token, 'a brand new password'))).toBe('ok');
      expect(code(await uc().passwordReset.complete(token, 'another new password'))).toBe('AUTH.RESET_TOKEN_INVALID');
      expect(code(await uc().sessions.refresh(session.refreshToken))).toBe('AUTH.REFRESH_INVALID');
      expect(code(await uc().sessions.signIn('ana@example.com', 'long enough pw'))).toBe('AUTH.INVALID_CREDENTIALS');
      expect(code(await uc().sessions.signIn('ana@example.com', 'a brand new password'))).toBe('ok');
      const [row] = await knex('users').where({ email: 'ana@example.com' }).select('version');
      expect(row.version).toBe(2);
    });

    it('an expired reset link does nothing', async () => {
      const knex = ctx.platform.get(DATABASE).knex;
      await uc().passwordReset.request('ana@example.com');
      const payloads = await knex('outbox').where({ topic: 'email.password_reset' }).orderBy('id').pluck('payload');
      const token = new URL(payloads[payloads.length - 1].resetUrl).searchParams.get('token')!;
      clock.advanceMinutes(31);
      expect(code(await uc().passwordReset.complete(token, 'yet another password'))).toBe('AUTH.RESET_TOKEN_INVALID');
    });
  },
  { clock },
);
