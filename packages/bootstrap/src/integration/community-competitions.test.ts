import { TRADING_PLATFORM, type UseCases } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { DATABASE } from '@tradesense/adapters-postgres';
import { SIMULATED_TRADING_SERVER } from '@tradesense/adapters-mt-bridge';
import { Decimal } from '@tradesense/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachPlatform } from '../testing/test-platform.js';
import { code, trader, value } from './community-helpers.js';

const START = '2026-02-10T12:00:00Z';
const clock = new ManualClock(START);

// Firm calendar: New York 17:00. Registration 15–28 Feb (opens 2026-02-14T22:00Z, closes 2026-02-28T22:00Z),
// the competition runs 1–31 March (2026-02-28T22:00Z to 2026-03-31T21:00Z, EDT from 8 March).
const MARCH_CUP = {
  name: 'March Cup',
  registrationOpens: '2026-02-15',
  registrationCloses: '2026-02-28',
  starts: '2026-03-01',
  ends: '2026-03-31',
  maxParticipants: 3,
  prizePool: '10000',
  prizes: [
    { rank: 1, kind: 'cash', amount: '5000' },
    { rank: 2, kind: 'cash', amount: '2500' },
    { rank: 3, kind: 'funded_account', modelId: 'stellar_2step', accountSize: '50000' },
  ],
} as const;

