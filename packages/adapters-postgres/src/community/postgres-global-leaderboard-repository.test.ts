import {
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  Decimal,
  RuleSnapshot,
  STELLAR_2STEP,
  User,
  publicLeaderboard,
  unwrap,
} from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

const at = new Date('2026-03-10T12:00:00Z');

describeEachDatabase('global leaderboard repository', (ctx) => {
  async function trader(id: string, displayName: string | null, optIn: boolean) {
    const user = unwrap(User.register({ id, email: `${id}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', displayName, at }));
    const blank = !displayName?.trim();
    if (optIn && !blank) unwrap(user.updateProfile({ displayName, leaderboardOptIn: true }, at));
    await new PostgresUnitOfWork(ctx.db.knex).run((tx) => tx.users.save(user));
    // The domain refuses to opt in without a name; rows written otherwise must still stay hidden.
    if (optIn && blank) await ctx.db.knex('users').where({ id }).update({ display_name: displayName, leaderboard_opt_in: true });
  }

  /** An active challenge on `login` whose latest stored equity is `equity` (null: never observed), through the challenges repositories. */
  async function challenge(id: string, traderId: string, status: 'active' | 'ended', login: string, initial: string, equity: string | null) {
    const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), initial, DEFAULT_CALENDAR_SETTINGS));
    const created = Challenge.create({ id, traderId, rules, at });
    unwrap(created.activate(login, at));
    if (status === 'ended') unwrap(created.expire('inactivity', at));
    await new PostgresUnitOfWork(ctx.db.knex).run(async (tx) => {
      await tx.challenges.save(created);
      if (equity !== null) {
        await tx.accountEquity.lock(login, at);
        await tx.accountEquity.update(login, { balance: new Decimal(equity), equity: new Decimal(equity), at });
      }
    });
  }

  it('reads each opted-in trader’s best active account in one query, hiding everyone else', async () => {
    await trader('ana', 'Ana', true);
    await trader('bo', 'Bo', true);
    await trader('cy', 'Cy', false);
    await trader('di', '  ', true);
    await challenge('c-ana-1', 'ana', 'active', '1001', '100000', '104000');
    await challenge('c-ana-2', 'ana', 'active', '1002', '10000', '10800.50');
    await challenge('c-ana-3', 'ana', 'ended', '1003', '10000', '20000');
    await challenge('c-bo', 'bo', 'active', '1004', '50000', null);
    await challenge('c-cy', 'cy', 'active', '1005', '10000', '15000');
    await challenge('c-di', 'di', 'active', '1006', '10000', '15000');

    const uow = new PostgresUnitOfWork(ctx.db.knex);
    const performances = await uow.run((tx) => tx.globalLeaderboard.performances());
    expect(
      performances
        .map((p) => [p.traderId, p.displayName, p.profitPercent.toFixed(4)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['ana', 'Ana', '8.0050'],
      ['bo', 'Bo', '0.0000'],
    ]);

    const lines = publicLeaderboard(performances, 10);
    await uow.run((tx) => tx.globalLeaderboard.replace(lines, at));
    await uow.run((tx) => tx.globalLeaderboard.replace(lines, at));
    expect(await uow.run((tx) => tx.globalLeaderboard.read(10))).toEqual({
      refreshedAt: at,
      lines: [
        { rank: 1, displayName: 'Ana', profitPercent: '8.01' },
        { rank: 2, displayName: 'Bo', profitPercent: '0.00' },
      ],
    });
    expect((await uow.run((tx) => tx.globalLeaderboard.read(1))).lines).toHaveLength(1);
    expect(new Decimal(performances[0]!.profitPercent).isFinite()).toBe(true);
  });

  it('gives public names only for opted-in traders', async () => {
    const names = await new PostgresUnitOfWork(ctx.db.knex).run((tx) => tx.leaderboardProfiles.publicNames(['ana', 'cy', 'di', 'nobody']));
    expect([...names.entries()]).toEqual([
      ['ana', 'Ana'],
      ['cy', null],
      ['di', null],
      ['nobody', null],
    ]);
  });
});
