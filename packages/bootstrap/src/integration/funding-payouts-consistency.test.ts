import { ManualClock } from '@tradesense/application/testing';
import { STELLAR_2STEP, type ChallengeModelState, type TradingRestrictionsData } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import { code, value } from '../testing/challenge-fixtures.js';
import { fundTrader, pendingKycChallenge, registerPerson, tradeUs30 } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-02T15:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);

function modelWith(restrictions: Partial<TradingRestrictionsData>): ChallengeModelState {
  const parameters = STELLAR_2STEP.parameters;
  return { ...STELLAR_2STEP, parameters: { ...parameters, restrictions: { ...parameters.restrictions, ...restrictions } } };
}

describeEachPlatform(
  'funding: consistency at a payout request',
  (ctx) => {
    const uc = () => ctx.platform.useCases;
    afterAll(() => clock.set(START));

    async function funded(restrictions: Partial<TradingRestrictionsData>) {
      clock.set(START);
      const admin = (await registerPerson(ctx.platform, { name: 'admin', role: 'admin' })).userId;
      const trader = (await registerPerson(ctx.platform, { name: 'consistent' })).userId;
      await pendingKycChallenge(ctx.platform, { traderId: trader, at: clock.now(), model: modelWith(restrictions) });
      const account = (await fundTrader(ctx.platform, { traderId: trader, adminId: admin })).fundedAccounts[0]!;
      return { trader, fundedAccountId: account.fundedAccountId, login: account.login };
    }

    /** +8,000.00 on Monday 2 and +2,000.00 on Tuesday 3 November: the best day is 80% of the period's 10,000.00. */
    async function twoDays(login: string, fundedAccountId: string) {
      await tradeUs30(ctx.platform, login, '8000', at('2026-11-02T16:00:00Z'));
      await tradeUs30(ctx.platform, login, '2000', at('2026-11-03T16:00:00Z'));
      value(await uc().recordFundedDeals.execute({ fundedAccountId }));
    }

    it('consistency 50%: refused with the best day, the total and what is still needed; allowed once the period reaches it', async () => {
      const { trader, fundedAccountId, login } = await funded({ consistencyPercent: '50' });
      await twoDays(login, fundedAccountId);

      clock.set('2026-11-23T15:00:00Z');
      const refused = await uc().requestPayout.execute({ userId: trader, fundedAccountId });
      expect(code(refused)).toBe('PAYOUT.CONSISTENCY_NOT_MET');
      expect(!refused.ok && refused.error.details).toMatchObject({
        percent: '50',
        bestDay: '2026-11-02',
        bestDayProfit: '8000.00',
        totalProfit: '10000.00',
        totalNeeded: '16000.00',
        stillNeeded: '6000.00',
        periodFrom: '2026-11-02',
        periodTo: '2026-11-23',
      });
      // Nothing was booked: no payout, the profit still on the account.
      const overview = value(await uc().fundedAccountOverview.execute({ userId: trader, fundedAccountId }));
      expect(overview.balance.toFixed()).toBe('110000.00');
      expect(overview.payouts).toEqual([]);

      // Another 6,000.00 in the period makes the best day exactly half of 16,000.00.
      await tradeUs30(ctx.platform, login, '6000', at('2026-11-23T15:10:00Z'));
      clock.set('2026-11-23T15:30:00Z');
      const payout = value(await uc().requestPayout.execute({ userId: trader, fundedAccountId }));
      expect(payout.profit.toFixed()).toBe('16000.00');
    });

    it('consistency off: the same days pay out unchanged', async () => {
      const { trader, fundedAccountId, login } = await funded({ consistencyPercent: null });
      await twoDays(login, fundedAccountId);
      clock.set('2026-11-23T15:00:00Z');
      const payout = value(await uc().requestPayout.execute({ userId: trader, fundedAccountId }));
      expect(payout.profit.toFixed()).toBe('10000.00');
    });
  },
  { clock },
);
