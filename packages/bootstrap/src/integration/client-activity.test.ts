import { UNIT_OF_WORK, USE_CASE_DEPENDENCIES, createUseCases, type UnitOfWork } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { DATABASE } from '@tradesense/adapters-postgres';
import { Decimal } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { simulatorOf } from '../testing/challenge-fixtures.js';
import { fundTrader, pendingKycChallenge, quoteUs30, registerPerson } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

// Wednesday 4 March 2026, 10:00 in New York: markets open, so orders fill.
const clock = new ManualClock('2026-03-04T15:00:00.000Z');
const client = { ip: '203.0.113.7', deviceId: 'device-0001', userAgent: 'vitest' };

/** The platform's unit of work, except that recording client activity fails. */
const failingActivity = (uow: UnitOfWork): UnitOfWork => ({
  run: (work) =>
    uow.run((scope) =>
      work({ ...scope, clientActivity: { ...scope.clientActivity, record: () => Promise.reject(new Error('client_activity is unavailable')) } }),
    ),
});

describeEachPlatform(
  'client activity: recorded with sign-ins in their transaction, after trades without failing them',
  (ctx) => {
    const rows = (userId: string) => ctx.platform.get(DATABASE).knex('client_activity').where({ user_id: userId }).orderBy('id');

    it('a sign-in whose entry cannot be written fails whole: no session, no entry', async () => {
      const person = await registerPerson(ctx.platform);
      const broken = createUseCases({ ...ctx.platform.get(USE_CASE_DEPENDENCIES), uow: failingActivity(ctx.platform.get(UNIT_OF_WORK)) });
      await expect(broken.sessions.signIn(person.email, 'long enough password', client)).rejects.toThrow('client_activity is unavailable');
      expect(await ctx.platform.get(DATABASE).knex('refresh_tokens').where({ user_id: person.userId })).toEqual([]);
      const signedIn = await ctx.platform.useCases.sessions.signIn(person.email, 'long enough password', client);
      expect(signedIn.ok).toBe(true);
      expect(await rows(person.userId)).toEqual([expect.objectContaining({ kind: 'sign_in', ip: '203.0.113.7', device_id: 'device-0001', login: null })]);
    });

    it('a trade stands when its entry cannot be written, and the failure is reported with the login', async () => {
      const trader = await registerPerson(ctx.platform);
      const admin = await registerPerson(ctx.platform, { role: 'admin' });
      await pendingKycChallenge(ctx.platform, { traderId: trader.userId, at: clock.now() });
      const { login } = (await fundTrader(ctx.platform, { traderId: trader.userId, adminId: admin.userId })).fundedAccounts[0]!;
      await quoteUs30(simulatorOf(ctx.platform), '39000', clock.now());
      const reported: string[] = [];
      const broken = createUseCases({
        ...ctx.platform.get(USE_CASE_DEPENDENCIES),
        uow: failingActivity(ctx.platform.get(UNIT_OF_WORK)),
        onUnrecordedTradeActivity: (_error, failedLogin) => reported.push(failedLogin),
      });
      const order = { traderId: trader.userId, login, symbol: 'US30', side: 'buy' as const, volume: new Decimal(1), client };
      const placed = await broken.trade.place(order);
      expect(placed.ok).toBe(true);
      expect(reported).toEqual([login]);
      expect(await rows(trader.userId)).toEqual([]);

      const recorded = await ctx.platform.useCases.trade.place(order);
      expect(recorded.ok).toBe(true);
      expect(await rows(trader.userId)).toEqual([expect.objectContaining({ kind: 'trade', login, ip: '203.0.113.7', device_id: 'device-0001' })]);
    });
  },
  { clock },
);
