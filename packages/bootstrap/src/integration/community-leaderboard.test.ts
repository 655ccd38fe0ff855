import { TRADING_PLATFORM, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openChallenge } from '../testing/challenge-fixtures.js';
import { fundTrader, pendingKycChallenge } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';
import { trader, value } from './community-helpers.js';

const START = '2026-11-03T14:00:00Z';
const clock = new ManualClock(START);

describeEachPlatform(
  'community: global leaderboard',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const ids: Record<string, string> = {};

    /** An active challenge whose platform balance moved by `profit`, booked through the challenges context. */
    async function challengeWithProfit(userId: string, balance: string, profit: string): Promise<void> {
      const { login } = await openChallenge(ctx.platform, { traderId: userId, at: clock.now(), balance });
      if (profit !== '0') {
        await ctx.platform.get(TRADING_PLATFORM).balanceOperation({
          login, kind: 'correction', amount: new Decimal(profit), clientOperationId: `profit-${login}`,
        });
      }
      value(await uc().recordPlatformDeals.execute({ login }));
    }

    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));

    beforeAll(async () => {
      ids.ana = await trader(ctx.platform, 'ana', { displayName: 'Ana', optIn: true });
      ids.bo = await trader(ctx.platform, 'bo', { displayName: 'Bo', optIn: true });
      ids.cy = await trader(ctx.platform, 'cy', { displayName: 'Cy' });
      ids.di = await trader(ctx.platform, 'di', { displayName: 'Di', optIn: true });
      ids.eve = await trader(ctx.platform, 'eve', { displayName: 'Eve', optIn: true });
      ids.admin = value(await uc().registerUser.execute({ email: 'admin@example.com', password: 'long enough pw', country: 'DE', role: 'admin' })).userId;
    });

    it('publishes top traders by profit %, opt-in display names only, ties in a stable order', async () => {
      expect(value(await uc().globalLeaderboard.execute())).toEqual({ refreshedAt: null, lines: [] });
      await challengeWithProfit(ids.ana!, '100000', '6000'); // 6%
      await challengeWithProfit(ids.ana!, '10000', '100'); // 1%: Ana's best account counts
      await challengeWithProfit(ids.bo!, '50000', '3000'); // 6%: level with Ana
      await challengeWithProfit(ids.cy!, '10000', '2000'); // 20%, but Cy did not opt in
      await challengeWithProfit(ids.di!, '25000', '-500'); // −2%
      // Eve's challenge is passed and funded: her funded account counts, at 0% so far.
      await pendingKycChallenge(ctx.platform, { traderId: ids.eve!, at: clock.now() });
      expect((await fundTrader(ctx.platform, { traderId: ids.eve!, adminId: ids.admin! })).fundedAccounts).toHaveLength(1);

      const refreshed = value(await uc().refreshGlobalLeaderboard.execute());
      expect(refreshed).toEqual({ lines: 4, refreshedAt: clock.now() });
      const board = value(await uc().globalLeaderboard.execute());
      const tied = [ids.ana!, ids.bo!].sort()[0] === ids.ana ? ['Ana', 'Bo'] : ['Bo', 'Ana'];
      expect(board.lines).toEqual([
        { rank: 1, displayName: tied[0], profitPercent: '6.00' },
        { rank: 2, displayName: tied[1], profitPercent: '6.00' },
        { rank: 3, displayName: 'Eve', profitPercent: '0.00' },
        { rank: 4, displayName: 'Di', profitPercent: '-2.00' },
      ]);
      expect(board.refreshedAt).toEqual(clock.now());
      const published = JSON.stringify(board);
      expect(published).not.toContain('@');
      expect(published).not.toContain('Cy');
      for (const id of Object.values(ids)) expect(published).not.toContain(id);

      // Refreshing again from the same figures publishes the same order.
      clock.advanceMinutes(1);
      value(await uc().refreshGlobalLeaderboard.execute());
      expect(value(await uc().globalLeaderboard.execute()).lines).toEqual(board.lines);
      expect(value(await uc().globalLeaderboard.execute({ limit: 1 })).lines).toHaveLength(1);
    });
  },
  { clock },
);
