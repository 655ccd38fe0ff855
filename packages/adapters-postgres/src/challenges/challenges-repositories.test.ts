import { Decimal } from 'decimal.js';
import { ConcurrencyConflict, type RecordedDeal } from '@tradesense/application';
import {
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  DomainError,
  Money,
  RuleSnapshot,
  STELLAR_2STEP,
  breachToData,
  unwrap,
  verdictInputs,
  type ChallengeModelState,
} from '@tradesense/domain';
import type { Knex } from 'knex';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { PostgresChallengeRepository } from './postgres-challenge-repository.js';

const start = new Date('2026-11-02T15:00:00Z');
const rules = (model: ChallengeModelState = STELLAR_2STEP, balance = '100000') =>
  unwrap(RuleSnapshot.freeze(ChallengeModel.restore(model), balance, DEFAULT_CALENDAR_SETTINGS));

function activeChallenge(id: string, traderId: string, login: string, at = start): Challenge {
  const challenge = Challenge.create({ id, traderId, rules: rules(), at });
  unwrap(challenge.activate(login, at));
  challenge.pullEvents();
  return challenge;
}

async function addUser(knex: Knex, id: string): Promise<void> {
  await knex('users')
    .insert({
      id,
      email: `${id}@example.com`,
      password_hash: 'x',
      role: 'trader',
      country: 'DE',
      created_at: start,
      password_changed_at: start,
      version: 1,
    })
    .onConflict('id')
    .ignore();
}

function deal(login: string, dealId: string, fields: Partial<RecordedDeal> = {}): RecordedDeal {
  return {
    dealId,
    login,
    challengeId: 'c-deals',
    phase: 1,
    attempt: 1,
    time: start,
    kind: 'buy',
    entry: 'in',
    reason: 'client',
    symbol: 'EURUSD',
    positionId: 'p1',
    volume: new Decimal('1.5'),
    price: new Decimal('1.08512'),
    profit: new Decimal(0),
    swap: new Decimal(0),
    commission: new Decimal('-4.50'),
    comment: '',
    balanceAfter: new Decimal('99995.50'),
    ...fields,
  };
}

