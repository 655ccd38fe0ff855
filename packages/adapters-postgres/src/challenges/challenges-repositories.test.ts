import { Decimal } from 'decimal.js';
import { ConcurrencyConflict } from '@tradesense/application';
import { Challenge, DomainError, breachToData, unwrap } from '@tradesense/domain';
import { aBreachRecord, aUser, anActiveChallenge, stellarTwoStepRules, tradingActivityOf } from '@tradesense/domain/testing';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { PostgresChallengeRepository } from './postgres-challenge-repository.js';

// Monday 2 November 2026, 10:00 New York: trading day 2026-11-02.
const start = new Date('2026-11-02T15:00:00Z');
const at = (iso: string) => new Date(iso);
const rules = stellarTwoStepRules('100000');

function active(id: string, traderId: string, account: string, when = start): Challenge {
  return anActiveChallenge({ id, traderId, rules, at: when, account });
}

/** The breach the trading account on `account` reported, as `failOnBreach` takes it. */
const breachAt = (iso: string, equity = '94999.99') =>
  aBreachRecord({ at: at(iso), tradingDay: rules.calendar.tradingDayOf(at(iso)), equity: new Decimal(equity), inputHash: `sha256:${iso}` });

describeEachDatabase('challenges repositories', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('round-trips a challenge with its history, overrides, breach and last balance, by id, login and order', async () => {
    await uow().run((tx) => tx.users.save(aUser({ id: 'u1', email: 'u1@example.com', at: start })));
    const challenge = active('c1', 'u1', '7001');
    // A deal, a breach its trading account reported, a paid reset onto a new account,
    // a second breach there cleared by an admin, and a deal after it.
    unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { at: at('2026-11-02T15:30:00Z'), balance: new Decimal('99950.25') })));
    unwrap(challenge.failOnBreach(breachAt('2026-11-02T16:00:00Z'), at('2026-11-02T16:00:01Z'), '7001'));
    unwrap(challenge.reset({ account: '7002', paid: challenge.resetPrice(), at: at('2026-11-03T10:00:00Z') }));
    const second = breachAt('2026-11-03T11:00:00Z', '94000');
    unwrap(challenge.failOnBreach(second, at('2026-11-03T11:00:01Z'), '7002'));
    unwrap(
      challenge.reinstateAfterOverride({
        adminId: 'admin-1',
        reason: 'price spike on the feed',
        at: at('2026-11-03T12:00:00Z'),
        original: breachToData(second),
        account: '7002',
      }),
    );
    unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { at: at('2026-11-03T13:00:00Z'), balance: new Decimal('100012.5') })));
    await uow().run((tx) => tx.challenges.save(challenge, { orderId: 'o1', swapFree: true }));

    const byId = await uow().run((tx) => tx.challenges.findById('c1'));
    expect(byId!.toState()).toEqual({ ...challenge.toState(), version: 1 });
    expect(byId!.toState().lastBalance).toBe('100012.5');
    expect(byId!.history[0]!.startedAt).toBeInstanceOf(Date);
    expect(byId!.history[0]!.breach).toEqual(breachToData(breachAt('2026-11-02T16:00:00Z')));
    expect(byId!.overrides[0]!.at).toEqual(at('2026-11-03T12:00:00Z'));
    expect((await uow().run((tx) => tx.challenges.findByAccountLogin('7002')))!.id).toBe('c1');
    // The first attempt's account still leads to the challenge, which now trades elsewhere.
    const earlier = await uow().run((tx) => tx.challenges.findByAccountLogin('7001'));
    expect(earlier!.account).toBe('7002');
    expect((await uow().run((tx) => tx.challenges.findByOrderId('o1')))!.id).toBe('c1');
    expect(await uow().run((tx) => tx.challenges.isSwapFree('c1'))).toBe(true);
    expect(await uow().run((tx) => tx.challenges.findByAccountLogin('9999'))).toBeNull();
    // The loss limits are the trading account's: the challenge row holds no drawdown state.
    expect(await ctx.db.knex('challenges').where({ id: 'c1' }).first('drawdown', 'breach', 'last_balance')).toEqual({
      drawdown: null,
      breach: null,
      last_balance: '100012.5',
    });
  });

  it('keeps the breach a challenge failed on, to the cent', async () => {
    const failed = active('c-failed', 'u1', '7101');
    const breach = breachAt('2026-11-02T17:00:00Z', '94999.99');
    unwrap(failed.failOnBreach(breach, at('2026-11-02T17:00:01Z'), '7101'));
    await uow().run((tx) => tx.challenges.save(failed));
    const loaded = (await uow().run((tx) => tx.challenges.findById('c-failed')))!;
    expect(loaded.toState()).toEqual({ ...failed.toState(), version: 1 });
    expect(loaded.status).toBe('failed');
    expect(breachToData(loaded.breach!)).toEqual(breachToData(breach));
    expect(loaded.breach!.equity.toFixed(2)).toBe('94999.99');
    // Never reported a figure: the target is measured on the initial balance.
    expect(loaded.toState().lastBalance).toBeNull();
  });

  it('reads a row written before the move, its leftover drawdown state ignored', async () => {
    await uow().run((tx) => tx.challenges.save(active('c-old', 'u1', '7201')));
    await ctx.db.knex('challenges').where({ id: 'c-old' }).update({ drawdown: JSON.stringify({ lastBalance: '1', breach: null }) });
    const loaded = (await uow().run((tx) => tx.challenges.findById('c-old')))!;
    expect(loaded.toState()).toMatchObject({ id: 'c-old', lastBalance: null, breach: null });
    expect(loaded.toState()).not.toHaveProperty('drawdown');
  });

  it('bumps the version per save and fails a stale write with a typed conflict', async () => {
    await uow().run(async (tx) => {
      const loaded = (await tx.challenges.findById('c1', { lock: true }))!;
      unwrap(loaded.recordTradingActivity(tradingActivityOf(loaded, { at: at('2026-11-03T14:00:00Z'), balance: new Decimal('100020') })));
      await tx.challenges.save(loaded);
    });
    expect(await ctx.db.knex('challenges').where({ id: 'c1' }).first()).toMatchObject({ version: 2, last_balance: '100020' });
    const stale = Challenge.restore((await uow().run((tx) => tx.challenges.findById('c1')))!.toState());
    const versions = new VersionTracker();
    versions.loaded(stale, 1);
    await expect(ctx.db.knex.transaction((trx) => new PostgresChallengeRepository(trx, versions).save(stale))).rejects.toBeInstanceOf(
      ConcurrencyConflict,
    );
  });

  it('allows one challenge per order', async () => {
    const saving = uow().run((tx) => tx.challenges.save(active('c2', 'u1', '7003'), { orderId: 'o1' }));
    await expect(saving).rejects.toMatchObject({ code: 'CHALLENGE.ORDER_ALREADY_FULFILLED' });
    expect(await uow().run((tx) => tx.challenges.findById('c2'))).toBeNull();
  });

  it('pages a trader’s challenges newest first with an opaque cursor, and refuses a forged one', async () => {
    await uow().run((tx) => tx.users.save(aUser({ id: 'u-pages', email: 'u-pages@example.com', at: start })));
    for (let i = 0; i < 5; i++) {
      const when = new Date(start.getTime() + i * 60_000);
      await uow().run((tx) => tx.challenges.save(active(`pg-${i}`, 'u-pages', `80${i}`, when)));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await uow().run((tx) => tx.challenges.listByTrader('u-pages', { cursor, limit: 2 }));
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['pg-4', 'pg-3', 'pg-2', 'pg-1', 'pg-0']);
    const forged = uow().run((tx) => tx.challenges.listByTrader('u-pages', { cursor: 'not-a-cursor', limit: 2 }));
    await expect(forged).rejects.toBeInstanceOf(DomainError);
    await expect(forged).rejects.toMatchObject({ code: 'PAGE.INVALID_CURSOR' });
    const admin = await uow().run((tx) => tx.challenges.listForAdmin({ status: 'active', traderId: 'u-pages', limit: 10 }));
    expect(admin.items).toHaveLength(5);
    const listed = await uow().run((tx) => tx.challenges.listActive({ after: 'pg-2', limit: 10 }));
    expect(listed.map((c) => c.id)).toEqual(['pg-3', 'pg-4']);
  });
});
