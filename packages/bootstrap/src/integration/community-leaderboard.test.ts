import { TRADING_PLATFORM, UNIT_OF_WORK, type UseCases } from '@tradesense/application';
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
      value(await uc().recordAccountDeals.execute({ login }));
    }

    /** Sets a trader's public profile as the profile use would: a display name and the opt-in choice. */
    async function profile(userId: string, displayName: string, optIn: boolean): Promise<void> {
      await ctx.platform.get(UNIT_OF_WORK).run(async (tx) => {
        const user = (await tx.users.findById(userId))!;
        value(user.updateProfile({ displayName, leaderboardOptIn: optIn }, clock.now()));
        await tx.users.save(user);
      });
    }

    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));

    beforeAll(async () => {
      ids.ana = await trader(ctx.platform, 'ana', { displayName: 'Ana', optIn: true });
      ids.bo = await trader(ctx.platform, 'bo', { displayName: 'Bo', optIn: true });
      ids.cy = await trader(ctx.platform, 'cy', { displayName: 'Cy' });
      ids.di = await trader(ctx.platform, 'di', { displayName: 'Di', optIn: true });
      ids.eve = await trader(ctx.platform, 'eve', { displayName: 'Eve', optIn: true });
      // Opted in, then out again: hidden like someone who never opted in.
      ids.fay = await trader(ctx.platform, 'fay', { displayName: 'Fay', optIn: true });
      await profile(ids.fay, 'Fay', false);
      // Three traders who will tie. Ids are random, so the names are handed out in id
      // order: Mia has the smallest id, then Al, then Zoe. Ordering the tie by trader id
      // gives Mia, Al, Zoe, which neither name order (either way) nor the order their
      // accounts are opened in (Zoe, Mia, Al) gives, so only the id tie-break passes.
      const [first, second, third] = [
        await trader(ctx.platform, 'tie-1'),
        await trader(ctx.platform, 'tie-2'),
        await trader(ctx.platform, 'tie-3'),
      ].sort() as [string, string, string];
      [ids.mia, ids.al, ids.zoe] = [first, second, third];
      await profile(ids.mia!, 'Mia', true);
      await profile(ids.al!, 'Al', true);
      await profile(ids.zoe!, 'Zoe', true);
      ids.admin = value(await uc().registerUser.execute({ email: 'admin@example.com', password: 'long enough pw', country: 'DE', role: 'admin' })).userId;
    });

    it('publishes top traders by profit %, opt-in display names only, ties in a stable order', async () => {
      expect(value(await uc().globalLeaderboard.execute())).toEqual({ refreshedAt: null, lines: [] });
      await challengeWithProfit(ids.ana!, '100000', '7000'); // 7%
      await challengeWithProfit(ids.ana!, '10000', '100'); // 1%: Ana's best account counts
      await challengeWithProfit(ids.bo!, '50000', '2500'); // 5%
      await challengeWithProfit(ids.cy!, '10000', '2000'); // 20%, but Cy did not opt in
      await challengeWithProfit(ids.fay!, '10000', '1500'); // 15%, but Fay opted out
      await challengeWithProfit(ids.zoe!, '25000', '1000'); // 4%
      await challengeWithProfit(ids.mia!, '50000', '2000'); // 4%
      await challengeWithProfit(ids.al!, '100000', '4000'); // 4%
      await challengeWithProfit(ids.di!, '25000', '-500'); // −2%
      // Eve's challenge is passed and funded: her funded account counts, at 0% so far.
      await pendingKycChallenge(ctx.platform, { traderId: ids.eve!, at: clock.now() });
      expect((await fundTrader(ctx.platform, { traderId: ids.eve!, adminId: ids.admin! })).fundedAccounts).toHaveLength(1);

      const refreshed = value(await uc().refreshGlobalLeaderboard.execute());
      expect(refreshed).toEqual({ lines: 7, refreshedAt: clock.now() });
      const board = value(await uc().globalLeaderboard.execute());
      expect(board.lines).toEqual([
        { rank: 1, displayName: 'Ana', profitPercent: '7.00' },
        { rank: 2, displayName: 'Bo', profitPercent: '5.00' },
        { rank: 3, displayName: 'Mia', profitPercent: '4.00' },
        { rank: 4, displayName: 'Al', profitPercent: '4.00' },
        { rank: 5, displayName: 'Zoe', profitPercent: '4.00' },
        { rank: 6, displayName: 'Eve', profitPercent: '0.00' },
        { rank: 7, displayName: 'Di', profitPercent: '-2.00' },
      ]);
      expect(board.refreshedAt).toEqual(clock.now());
      const published = JSON.stringify(board);
      expect(published).not.toContain('@');
      expect(published).not.toContain('Cy');
      expect(published).not.toContain('Fay');
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
