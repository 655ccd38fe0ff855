import { TRADING_PLATFORM, UNIT_OF_WORK, type DealIntake, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { Decimal, STELLAR_1STEP, type DomainError, type Result } from '@tradesense/domain';
import { afterAll, expect, it, vi } from 'vitest';
import {
  code,
  knexOf,
  openChallenge,
  outboxPayloads,
  platformDeals,
  quote,
  registerTrader,
  simulatorOf,
  value,
} from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-02T14:00:00Z';
const clock = new ManualClock(START);
const at = (iso: string): Date => new Date(iso);
/** 14:00 UTC on the given November day: mid trading day in New York. */
const novAt = (day: number, hour = 14): Date => at(`2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`);

describeEachPlatform(
  'challenges: deals from the trading platform',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));
    const load = (id: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.findById(id));
    const figures = (login: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.accountEquity.find(login));
    const account = (login: string) => ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccounts.find(login));

    /** Opens and closes a position at a price move of `move` (in price units) on the simulator. */
    async function roundTrip(login: string, when: Date, volume: string, move: string): Promise<void> {
      const server = simulatorOf(ctx.platform);
      clock.set(when);
      await quote(server, 'EURUSD', '1.08500', when);
      const fill = await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal(volume) });
      const later = new Date(when.getTime() + 60_000);
      clock.set(later);
      await quote(server, 'EURUSD', new Decimal('1.08500').plus(move).toFixed(5), later);
      await server.closePosition(fill.positionId, 'client');
    }

    it('records deals and balance changes once, counting the opening day and booking each balance change', async () => {
      clock.set(novAt(2));
      const traderId = await registerTrader(ctx.platform);
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      const server = simulatorOf(ctx.platform);
      await quote(server, 'EURUSD', '1.08500', clock.now());
      const fill = await server.placeMarketOrder({ login, symbol: 'EURUSD', side: 'buy', volume: new Decimal('1') });
      // The risk monitor may observe the account before the feed is read: the deals still build on their own ledger.
      value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '99990.00', at: novAt(2) }));

      const first = value(await uc().recordAccountDeals.execute({ login }));
      expect(first.recorded).toBe(2); // the initial deposit and the opening deal
      let challenge = (await load(challengeId))!;
      expect(challenge.countedTradingDays).toEqual(['2026-11-02']);
      expect((await account(login))!.openPositions).toEqual([fill.positionId]);
      expect((await figures(login))!.balance.toFixed(2)).toBe('99997.00'); // 3.00 commission per lot
      expect((await figures(login))!.lastDealId).toBe(fill.dealId);

      // Reading the feed again takes in nothing twice.
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(0);

      clock.set(novAt(2, 15));
      await quote(server, 'EURUSD', '1.08700', clock.now());
      await server.closePosition(fill.positionId, 'client');
      await ctx.platform.get(TRADING_PLATFORM).balanceOperation({
        login,
        kind: 'correction',
        amount: new Decimal('-50'),
        clientOperationId: `fee-${login}`,
      });
      expect(value(await uc().recordAccountDeals.execute({ login })).recorded).toBe(2);
      const platformBalance = (await server.account(login)).balance;
      expect((await figures(login))!.balance.toFixed(2)).toBe(platformBalance.toFixed(2));
      expect(platformBalance.toFixed(2)).toBe('100134.00'); // +190.00 profit, −3.00 commission, −50.00 correction
      challenge = (await load(challengeId))!;
      expect((await account(login))!.openPositions).toEqual([]);
      expect((await account(login))!.drawdown.lastBalance.toFixed(2)).toBe('100134.00');
      // Two deals on one day count the day once.
      expect(challenge.countedTradingDays).toEqual(['2026-11-02']);

      const history = value(await uc().tradingHistory.execute({ requester: { userId: traderId, role: 'trader' }, challengeId, limit: 3 }));
      expect(history.items.map((deal) => deal.kind)).toEqual(['correction', 'sell', 'buy']);
      expect(history.items[0]!.balanceAfter).toBe('100134.00');
      const rest = value(
        await uc().tradingHistory.execute({ requester: { userId: traderId, role: 'trader' }, challengeId, cursor: history.nextCursor }),
      );
      expect(rest.items.map((deal) => deal.kind)).toEqual(['balance']);
      expect(rest.nextCursor).toBeNull();
      const stranger = await registerTrader(ctx.platform, 'stranger');
      expect(code(await uc().tradingHistory.execute({ requester: { userId: stranger, role: 'trader' }, challengeId }))).toBe(
        'CHALLENGE.NOT_FOUND',
      );
      expect(
        code(await uc().tradingHistory.execute({ requester: { userId: traderId, role: 'trader' }, challengeId, cursor: 'forged' })),
      ).toBe('PAGE.INVALID_CURSOR');
      expect(code(await uc().tradingHistory.execute({ requester: { userId: traderId, role: 'trader' }, challengeId, limit: 0 }))).toBe(
        'PAGE.INVALID_LIMIT',
      );
    });

    it('follows the feed and, after a restart, resumes from the stored cursor without loss or duplicates', async () => {
      clock.set(novAt(2, 16));
      const traderId = await registerTrader(ctx.platform);
      const { login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      const intakes: Result<DealIntake, DomainError>[] = [];
      const subscription = await uc().recordAccountDeals.follow(login, (intake) => intakes.push(intake));
      await roundTrip(login, novAt(2, 17), '0.5', '0.00040');
      await vi.waitFor(() => expect(intakes).toHaveLength(3));
      subscription.unsubscribe();

      // While nothing listens (a restart), the trader keeps trading.
      await roundTrip(login, novAt(2, 18), '0.2', '-0.00020');
      await roundTrip(login, novAt(2, 19), '0.3', '0.00010');

      const resumed: Result<DealIntake, DomainError>[] = [];
      const again = await uc().recordAccountDeals.follow(login, (intake) => resumed.push(intake));
      await vi.waitFor(() => expect(resumed).toHaveLength(4));
      again.unsubscribe();
      expect(resumed.every((intake) => intake.ok && intake.value.recorded)).toBe(true);

      const expected = (await platformDeals(ctx.platform, login)).map((deal) => deal.dealId);
      const stored = await knexOf(ctx.platform)('platform_deals').where({ login }).orderBy('seq').pluck('deal_id');
      expect(stored).toEqual(expected);
      expect((await figures(login))!.balance.toFixed(2)).toBe((await simulatorOf(ctx.platform).account(login)).balance.toFixed(2));
    });

    it('passes phase 1 on a closing deal after the minimum days and continues on a fresh phase 2 account', async () => {
      clock.set(novAt(3, 12));
      const traderId = await registerTrader(ctx.platform);
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now() });
      // Four small trades on four trading days: the target is not met yet.
      for (const day of [3, 4, 5, 6]) {
        await roundTrip(login, novAt(day), '0.01', '0.00010');
        const caughtUp = value(await uc().recordAccountDeals.execute({ login }));
        expect(caughtUp.recorded).toBeGreaterThan(0);
      }
      expect((await load(challengeId))!.countedTradingDays).toHaveLength(4);
      // The fifth day: a winning trade of more than 8%.
      await roundTrip(login, novAt(7), '10', '0.00900');
      value(await uc().recordAccountDeals.execute({ login }));

      const challenge = (await load(challengeId))!;
      expect(challenge.status).toBe('active');
      expect(challenge.phase).toBe(2);
      expect(challenge.account).not.toBe(login);
      expect(challenge.countedTradingDays).toEqual([]);
      expect(challenge.history).toHaveLength(1);
      expect(challenge.history[0]).toMatchObject({ phase: 1, account: login, outcome: 'passed' });
      expect(challenge.history[0]!.tradingDays).toEqual(['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);

      const phase2 = await simulatorOf(ctx.platform).account(challenge.account!);
      expect(phase2.balance.toFixed(2)).toBe('100000.00');
      expect(phase2.group).toBe('tradesense-stellar_2step-p2');
      expect(phase2.leverage).toBe(100);

      const passedMail = await outboxPayloads(ctx.platform, challengeId, 'email.phase_passed');
      expect(passedMail).toHaveLength(1);
      expect(passedMail[0]).toMatchObject({ phase: 1, finalPhase: false, accountLogin: login });
      const credentials = await outboxPayloads(ctx.platform, challengeId, 'email.trading_account_ready');
      expect(credentials).toEqual([expect.objectContaining({ phase: 2, login: challenge.account, initialBalance: '100000.00' })]);
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengePhaseStarted')).toEqual([{ phase: 2, account: challenge.account }]);
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengePassed')).toEqual([]);

      // Phase 1's deals stay in the history, marked with their phase; phase 2 starts counting afresh.
      await roundTrip(challenge.account!, novAt(8), '0.01', '0.00010');
      value(await uc().recordAccountDeals.execute({ login: challenge.account! }));
      const deals = value(
        await uc().tradingHistory.execute({ requester: { userId: traderId, role: 'trader' }, challengeId, limit: 100 }),
      );
      expect(new Set(deals.items.map((deal) => deal.phase))).toEqual(new Set([1, 2]));
      expect((await load(challengeId))!.countedTradingDays).toEqual(['2026-11-08']);
      // Asking again changes nothing: the phase already started.
      expect(code(await uc().passPhase.execute({ challengeId }))).toBe('CHALLENGE.PHASE_NOT_PASSED');
    });

    it('moves a challenge that passes its last phase to pending_kyc with the ChallengePassed event', async () => {
      clock.set(novAt(9, 12));
      const traderId = await registerTrader(ctx.platform);
      const { challengeId, login } = await openChallenge(ctx.platform, { traderId, at: clock.now(), model: STELLAR_1STEP });
      await roundTrip(login, novAt(9), '0.01', '0.00010');
      value(await uc().recordAccountDeals.execute({ login }));
      await roundTrip(login, novAt(10), '10', '0.01100');
      const intake = value(await uc().recordAccountDeals.execute({ login }));
      expect(intake.recorded).toBe(2);

      const challenge = (await load(challengeId))!;
      expect(challenge.status).toBe('pending_kyc');
      expect(await outboxPayloads(ctx.platform, challengeId, 'ChallengePassed')).toEqual([
        expect.objectContaining({ from: 'active', to: 'pending_kyc', phases: 1 }),
      ]);
      expect(await outboxPayloads(ctx.platform, challengeId, 'email.phase_passed')).toEqual([
        expect.objectContaining({ phase: 1, finalPhase: true }),
      ]);
      expect(value(await uc().passPhase.execute({ challengeId }))).toMatchObject({ status: 'pending_kyc', started: false });
    });

    it('refuses deals of an account the firm does not watch, and phases of unknown challenges', async () => {
      const stray = await ctx.platform.get(TRADING_PLATFORM).createAccount({
        group: 'other',
        leverage: 100,
        initialBalance: new Decimal(1000),
        swapFree: false,
        name: 'Nobody',
      });
      expect(code(await uc().recordAccountDeals.execute({ login: stray.login }))).toBe('TRADING_ACCOUNT.NOT_FOUND');
      expect(code(await uc().passPhase.execute({ challengeId: 'missing' }))).toBe('CHALLENGE.NOT_FOUND');
    });
  },
  { clock },
);
