import { UNIT_OF_WORK, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { SIMULATED_TRADING_SERVER } from '@tradesense/adapters-mt-bridge';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outboxPayloads } from '../testing/challenge-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, trader, value } from './community-helpers.js';

const START = '2026-02-20T12:00:00Z';
const clock = new ManualClock(START);

// Firm calendar: New York 17:00. Registration 15–28 Feb, the competition runs 1–31 March (ends 2026-03-31T21:00Z).
const CUP = {
  registrationOpens: '2026-02-15',
  registrationCloses: '2026-02-28',
  starts: '2026-03-01',
  ends: '2026-03-31',
  prizes: [],
} as const;

describeEachPlatform(
  'community: competition entries watched through their trading accounts',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const uow = () => ctx.platform.get(UNIT_OF_WORK);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const moveTo = async (iso: string) => {
      clock.set(iso);
      await server().advanceTo(clock.now());
    };
    const account = (login: string) => uow().run((tx) => tx.tradingAccounts.find(login));
    const entryOf = async (competitionId: string, entryId: string) =>
      (await uow().run((tx) => tx.competitions.findById(competitionId)))!.entries().find((e) => e.id === entryId)!;
    const users: Record<string, string> = {};
    const cups: Record<string, string> = {};
    const entries: Record<string, { entryId: string; login: string }> = {};

    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));

    beforeAll(async () => {
      users.admin = await trader(ctx.platform, 'admin', { role: 'admin' });
      users.ana = await trader(ctx.platform, 'ana');
      users.bo = await trader(ctx.platform, 'bo');
      cups.limited = value(
        await uc().createCompetition.execute({
          actorId: users.admin!,
          ...CUP,
          name: 'Limits Cup',
          lossLimits: { dailyLossPercent: '5', maxLossPercent: '10' },
        }),
      ).competitionId;
      cups.free = value(await uc().createCompetition.execute({ actorId: users.admin!, ...CUP, name: 'Free Cup' })).competitionId;
      for (const [who, cup] of [['ana', cups.limited], ['bo', cups.free]] as const) {
        const registered = value(await uc().registerForCompetition.execute({ competitionId: cup!, userId: users[who]! }));
        entries[who] = { entryId: registered.entryId, login: registered.tradingAccount!.login };
      }
    });

    it('opens a trading account for each provisioned entry, under the competition’s rules', async () => {
      const limited = (await account(entries.ana!.login))!;
      expect(limited.owner).toEqual({ kind: 'competition_entry', id: entries.ana!.entryId, competitionId: cups.limited });
      expect(limited.traderId).toBe(users.ana);
      expect(limited.rules.modelId).toBe(`competition:${cups.limited}`);
      expect(limited.rules.initialBalance.toFixed()).toBe('100000.00');
      expect(limited.rules.isLossLimitOn('daily_loss') && limited.rules.isLossLimitOn('max_loss')).toBe(true);
      const free = (await account(entries.bo!.login))!;
      expect(free.rules.isLossLimitOn('daily_loss') || free.rules.isLossLimitOn('max_loss')).toBe(false);
      const summary = value(await uc().listCompetitions.execute()).competitions.find((c) => c.id === cups.limited);
      expect(summary?.lossLimits).toEqual({ dailyLossPercent: '5', maxLossPercent: '10' });
    });

    it('disqualifies the entry once when its account breaches the daily floor; the verdict replays', async () => {
      await moveTo('2026-03-02T15:00:00Z');
      value(await uc().closeCompetitions.execute());
      const { login, entryId } = entries.ana!;
      const evaluated = value(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '95000.00', at: clock.now() }));
      expect(evaluated).toMatchObject({ verdict: 'breach', dailyLossFloor: '95000.00', maxLossFloor: '90000.00' });
      expect(evaluated.breachHandling).toMatchObject({ ok: true, value: { handled: true } });
      expect((await account(login))!.status).toBe('breached');
      expect(await entryOf(cups.limited!, entryId)).toMatchObject({
        status: 'disqualified',
        disqualification: { reason: 'breach:daily_loss', actor: 'system' },
      });

      // A second detection is a no-op: no second disqualification, no second e-mail.
      expect(code(await uc().evaluateEquity.execute({ login, balance: '100000', equity: '94000.00', at: clock.now() }))).toBe(
        'TRADING_ACCOUNT.ALREADY_BREACHED',
      );
      expect(value(await uc().handleAccountBreach.execute({ login }))).toMatchObject({ handled: false });
      expect(await outboxPayloads(ctx.platform, cups.limited!, 'CompetitionEntryDisqualified')).toEqual([
        expect.objectContaining({ entryId, reason: 'breach:daily_loss', actor: 'system' }),
      ]);
      expect(await outboxPayloads(ctx.platform, login, 'email.account_breach')).toEqual([
        expect.objectContaining({ accountLogin: login, owner: expect.objectContaining({ kind: 'competition_entry', id: entryId }) }),
      ]);
      const replay = value(await uc().replayAccountVerdict.execute({ requester: { userId: users.ana!, role: 'trader' }, login }));
      expect(replay.matches).toBe(true);
    });

    it('reinstates the entry when an admin overrides the breach while the competition runs', async () => {
      const { login, entryId } = entries.ana!;
      await moveTo('2026-03-02T16:00:00Z');
      value(await uc().overrideAccountBreach.execute({ adminId: users.admin!, login, reason: 'bad price from the feed' }));
      expect((await account(login))!.status).toBe('active');
      expect(await entryOf(cups.limited!, entryId)).toMatchObject({ status: 'active', disqualification: null });
      expect(await outboxPayloads(ctx.platform, cups.limited!, 'CompetitionEntryReinstated')).toHaveLength(1);
    });

    it('never breaches an entry of a competition without loss limits, and shows no floor', async () => {
      const { login, entryId } = entries.bo!;
      const evaluated = value(await uc().evaluateEquity.execute({ login, balance: '20000', equity: '1000.00', at: clock.now() }));
      expect(evaluated).toMatchObject({ verdict: 'ok', dailyLossFloor: null, maxLossFloor: null, breach: null, breachHandling: null });
      const metrics = value(await uc().tradingAccountMetrics.execute({ requester: { userId: users.bo!, role: 'trader' }, login }));
      expect(metrics.dailyLoss.floor).toBeNull();
      expect(metrics.maxLoss.floor).toBeNull();
      expect((await entryOf(cups.free!, entryId)).status).toBe('active');
    });

    it('closes the entries’ trading accounts when the competition ends', async () => {
      await moveTo('2026-03-31T21:00:00Z');
      value(await uc().closeCompetitions.execute());
      for (const { login } of Object.values(entries)) {
        const closed = (await account(login))!;
        expect(closed.status).toBe('closed');
        expect(closed.toState().closeCause).toBe('competition_ended');
      }
    });
  },
  { clock },
);