describeEachDatabase('challenges repositories', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('round-trips a challenge with its history, overrides and drawdown state, by id, login and order', async () => {
    await addUser(ctx.db.knex, 'u1');
    const challenge = activeChallenge('c1', 'u1', '7001');
    // A breach, the failure, a paid reset onto a new account, a second breach overridden by an admin.
    unwrap(challenge.evaluateEquity({ balance: new Decimal(100000), equity: new Decimal(89000), at: new Date('2026-11-02T16:00:00Z') }));
    unwrap(challenge.fail(null, new Date('2026-11-02T16:00:01Z')));
    unwrap(challenge.reset({ account: '7002', paid: Money.of(challenge.resetPrice().amount, 'USD'), at: new Date('2026-11-03T10:00:00Z') }));
    unwrap(challenge.evaluateEquity({ balance: new Decimal(100000), equity: new Decimal(94000), at: new Date('2026-11-03T11:00:00Z') }));
    unwrap(
      challenge.overrideBreach({
        adminId: 'admin-1',
        reason: 'price spike on the feed',
        at: new Date('2026-11-03T12:00:00Z'),
        balance: new Decimal(100000),
        equity: new Decimal(100000),
      }),
    );
    await uow().run((tx) => tx.challenges.save(challenge, { orderId: 'o1', swapFree: true }));

    const byId = await uow().run((tx) => tx.challenges.findById('c1'));
    expect(byId!.toState()).toEqual({ ...challenge.toState(), version: 1 });
    expect(byId!.history[0]!.startedAt).toBeInstanceOf(Date);
    expect(byId!.overrides[0]!.at).toEqual(new Date('2026-11-03T12:00:00Z'));
    expect((await uow().run((tx) => tx.challenges.findByAccountLogin('7002')))!.id).toBe('c1');
    // The first attempt's account still leads to the challenge, which now trades elsewhere.
    const earlier = await uow().run((tx) => tx.challenges.findByAccountLogin('7001'));
    expect(earlier!.account).toBe('7002');
    expect((await uow().run((tx) => tx.challenges.findByOrderId('o1')))!.id).toBe('c1');
    expect(await uow().run((tx) => tx.challenges.isSwapFree('c1'))).toBe(true);
    expect(await uow().run((tx) => tx.challenges.findByAccountLogin('9999'))).toBeNull();
  });

  it('bumps the version per save and fails a stale write with a typed conflict', async () => {
    await uow().run(async (tx) => {
      const loaded = (await tx.challenges.findById('c1', { lock: true }))!;
      unwrap(loaded.evaluateEquity({ balance: new Decimal(100000), equity: new Decimal(99000), at: new Date('2026-11-03T13:00:00Z') }));
      await tx.challenges.save(loaded);
    });
    expect(await ctx.db.knex('challenges').where({ id: 'c1' }).first()).toMatchObject({ version: 2 });
    const stale = Challenge.restore((await uow().run((tx) => tx.challenges.findById('c1')))!.toState());
    const versions = new VersionTracker();
    versions.loaded(stale, 1);
    await expect(ctx.db.knex.transaction((trx) => new PostgresChallengeRepository(trx, versions).save(stale))).rejects.toBeInstanceOf(
      ConcurrencyConflict,
    );
  });

  it('allows one challenge per order', async () => {
    const second = activeChallenge('c2', 'u1', '7003');
    const saving = uow().run((tx) => tx.challenges.save(second, { orderId: 'o1' }));
    await expect(saving).rejects.toMatchObject({ code: 'CHALLENGE.ORDER_ALREADY_FULFILLED' });
    expect(await uow().run((tx) => tx.challenges.findById('c2'))).toBeNull();
  });

  it('pages a trader’s challenges newest first with an opaque cursor, and refuses a forged one', async () => {
    await addUser(ctx.db.knex, 'u-pages');
    for (let i = 0; i < 5; i++) {
      const at = new Date(start.getTime() + i * 60_000);
      await uow().run((tx) => tx.challenges.save(activeChallenge(`pg-${i}`, 'u-pages', `80${i}`, at)));
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
    const active = await uow().run((tx) => tx.challenges.listActive({ after: 'pg-2', limit: 10 }));
    expect(active.map((c) => c.id)).toEqual(['pg-3', 'pg-4']);
  });

  it('records a deal once per login and ticket, and knows the lots left open on a position', async () => {
    await addUser(ctx.db.knex, 'u-deals');
    await uow().run((tx) => tx.challenges.save(activeChallenge('c-deals', 'u-deals', '9100')));
    expect(await uow().run((tx) => tx.platformDeals.record(deal('9100', '1001')))).toBe(true);
    expect(await uow().run((tx) => tx.platformDeals.record(deal('9100', '1001')))).toBe(false);
    await uow().run((tx) =>
      tx.platformDeals.record(deal('9100', '1002', { kind: 'sell', entry: 'out', volume: new Decimal('0.5'), profit: new Decimal('12.34') })),
    );
    expect((await uow().run((tx) => tx.platformDeals.openVolume('9100', 'p1'))).toFixed()).toBe('1');
    await uow().run((tx) => tx.platformDeals.record(deal('9100', '1003', { kind: 'sell', entry: 'out', volume: new Decimal(1) })));
    expect((await uow().run((tx) => tx.platformDeals.openVolume('9100', 'p1'))).toFixed()).toBe('0');

    const first = await uow().run((tx) => tx.platformDeals.listByChallenge('c-deals', { limit: 2 }));
    expect(first.items.map((d) => d.dealId)).toEqual(['1003', '1002']);
    const second = await uow().run((tx) => tx.platformDeals.listByChallenge('c-deals', { cursor: first.nextCursor, limit: 2 }));
    expect(second.items.map((d) => d.dealId)).toEqual(['1001']);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]).toEqual(deal('9100', '1001'));
    expect(second.items[0]!.price.toFixed()).toBe('1.08512');
  });

  it('keeps the latest figures and the feed cursor per account; an older observation does not overwrite a newer one', async () => {
    const figures = await uow().run((tx) => tx.accountEquity.lock('9100', start));
    expect(figures.lastDealId).toBeNull();
    expect(figures.ledgerBalance.toFixed(2)).toBe('0.00');
    const later = new Date(start.getTime() + 60_000);
    await uow().run((tx) =>
      tx.accountEquity.update('9100', {
        balance: new Decimal('100000'),
        equity: new Decimal('99950.5'),
        at: later,
        ledger: { balance: new Decimal('100000'), lastDealId: '1003' },
      }),
    );
    // An observation from before the stored one: figures stay, nothing else moves either.
    await uow().run((tx) => tx.accountEquity.update('9100', { balance: new Decimal('1'), equity: new Decimal('1'), at: start }));
    let after = (await uow().run((tx) => tx.accountEquity.find('9100')))!;
    expect(after.equity.toFixed(2)).toBe('99950.50');
    expect(after.updatedAt).toEqual(later);
    // A newer observation replaces the figures but not the ledger or the cursor.
    await uow().run((tx) =>
      tx.accountEquity.update('9100', { balance: new Decimal('100000'), equity: new Decimal('99960'), at: new Date(later.getTime() + 1) }),
    );
    after = (await uow().run((tx) => tx.accountEquity.find('9100')))!;
    expect(after).toMatchObject({ lastDealId: '1003' });
    expect(after.equity.toFixed(2)).toBe('99960.00');
    expect(after.ledgerBalance.toFixed(2)).toBe('100000.00');
  });

  it('snapshots every active challenge account in one set-based statement, once per trading day', async () => {
    const knex = ctx.db.knex;
    await addUser(knex, 'u-roll');
    const accounts = 12;
    for (let i = 0; i < accounts; i++) {
      await uow().run(async (tx) => {
        await tx.challenges.save(activeChallenge(`roll-${String(i).padStart(2, '0')}`, 'u-roll', `6${String(i).padStart(3, '0')}`));
        // Half the accounts have figures from the feed; the rest start from the initial balance.
        if (i % 2 === 0) {
          await tx.accountEquity.update(`6${String(i).padStart(3, '0')}`, {
            balance: new Decimal(100000 + i),
            equity: new Decimal(99000 + i),
            at: start,
          });
        }
      });
    }
    // Not active: a failed challenge is not snapshotted.
    const failed = activeChallenge('roll-failed', 'u-roll', '6999');
    unwrap(failed.evaluateEquity({ balance: new Decimal(100000), equity: new Decimal(80000), at: start }));
    unwrap(failed.fail(null, start));
    await uow().run((tx) => tx.challenges.save(failed));

    const activeBefore = Number(
      ((await knex('challenges').where({ status: 'active', phase_passed: false }).count({ n: '*' })) as { n: string }[])[0]!.n,
    );
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listener);
    const written = await uow().run((tx) => tx.accountEquity.snapshotDayStart('2026-11-03', new Date('2026-11-02T22:00:00Z')));
    knex.off('query', listener);

    expect(written).toBe(activeBefore);
    const inserts = statements.filter((sql) => /insert into "?day_start_snapshots/i.test(sql));
    expect(inserts).toHaveLength(1);
    expect(statements.filter((sql) => !/^(begin|commit|BEGIN|COMMIT)/.test(sql.trim()))).toHaveLength(1);

    const rows = await uow().run((tx) => tx.accountEquity.listDayStart('2026-11-03', { after: 'roll-', limit: 100 }));
    const roll = rows.filter((row) => row.challengeId.startsWith('roll-'));
    expect(roll).toHaveLength(accounts);
    expect(roll.find((row) => row.challengeId === 'roll-02')).toMatchObject({ login: '6002', tradingDay: '2026-11-03' });
    expect(roll.find((row) => row.challengeId === 'roll-02')!.equity.toFixed(2)).toBe('99002.00');
    expect(roll.find((row) => row.challengeId === 'roll-03')!.balance.toFixed(2)).toBe('100000.00');
    expect(roll.some((row) => row.challengeId === 'roll-failed')).toBe(false);

    // A second rollover for the same day writes nothing.
    expect(await uow().run((tx) => tx.accountEquity.snapshotDayStart('2026-11-03', new Date('2026-11-02T22:00:05Z')))).toBe(0);
  });

  it('stores a breach verdict with its inputs once per input hash', async () => {
    const challenge = (await uow().run((tx) => tx.challenges.findById('roll-failed')))!;
    const breach = breachToData(challenge.breach!);
    const verdict = {
      id: 'v1',
      challengeId: 'roll-failed',
      login: '6999',
      phase: 1,
      attempt: 1,
      breach,
      inputs: verdictInputs(challenge.drawdown!, challenge.rules, { balance: new Decimal(1), equity: new Decimal(1), at: start }),
      inputHash: breach.inputHash,
      recordedAt: start,
    };
    expect(await uow().run((tx) => tx.breachVerdicts.add(verdict))).toBe(true);
    expect(await uow().run((tx) => tx.breachVerdicts.add({ ...verdict, id: 'v2' }))).toBe(false);
    const stored = await uow().run((tx) => tx.breachVerdicts.listByChallenge('roll-failed'));
    expect(stored).toEqual([verdict]);
  });
});
