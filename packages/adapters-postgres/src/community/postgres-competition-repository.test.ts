import { ConcurrencyConflict } from '@tradesense/application';
import { Competition, Money, ProhibitedCountries, TradingCalendar, User, unwrap } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { PostgresCompetitionRepository } from './postgres-competition-repository.js';

const calendar = new TradingCalendar();
const prohibited = ProhibitedCountries.default();
const at = (iso: string) => new Date(iso);

function newCompetition(id: string): Competition {
  const competition = unwrap(
    Competition.create({
      id,
      name: 'March Cup',
      schedule: { registrationOpens: '2026-02-15', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
      maxParticipants: 10,
      entryFee: Money.of('25.50'),
      prizePool: Money.of(10_000),
      prizes: [
        { rank: 1, prize: { kind: 'cash', amount: Money.of(5000) } },
        { rank: 2, prize: { kind: 'funded_account', modelId: 'stellar_2step', accountSize: Money.of(50_000) } },
      ],
      actor: 'admin-1',
      at: at('2026-02-01T00:00:00Z'),
    }),
  );
  competition.pullEvents();
  return competition;
}

describeEachDatabase('competition repository', (ctx) => {
  it('round-trips a competition with its entries and bumps the version', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    await uow.run(async (tx) => {
      for (const id of ['u1', 'u2', 'u3']) {
        await tx.users.save(unwrap(User.register({ id, email: `${id}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', at: at('2026-01-01T00:00:00Z') })));
      }
    });
    const competition = newCompetition('c1');
    for (const [user, day] of [['u1', '16'], ['u2', '17']] as const) {
      unwrap(
        competition.register(
          { entryId: `e-${user}`, userId: user, country: 'DE', paymentReference: `order-${user}`, at: at(`2026-02-${day}T15:00:00Z`) },
          calendar,
          prohibited,
        ),
      );
    }
    await uow.run((tx) => tx.competitions.save(competition));

    await uow.run(async (tx) => {
      const loaded = (await tx.competitions.findById('c1'))!;
      expect(loaded.toState()).toEqual({ ...competition.toState(), version: 1 });
      unwrap(loaded.recordEquity({ entryId: 'e-u2', equity: Money.of('101234.56'), at: at('2026-03-05T15:00:00Z') }, calendar));
      unwrap(loaded.recordTrade({ entryId: 'e-u1', lots: '6', assetClass: 'forex', at: at('2026-03-05T16:00:00Z') }, calendar));
      await tx.competitions.save(loaded);
    });

    const reloaded = (await uow.run((tx) => tx.competitions.findById('c1')))!;
    const [u1, u2] = reloaded.entries();
    expect(u1).toMatchObject({ status: 'disqualified', tradingDay: '2026-03-05', tradesOnDay: 1 });
    expect(u1?.disqualification?.reason).toMatch(/^MAX_LOT_SIZE_EXCEEDED/);
    expect(u2).toMatchObject({ equity: '101234.56', roiReachedAt: at('2026-03-05T15:00:00Z') });
    expect(reloaded.standings().map((s) => s.userId)).toEqual(['u2']);
    const row = await ctx.db.knex('competitions').where({ id: 'c1' }).first();
    expect(row.version).toBe(2);
    expect(row.entry_fee).toBe('25.50');
  });

  it('lists competitions with participant counts and finds those running on a day', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const listings = await uow.run((tx) => tx.competitions.list());
    expect(listings.map((l) => [l.state.id, l.participants, l.state.entries.length])).toEqual([['c1', 2, 0]]);
    expect(await uow.run((tx) => tx.competitions.idsRunningOn('2026-03-01'))).toEqual(['c1']);
    expect(await uow.run((tx) => tx.competitions.idsRunningOn('2026-03-31'))).toEqual(['c1']);
    expect(await uow.run((tx) => tx.competitions.idsRunningOn('2026-04-01'))).toEqual([]);
    expect(await uow.run((tx) => tx.competitions.idsRunningOn('2026-02-28'))).toEqual([]);
  });

  it('fails a stale write with a typed conflict and writes none of its entries', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const stale = (await uow.run((tx) => tx.competitions.findById('c1')))!;
    await uow.run(async (tx) => {
      const fresh = (await tx.competitions.findById('c1'))!;
      unwrap(fresh.recordEquity({ entryId: 'e-u2', equity: Money.of('102000'), at: at('2026-03-06T15:00:00Z') }, calendar));
      await tx.competitions.save(fresh);
    });
    // The stale copy was loaded at version 2 in a finished unit of work; save it through a tracker that remembers that.
    const versions = new VersionTracker();
    versions.loaded(stale, 2);
    unwrap(stale.recordEquity({ entryId: 'e-u2', equity: Money.of('90000'), at: at('2026-03-07T15:00:00Z') }, calendar));
    await expect(
      ctx.db.knex.transaction((trx) => new PostgresCompetitionRepository(trx, versions).save(stale)),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    const entry = await ctx.db.knex('competition_entries').where({ id: 'e-u2' }).first();
    expect(entry.equity).toBe('102000.00');
  });

  it('refuses a second entry of one user at the database too', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    await uow.run(async (tx) => {
      const c = (await tx.competitions.findById('c1'))!;
      expect(c.participantCount).toBe(2);
    });
    await expect(
      ctx.db.knex('competition_entries').insert({
        id: 'dup', competition_id: 'c1', user_id: 'u1', registered_at: at('2026-02-20T00:00:00Z'), equity: '100000',
        equity_at: at('2026-02-20T00:00:00Z'), roi_reached_at: at('2026-02-20T00:00:00Z'), status: 'active', trades_on_day: 0, position: 9,
      }),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('claims, provisions once and advances the deal cursor of a competition account', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const claimedAt = at('2026-02-16T15:00:00Z');
    await uow.run((tx) => tx.competitionAccounts.claim({ entryId: 'e-u1', competitionId: 'c1', userId: 'u1', at: claimedAt }));
    expect(await uow.run((tx) => tx.competitionAccounts.listUnprovisioned(at('2026-02-16T15:10:00Z'), 10))).toHaveLength(1);
    expect(await uow.run((tx) => tx.competitionAccounts.reclaim('e-u1', at('2026-02-16T15:00:01Z'), at('2026-02-16T15:10:00Z')))).toBe(false);
    expect(await uow.run((tx) => tx.competitionAccounts.reclaim('e-u1', claimedAt, at('2026-02-16T15:10:00Z')))).toBe(true);
    expect(await uow.run((tx) => tx.competitionAccounts.recordProvisioned('e-u1', '5001', 'competition', at('2026-02-16T15:10:01Z')))).toBe(true);
    expect(await uow.run((tx) => tx.competitionAccounts.recordProvisioned('e-u1', '5002', 'competition', at('2026-02-16T15:10:02Z')))).toBe(false);
    await uow.run((tx) => tx.competitionAccounts.advanceDealCursor('e-u1', '77'));
    expect(await uow.run((tx) => tx.competitionAccounts.findByLogin('5001'))).toMatchObject({
      entryId: 'e-u1', competitionId: 'c1', login: '5001', group: 'competition', lastDealId: '77', tradingDisabledAt: null,
    });
    expect(await uow.run((tx) => tx.competitionAccounts.listUnprovisioned(at('2026-03-01T00:00:00Z'), 10))).toEqual([]);
    await uow.run((tx) => tx.competitionAccounts.markTradingDisabled(['e-u1'], at('2026-02-16T15:10:03Z')));
    await uow.run((tx) => tx.competitionAccounts.markTradingDisabled(['e-u1'], at('2026-02-16T15:10:04Z')));
    expect((await uow.run((tx) => tx.competitionAccounts.findByEntry('e-u1')))?.tradingDisabledAt).toEqual(at('2026-02-16T15:10:03Z'));
    await uow.run((tx) => tx.competitionAccounts.markTradingEnabled(['e-u1']));
    expect((await uow.run((tx) => tx.competitionAccounts.listForCompetition('c1'))).map((a) => [a.entryId, a.tradingDisabledAt])).toEqual([
      ['e-u1', null],
    ]);
  });

  it('records each milestone once', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    expect(await uow.run((tx) => tx.competitionMilestones.idsNotEnded())).toEqual(['c1']);
    expect(await uow.run((tx) => tx.competitionMilestones.record('c1', 'ended', at('2026-04-01T00:00:00Z')))).toBe(true);
    expect(await uow.run((tx) => tx.competitionMilestones.record('c1', 'ended', at('2026-04-01T00:01:00Z')))).toBe(false);
    expect(await uow.run((tx) => tx.competitionMilestones.reached('c1'))).toEqual(['ended']);
    expect(await uow.run((tx) => tx.competitionMilestones.idsNotEnded())).toEqual([]);
  });

  it('round-trips loss limits exactly, none by default, and refuses half a pair at the database', async () => {
    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const limited = unwrap(
      Competition.create({
        id: 'c-limits',
        name: 'Limits Cup',
        schedule: { registrationOpens: '2026-02-15', registrationCloses: '2026-02-28', starts: '2026-03-01', ends: '2026-03-31' },
        lossLimits: { dailyLossPercent: '4.5', maxLossPercent: '9' },
        prizes: [],
        actor: 'admin-1',
        at: at('2026-02-01T00:00:00Z'),
      }),
    );
    await uow.run((tx) => tx.competitions.save(limited));
    const loaded = (await uow.run((tx) => tx.competitions.findById('c-limits')))!;
    expect(loaded.lossLimits).toEqual({ dailyLossPercent: '4.5', maxLossPercent: '9' });
    // The entries' rule snapshots are built from it: the same data, the same content hash.
    expect(loaded.ruleSnapshot(calendar.settings()).contentHash).toBe(limited.ruleSnapshot(calendar.settings()).contentHash);
    expect((await uow.run((tx) => tx.competitions.findById('c1')))!.lossLimits).toBeNull();
    await expect(ctx.db.knex('competitions').where({ id: 'c-limits' }).update({ max_loss_percent: null })).rejects.toThrow();
    await expect(ctx.db.knex('competitions').where({ id: 'c-limits' }).update({ daily_loss_percent: '100' })).rejects.toThrow();
  });
});
