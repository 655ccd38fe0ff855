import { UNIT_OF_WORK, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal, STELLAR_2STEP, type ChallengeModelState, type TradingRestrictionsData } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import { knexOf, openChallenge, quote, registerTrader, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-05T14:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);
/** Friday 6 November 2026, 17:00 New York: the reset that starts the weekend. */
const CUT_OFF = '2026-11-06T22:00:00.000Z';

function modelWith(restrictions: Partial<TradingRestrictionsData>): ChallengeModelState {
  const parameters = STELLAR_2STEP.parameters;
  return { ...STELLAR_2STEP, parameters: { ...parameters, restrictions: { ...parameters.restrictions, ...restrictions } } };
}

describeEachPlatform(
  'weekend holding ban at the cut-off',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    afterAll(() => clock.set(START));
    const violations = (login: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccountViolations.listByLogin(login));
    const closeRequired = async (login: string) =>
      (await knexOf(ctx.platform)('outbox').where({ aggregate_id: login, topic: 'TradingAccountPositionCloseRequired' })) as {
        payload: Record<string, unknown>;
      }[];

    async function holdingEurusd(restrictions: Partial<TradingRestrictionsData>) {
      clock.set(at('2026-11-05T14:00:00Z'));
      const traderId = await registerTrader(ctx.platform);
      const { login } = await openChallenge(ctx.platform, { traderId, at: clock.now(), model: modelWith(restrictions) });
      clock.set(at('2026-11-05T14:01:00Z'));
      const server = simulatorOf(ctx.platform);
      await quote(server, 'EURUSD', '1.08500', clock.now());
      const fill = await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal('0.10') });
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(2);
      return { login, positionId: fill.positionId };
    }

    it('a position open at the cut-off with the ban on is one close violation at the cut-off; with the ban off nothing; a second run records nothing', async () => {
      const banned = await holdingEurusd({ weekendHoldingBan: true });
      const free = await holdingEurusd({ weekendHoldingBan: false });

      clock.set(at(CUT_OFF));
      const first = value(await uc().checkWeekendCutOff.execute({ at: at(CUT_OFF) }));
      expect(first.violated).toContain(banned.login);
      expect(first.violated).not.toContain(free.login);

      const stored = await violations(banned.login);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        id: `weekend_holding_ban:${CUT_OFF}`,
        status: 'open',
        violation: { restriction: 'weekend_holding_ban', action: 'close', positionIds: [banned.positionId], observed: '1' },
      });
      expect((await closeRequired(banned.login)).map((row) => row.payload)).toEqual([
        expect.objectContaining({ violationId: `weekend_holding_ban:${CUT_OFF}`, positionIds: [banned.positionId] }),
      ]);
      expect(await violations(free.login)).toEqual([]);
      expect(await closeRequired(free.login)).toEqual([]);

      // The same cut-off again, at it and a minute after it: still one violation and one close request.
      const again = value(await uc().checkWeekendCutOff.execute({ at: at(CUT_OFF) }));
      expect(again.violated).not.toContain(banned.login);
      value(await uc().checkWeekendCutOff.execute({ at: new Date(at(CUT_OFF).getTime() + 60_000) }));
      expect(await violations(banned.login)).toHaveLength(1);
      expect(await closeRequired(banned.login)).toHaveLength(1);
      expect(await violations(free.login)).toEqual([]);
    });
  },
  { clock },
);