describeEachPlatform(
  'community: competitions',
  (ctx) => {
    const uc = (): UseCases => ctx.platform.useCases;
    const knex = () => ctx.platform.get(DATABASE).knex;
    const platform = () => ctx.platform.get(TRADING_PLATFORM);
    const server = () => ctx.platform.get(SIMULATED_TRADING_SERVER);
    const users: Record<string, string> = {};
    let cup = '';
    let paidCup = '';
    const logins: Record<string, string> = {};

    const moveTo = async (iso: string) => {
      clock.set(iso);
      await server().advanceTo(clock.now());
    };

    // The next database's platform starts its simulated market at the clock's time.
    afterAll(() => clock.set(START));

    beforeAll(async () => {
      users.admin = await trader(ctx.platform, 'admin', { role: 'admin' });
      users.bo = await trader(ctx.platform, 'bo', { displayName: 'Bo' });
      users.ana = await trader(ctx.platform, 'ana', { displayName: 'Ana', optIn: true });
      users.cy = await trader(ctx.platform, 'cy', { displayName: 'Cy', optIn: true, country: 'GB' });
      users.di = await trader(ctx.platform, 'di');
      users.iris = await trader(ctx.platform, 'iris', { country: 'IR' });
    });

    it('creates competitions with the rule book defaults, audit-logged, and refuses bad settings', async () => {
      cup = value(await uc().createCompetition.execute({ actorId: users.admin!, ...MARCH_CUP })).competitionId;
      paidCup = value(
        await uc().createCompetition.execute({ actorId: users.admin!, ...MARCH_CUP, name: 'Paid Cup', maxParticipants: null, entryFee: '25' }),
      ).competitionId;
      expect(code(await uc().createCompetition.execute({ actorId: users.admin!, ...MARCH_CUP, starts: '2026-04-01', ends: '2026-03-31' }))).toBe(
        'COMPETITION.INVALID_SCHEDULE',
      );
      expect(code(await uc().createCompetition.execute({ actorId: users.admin!, ...MARCH_CUP, entryFee: 'ten' }))).toBe('COMPETITION.INVALID_SETTINGS');
      expect(
        code(await uc().createCompetition.execute({ actorId: users.admin!, ...MARCH_CUP, prizes: [{ rank: 1, kind: 'cash', amount: '20000' }] })),
      ).toBe('COMPETITION.INVALID_PRIZES');

      const { competitions } = value(await uc().listCompetitions.execute());
      expect(competitions.map((c) => c.name).sort()).toEqual(['March Cup', 'Paid Cup']);
      expect(competitions.find((c) => c.id === cup)).toMatchObject({
        status: 'upcoming',
        registrationOpen: false,
        initialBalance: '100000.00',
        entryFee: '0.00',
        maxDailyTrades: 50,
        maxLotsForex: '5.00',
        maxLotsIndices: '3.00',
        maxParticipants: 3,
        participants: 0,
        registrationOpensAt: new Date('2026-02-14T22:00:00Z'),
        endsAt: new Date('2026-03-31T21:00:00Z'),
        prizes: [
          { rank: 1, kind: 'cash', amount: '5000.00' },
          { rank: 2, kind: 'cash', amount: '2500.00' },
          { rank: 3, kind: 'funded_account', modelId: 'stellar_2step', accountSize: '50000.00' },
        ],
      });
      expect(code(await uc().createCompetition.execute({ actorId: users.bo!, ...MARCH_CUP }))).toBe('AUTH.FORBIDDEN');
      const audit = await knex()('audit_log').where({ action: 'competition.create' }).select('actor_id', 'subject_id');
      expect(audit).toHaveLength(2);
      expect(audit.every((a) => a.actor_id === users.admin)).toBe(true);
      expect(await knex()('outbox').where({ topic: 'CompetitionCreated' }).count({ n: '*' })).toEqual([{ n: '2' }]);
    });

    it('registers only inside the window, once per user, up to capacity, never from a prohibited country', async () => {
      expect(code(await uc().registerForCompetition.execute({ competitionId: cup, userId: users.bo! }))).toBe('COMPETITION.REGISTRATION_CLOSED');
      expect(code(await uc().registerForCompetition.execute({ competitionId: 'nope', userId: users.bo! }))).toBe('COMPETITION.NOT_FOUND');

      await moveTo('2026-02-16T15:00:00Z');
      for (const handle of ['bo', 'ana', 'cy']) {
        const registered = value(await uc().registerForCompetition.execute({ competitionId: cup, userId: users[handle]! }));
        expect(registered.tradingAccount).not.toBeNull();
        logins[handle] = registered.tradingAccount!.login;
        clock.advanceMinutes(60);
      }
      expect(code(await uc().registerForCompetition.execute({ competitionId: cup, userId: users.ana! }))).toBe('COMPETITION.ALREADY_REGISTERED');
      expect(code(await uc().registerForCompetition.execute({ competitionId: cup, userId: users.di! }))).toBe('COMPETITION.FULL');
      const prohibited = await uc().registerForCompetition.execute({ competitionId: paidCup, userId: users.iris!, paymentReference: 'order-1' });
      expect(code(prohibited)).toBe('KYC.PROHIBITED_COUNTRY');

      // The account is provisioned with the initial balance in the competition group, switched off until the start.
      const account = await platform().getAccount(logins.ana!);
      expect(account.balance.toFixed(2)).toBe('100000.00');
      expect(account.group).toBe('competition');
      expect(account.tradingEnabled).toBe(false);
      expect(await knex()('competition_entries').where({ competition_id: cup }).count({ n: '*' })).toEqual([{ n: '3' }]);
      expect(await knex()('outbox').where({ topic: 'CompetitionEntryRegistered' }).count({ n: '*' })).toEqual([{ n: '3' }]);
    });

    it('asks for the entry fee of a paid competition', async () => {
      expect(code(await uc().registerForCompetition.execute({ competitionId: paidCup, userId: users.di! }))).toBe('COMPETITION.ENTRY_FEE_REQUIRED');
      const paid = value(await uc().registerForCompetition.execute({ competitionId: paidCup, userId: users.di!, paymentReference: 'order-42' }));
      expect(paid.tradingAccount).not.toBeNull();
      const [entry] = await knex()('competition_entries').where({ competition_id: paidCup, user_id: users.di });
      expect(entry.payment_reference).toBe('order-42');
    });

    it('finishes a provisioning that was interrupted, once', async () => {
      // As after a crash between the registration commit and the platform call: the claim has no login yet.
      const [claim] = await knex()('competition_accounts').where({ competition_id: paidCup });
      await knex()('competition_accounts').where({ entry_id: claim.entry_id }).update({ login: null, platform_group: null, provisioned_at: null });
      expect(value(await uc().provisionCompetitionAccounts.execute())).toEqual({ provisioned: 0, failed: 0 });
      clock.advanceMinutes(10);
      expect(value(await uc().provisionCompetitionAccounts.execute())).toEqual({ provisioned: 1, failed: 0 });
      expect(value(await uc().provisionCompetitionAccounts.execute())).toEqual({ provisioned: 0, failed: 0 });
      const [after] = await knex()('competition_accounts').where({ entry_id: claim.entry_id });
      expect(after.login).not.toBeNull();
      expect((await platform().getAccount(after.login)).balance.toFixed(2)).toBe('100000.00');
    });

    it('announces each status change once as the dates pass', async () => {
      const first = value(await uc().closeCompetitions.execute());
      expect(first.changes.map((c) => c.status)).toEqual(['registration', 'registration']);
      await moveTo('2026-03-01T00:00:00Z');
      expect(code(await uc().registerForCompetition.execute({ competitionId: paidCup, userId: users.ana!, paymentReference: 'o' }))).toBe(
        'COMPETITION.REGISTRATION_CLOSED',
      );
      const second = value(await uc().closeCompetitions.execute());
      expect(second.changes.map((c) => [c.competitionId === cup ? 'cup' : 'paid', c.status]).sort()).toEqual([
        ['cup', 'active'],
        ['paid', 'active'],
      ]);
      expect(value(await uc().closeCompetitions.execute()).changes).toEqual([]);
      expect(value(await uc().listCompetitions.execute({ status: 'active' })).competitions).toHaveLength(2);
      // From the start, every entry's account may trade.
      const accounts = await knex()('competition_accounts').select('login', 'trading_disabled_at');
      expect(accounts).toHaveLength(4);
      for (const a of accounts) {
        expect(a.trading_disabled_at).toBeNull();
        expect((await platform().getAccount(a.login)).tradingEnabled).toBe(true);
      }
      expect(await knex()('outbox').where({ topic: 'competition.status_changed' }).count({ n: '*' })).toEqual([{ n: '4' }]);
    });

    it('ranks by ROI from the platform equity; ties go to the earlier ROI, then the earlier registration', async () => {
      const deposit = (handle: string, amount: string) =>
        platform().balanceOperation({ login: logins[handle]!, kind: 'deposit', amount: new Decimal(amount), clientOperationId: `test-${handle}-${amount}` });
      await moveTo('2026-03-02T15:00:00Z');
      await deposit('ana', '5000');
      expect(value(await uc().updateLeaderboards.execute())).toMatchObject({ competitions: 2, unavailable: 0 });
      let board = value(await uc().competitionLeaderboard.execute({ competitionId: cup }));
      // bo and cy are level at 0%: bo registered first.
      expect(board.standings.map((s) => [s.rank, s.displayName, s.roiPercent])).toEqual([
        [1, 'Ana', '5.00'],
        [2, null, '0.00'],
        [3, 'Cy', '0.00'],
      ]);

      await moveTo('2026-03-02T15:01:00Z');
      await deposit('bo', '5000');
      await deposit('cy', '10000');
      value(await uc().updateLeaderboards.execute());
      board = value(await uc().competitionLeaderboard.execute({ competitionId: cup }));
      // bo reached 5% a minute after ana: ana stays ahead although bo registered earlier.
      expect(board.standings.map((s) => [s.rank, s.displayName, s.equity, s.roi])).toEqual([
        [1, 'Cy', '110000.00', '0.100000'],
        [2, 'Ana', '105000.00', '0.050000'],
        [3, null, '105000.00', '0.050000'],
      ]);
      expect(board.updatedAt).toEqual(new Date('2026-03-02T15:01:00Z'));
      // Public: no user ids, no e-mails.
      const published = JSON.stringify(board);
      expect(published).not.toContain('@');
      for (const id of Object.values(users)) expect(published).not.toContain(id);
      // The same readings give the same order.
      value(await uc().updateLeaderboards.execute());
      expect(value(await uc().competitionLeaderboard.execute({ competitionId: cup })).standings).toEqual(board.standings);
      expect(value(await uc().myCompetitionEntry.execute({ competitionId: cup, userId: users.bo! }))).toMatchObject({
        rank: 3,
        status: 'active',
        roiPercent: '5.00',
        tradingLogin: logins.bo,
      });
    });

    it('disqualifies on a rule break, keeps the entry with its reason and stops its trading; a deal counts once', async () => {
      await moveTo('2026-03-02T15:02:00Z');
      await server().placeMarketOrder({ login: logins.ana!, symbol: 'EURUSD', side: 'buy', volume: new Decimal('1') });
      await server().placeMarketOrder({ login: logins.bo!, symbol: 'EURUSD', side: 'buy', volume: new Decimal('6') });
      for (const handle of ['ana', 'bo']) {
        const deals = await platform().dealsAfter(logins[handle]!, null);
        const outcomes = [];
        for (const deal of deals) outcomes.push(value(await uc().recordCompetitionTrade.execute({ deal })));
        // Balance operations (the initial balance, the deposits) are not trades; the market order is.
        expect(outcomes.map((o) => o.applied)).toEqual([...Array<boolean>(deals.length - 1).fill(false), true]);
        const again = value(await uc().recordCompetitionTrade.execute({ deal: deals[deals.length - 1]! }));
        expect(again.applied).toBe(false);
        if (handle === 'ana') expect(outcomes[outcomes.length - 1]).toMatchObject({ disqualified: false, reason: null });
        else expect(outcomes[outcomes.length - 1]!.reason).toMatch(/^MAX_LOT_SIZE_EXCEEDED: 6 lots forex \(limit 5\)/);
      }
      expect((await platform().getAccount(logins.bo!)).tradingEnabled).toBe(false);
      expect((await platform().getAccount(logins.ana!)).tradingEnabled).toBe(true);
      const [entry] = await knex()('competition_entries').where({ competition_id: cup, user_id: users.bo });
      expect(entry).toMatchObject({ status: 'disqualified', disqualified_by: 'system' });
      const board = value(await uc().competitionLeaderboard.execute({ competitionId: cup }));
      expect(board.standings.map((s) => s.displayName)).toEqual(['Cy', 'Ana']);
      expect(board.disqualified).toBe(1);
      expect(value(await uc().myCompetitionEntry.execute({ competitionId: cup, userId: users.bo! }))).toMatchObject({
        rank: null,
        status: 'disqualified',
      });

      const [foreign] = await platform().dealsAfter(logins.ana!, null);
      expect(code(await uc().recordCompetitionTrade.execute({ deal: { ...foreign!, kind: 'buy', entry: 'in', login: '999' } }))).toBe(
        'COMPETITION.ACCOUNT_NOT_FOUND',
      );
      expect(
        code(await uc().disqualifyCompetitionEntry.execute({ actorId: users.admin!, competitionId: cup, entryId: entry.id, reason: 'again' })),
      ).toBe('COMPETITION.ENTRY_DISQUALIFIED');
      expect(code(await uc().disqualifyCompetitionEntry.execute({ actorId: users.admin!, competitionId: cup, entryId: entry.id, reason: ' ' }))).toBe(
        'COMPETITION.REASON_REQUIRED',
      );
      expect(code(await uc().disqualifyCompetitionEntry.execute({ actorId: users.ana!, competitionId: cup, entryId: entry.id, reason: 'x' }))).toBe(
        'AUTH.FORBIDDEN',
      );
    });

    it('awards prizes once, after the end, to the final ranks', async () => {
      expect(code(await uc().awardPrizes.execute({ competitionId: cup, actorId: users.admin! }))).toBe('COMPETITION.NOT_ENDED');
      expect(code(await uc().awardPrizes.execute({ competitionId: cup, actorId: users.cy! }))).toBe('AUTH.FORBIDDEN');
      await moveTo('2026-04-01T12:00:00Z');
      const ended = value(await uc().closeCompetitions.execute());
      expect(ended.changes.map((c) => c.status)).toEqual(['ended', 'ended']);
      for (const login of Object.values(logins)) expect((await platform().getAccount(login)).tradingEnabled).toBe(false);

      // Two admins at once: exactly one award.
      const results = await Promise.allSettled([
        uc().awardPrizes.execute({ competitionId: cup, actorId: users.admin! }),
        uc().awardPrizes.execute({ competitionId: cup, actorId: users.admin! }),
      ]);
      const wins = results.flatMap((r) => (r.status === 'fulfilled' && r.value.ok ? [r.value.value] : []));
      expect(wins).toHaveLength(1);
      expect(wins[0]!.awards).toEqual([
        { rank: 1, entryId: expect.any(String), userId: users.cy, prize: { kind: 'cash', amount: '5000' } },
        { rank: 2, entryId: expect.any(String), userId: users.ana, prize: { kind: 'cash', amount: '2500' } },
      ]);
      expect(code(await uc().awardPrizes.execute({ competitionId: cup, actorId: null }))).toBe('COMPETITION.PRIZES_ALREADY_AWARDED');
      expect(await knex()('outbox').where({ topic: 'CompetitionPrizesAwarded' }).count({ n: '*' })).toEqual([{ n: '1' }]);
      expect(value(await uc().listCompetitions.execute({ status: 'ended' })).competitions.find((c) => c.id === cup)?.prizesAwarded).toBe(true);
    });

    it('reads the audit log by subject and action, newest first, a page at a time', async () => {
      const all = value(await uc().readAuditLog.execute({ actorId: users.admin!, subjectType: 'competition', subjectId: cup }));
      expect(all.entries.map((e) => e.action)).toEqual(['competition.award_prizes', 'competition.create']);
      expect(all.nextCursor).toBeNull();
      const first = value(await uc().readAuditLog.execute({ actorId: users.admin!, action: 'competition.create', limit: 1 }));
      expect(first.entries.map((e) => e.subjectId)).toEqual([paidCup]);
      const second = value(await uc().readAuditLog.execute({ actorId: users.admin!, action: 'competition.create', limit: 1, cursor: first.nextCursor! }));
      expect(second.entries.map((e) => e.subjectId)).toEqual([cup]);
      expect(second.nextCursor).toBeNull();
      expect(code(await uc().readAuditLog.execute({ actorId: users.admin!, cursor: 'abc' }))).toBe('AUDIT.INVALID_CURSOR');
      expect(code(await uc().readAuditLog.execute({ actorId: users.ana! }))).toBe('AUTH.FORBIDDEN');
    });

    it('gives the last place to exactly one of two traders registering at once', async () => {
      const duel = value(
        await uc().createCompetition.execute({
          actorId: users.admin!,
          ...MARCH_CUP,
          name: 'April Duel',
          registrationOpens: '2026-04-01',
          registrationCloses: '2026-04-10',
          starts: '2026-04-11',
          ends: '2026-04-30',
          maxParticipants: 1,
        }),
      ).competitionId;
      const results = await Promise.all([
        uc().registerForCompetition.execute({ competitionId: duel, userId: users.ana! }),
        uc().registerForCompetition.execute({ competitionId: duel, userId: users.cy! }),
      ]);
      expect(results.map(code).sort()).toEqual(['COMPETITION.FULL', 'ok']);
      expect(await knex()('competition_entries').where({ competition_id: duel }).count({ n: '*' })).toEqual([{ n: '1' }]);
      expect(await knex()('competition_accounts').where({ competition_id: duel }).whereNotNull('login').count({ n: '*' })).toEqual([{ n: '1' }]);

      // An admin disqualifies the entry: kept, marked, with the reason, audit-logged.
      const [entry] = await knex()('competition_entries').where({ competition_id: duel });
      value(await uc().disqualifyCompetitionEntry.execute({ actorId: users.admin!, competitionId: duel, entryId: entry.id, reason: 'account sharing' }));
      const [after] = await knex()('competition_entries').where({ id: entry.id });
      expect(after).toMatchObject({ status: 'disqualified', disqualification_reason: 'account sharing', disqualified_by: users.admin });
      const [logged] = await knex()('audit_log').where({ action: 'competition.disqualify_entry', subject_id: duel }).pluck('details');
      expect(logged).toEqual({ entryId: entry.id, reason: 'account sharing' });
      const [account] = await knex()('competition_accounts').where({ entry_id: entry.id });
      expect((await platform().getAccount(account.login)).tradingEnabled).toBe(false);
    });
  },
  { clock },
);
