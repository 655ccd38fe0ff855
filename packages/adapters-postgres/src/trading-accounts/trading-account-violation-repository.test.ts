import { Decimal } from 'decimal.js';
import type { StoredTradingAccountViolation, TradingAccountRepositories } from '@tradesense/application';
import {
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  RuleSnapshot,
  STELLAR_2STEP,
  TradingAccount,
  replayStoredViolation,
  unwrap,
  type TradingAccountOwner,
} from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

// Monday 2 November 2026, 10:00 New York: trading day 2026-11-02.
const start = new Date('2026-11-02T15:00:00Z');
const frozen = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS)).toJSON();
// One trade a day: the second opening is flagged.
const rules = unwrap(
  RuleSnapshot.fromJSON({ ...frozen, parameters: { ...frozen.parameters, restrictions: { ...frozen.parameters.restrictions, maxTradesPerDay: 1 } } }),
);
const d = (value: string | number) => new Decimal(value);

/** An account whose second opening of the day broke the one-trade limit, and that violation as the writer stores it. */
function flagged(login: string, owner: TradingAccountOwner, minute: number): { account: TradingAccount; stored: StoredTradingAccountViolation } {
  const account = unwrap(TradingAccount.open({ login, traderId: 'tv-trader', owner, rules, at: start }));
  for (const n of [1, 2]) {
    const at = new Date(start.getTime() + (minute + n) * 60_000);
    unwrap(account.recordDeal({ dealId: `d-${n}`, positionId: `p-${n}`, action: 'open', at, balance: d(100000), equity: d(100000), volume: d('0.10') }));
  }
  account.pullEvents();
  const { violation, inputs, inputHash, tradingDay } = account.violations[0]!;
  const stored: StoredTradingAccountViolation = {
    id: violation.id,
    login,
    owner,
    violation,
    inputs,
    inputHash,
    tradingDay,
    status: 'open',
    cleared: null,
    recordedAt: new Date(violation.at),
    positionsClosedAt: null,
  };
  return { account, stored };
}

describeEachDatabase('trading-account violations', (ctx) => {
  const inTransaction = <T>(work: (repos: TradingAccountRepositories) => Promise<T>): Promise<T> =>
    new PostgresUnitOfWork(ctx.db.knex).run((scope) => work(scope));

  const a = flagged('8101', { kind: 'challenge_phase', id: 'c-v', phase: 1, attempt: 1 }, 0);
  // The same deal ticket on another login: ids are unique per login only.
  const b = flagged('8102', { kind: 'funded_account', id: 'f-v' }, 10);
  const c = flagged('8103', { kind: 'competition_entry', id: 'e-v', competitionId: 'cup-v' }, 20);

  it('stores a violation once per login and id, to the byte of its inputs, so it replays to the same hash', async () => {
    await ctx.db
      .knex('users')
      .insert({ id: 'tv-trader', email: 'tv-trader@example.com', password_hash: 'x', role: 'trader', country: 'DE', created_at: start, password_changed_at: start, version: 1 });
    await inTransaction(async (repos) => {
      for (const { account } of [a, b, c]) await repos.tradingAccounts.save(account);
    });
    expect(await inTransaction((repos) => repos.tradingAccountViolations.add(a.stored))).toBe(true);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.add(a.stored))).toBe(false);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.add(b.stored))).toBe(true);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.add(c.stored))).toBe(true);
    expect(a.stored.id).toBe(b.stored.id);

    const loaded = (await inTransaction((repos) => repos.tradingAccountViolations.find('8101', a.stored.id)))!;
    expect(loaded).toEqual(a.stored);
    expect(loaded.violation).toMatchObject({ restriction: 'max_trades_per_day', action: 'flag', limit: '1', observed: '2', dealId: 'd-2' });
    const replay = unwrap(replayStoredViolation(loaded));
    expect(replay.matches).toBe(true);
    expect(replay.replayedHash).toBe(a.stored.inputHash);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.find('8101', 'max_trades_per_day:nope'))).toBeNull();
    expect(await inTransaction((repos) => repos.tradingAccountViolations.find('8101', a.stored.id, { lock: true }))).toEqual(a.stored);
  });

  it('lists the open ones newest first a page at a time, a login’s all, and marks one cleared and one closed once', async () => {
    const first = await inTransaction((repos) => repos.tradingAccountViolations.listOpen({ limit: 2 }));
    expect(first.items.map((v) => v.login)).toEqual(['8103', '8102']);
    const rest = await inTransaction((repos) => repos.tradingAccountViolations.listOpen({ cursor: first.nextCursor, limit: 2 }));
    expect(rest.items.map((v) => v.login)).toEqual(['8101']);
    expect(rest.nextCursor).toBeNull();
    await expect(inTransaction((repos) => repos.tradingAccountViolations.listOpen({ cursor: 'forged', limit: 2 }))).rejects.toMatchObject({
      code: 'PAGE.INVALID_CURSOR',
    });

    const clearing = { adminId: 'admin-1', reason: 'news feed outage', at: new Date('2026-11-03T09:00:00Z') };
    expect(await inTransaction((repos) => repos.tradingAccountViolations.markCleared('8102', b.stored.id, clearing))).toBe(true);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.markCleared('8102', b.stored.id, clearing))).toBe(false);
    const open = await inTransaction((repos) => repos.tradingAccountViolations.listOpen({ limit: 10 }));
    expect(open.items.map((v) => v.login)).toEqual(['8103', '8101']);
    const ofB = await inTransaction((repos) => repos.tradingAccountViolations.listByLogin('8102'));
    expect(ofB).toEqual([{ ...b.stored, status: 'cleared', cleared: clearing }]);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.listByLogin('8101'))).toEqual([a.stored]);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.listByLogin('9999'))).toEqual([]);

    const closedAt = new Date('2026-11-02T15:05:00Z');
    expect(await inTransaction((repos) => repos.tradingAccountViolations.markPositionsClosed('8103', c.stored.id, closedAt))).toBe(true);
    expect(await inTransaction((repos) => repos.tradingAccountViolations.markPositionsClosed('8103', c.stored.id, new Date()))).toBe(false);
    expect((await inTransaction((repos) => repos.tradingAccountViolations.find('8103', c.stored.id)))!.positionsClosedAt).toEqual(closedAt);
    // Another login's violation with the same id is untouched.
    expect((await inTransaction((repos) => repos.tradingAccountViolations.find('8101', a.stored.id)))!.positionsClosedAt).toBeNull();
  });
});
