import { Decimal } from 'decimal.js';
import type { TransactionScope } from '@tradesense/application';
import {
  Challenge,
  breachFromData,
  breachToData,
  unwrap,
  type TradingAccount,
  type TradingAccountBreachDetected,
  type TradingAccountOverrideData,
  type TradingAccountOwner,
} from '@tradesense/domain';
import { aChallenge, aTradingAccount, aUser, anActiveChallenge, stellarTwoStepRules, tradingActivityOf } from '@tradesense/domain/testing';
import type { Knex } from 'knex';
import { beforeAll, expect, it } from 'vitest';
import { challengeMapper } from '../challenges/challenge-mapper.js';
import { challengeAccounts } from '../challenges/postgres-challenge-repository.js';
import { json } from '../funding/column-values.js';
import { describeEachDatabase } from '../testing/test-databases.js';
import { accountDealMapper } from '../trading-accounts/account-deal-mapper.js';
import { aRecordedDeal } from '../trading-accounts/testing/recorded-deal.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { ListedMigrationSource, migrateToLatest } from './index.js';

const MOVED = ['0017_challenge_trading_accounts_moved', '0018_account_deals_owner_keyed'];
// Monday 2 November 2026, 10:00 New York: trading day 2026-11-02 (the reset is 17:00 New York, 22:00 UTC).
const monday = new Date('2026-11-02T15:00:00Z');
const at = (iso: string) => new Date(iso);
const d = (value: string | number) => new Decimal(value);
const rules = stellarTwoStepRules('100000');
const TRADER = 'mc-trader';

/** A challenge as the previous schema held it, and the trading account its current login has now (its risk state). */
interface Fixture {
  readonly challenge: Challenge;
  readonly risk: TradingAccount;
}

type PhaseOwner = Extract<TradingAccountOwner, { kind: 'challenge_phase' }>;

const phase = (id: string, n: number, attempt = 1): PhaseOwner => ({ kind: 'challenge_phase', id, phase: n, attempt });
const risk = (login: string, owner: TradingAccountOwner, opened: Date) => aTradingAccount({ login, traderId: TRADER, owner, rules, at: opened });

/**
 * The challenge as the previous code kept it: its current account's open
 * positions, last trade, last balance and breach were the challenge's own
 * (in its drawdown state), so they are the trading account's.
 */
function keptBefore(challenge: Challenge, account: TradingAccount): Fixture {
  const state = account.toState();
  const kept = Challenge.restore({
    ...challenge.toState(),
    lastTradeAt: state.lastTradeAt,
    breach: state.drawdown.breach,
    lastBalance: state.drawdown.lastBalance,
  });
  return { challenge: kept, risk: account };
}

/** The challenges row the previous code wrote: no breach or last_balance columns, the risk in `drawdown`. */
function previousRow(fixture: Fixture): Record<string, unknown> {
  const state = fixture.challenge.toState();
  const { breach: _breach, last_balance: _lastBalance, ...row } = challengeMapper.toRow(state);
  const risk = fixture.risk.toState();
  return { id: state.id, ...row, order_id: null, swap_free: false, open_positions: json(risk.openPositions), drawdown: json(risk.drawdown), version: 1 };
}

/** A breach on the trading account, handled at the instant it was seen, with what its verdict stored. */
function breach(account: TradingAccount, equity: string, when: Date): TradingAccountBreachDetected['payload'] {
  unwrap(account.evaluateEquity({ balance: d(100_000), equity: d(equity), at: when, tick: null }));
  const detected = account.pullEvents().find((event): event is TradingAccountBreachDetected => event.type === 'TradingAccountBreachDetected')!;
  unwrap(account.markBreached(null, when));
  return detected.payload;
}

/** The breach_verdicts row the previous code stored. */
const verdictRow = (id: string, challengeId: string, login: string, owner: { phase: number; attempt: number }, payload: TradingAccountBreachDetected['payload']) => ({
  id,
  challenge_id: challengeId,
  login,
  phase: owner.phase,
  attempt: owner.attempt,
  rule: payload.breach.rule,
  breached_at: new Date(payload.breach.at),
  breach: json(payload.breach),
  inputs: json(payload.inputs),
  input_hash: payload.breach.inputHash,
  recorded_at: new Date(new Date(payload.breach.at).getTime() + 1000),
});

/** The platform_deals row the previous code wrote: keyed by challenge, phase and attempt only. */
function previousDealRow(login: string, dealId: string, owner: PhaseOwner, time: Date) {
  const { owner_kind: _kind, owner_id: _id, competition_id: _competition, ...row } = accountDealMapper.toRow(aRecordedDeal(login, dealId, owner, { time }));
  return row;
}

async function columnOf(knex: Knex, table: string, column: string): Promise<{ is_nullable: string } | undefined> {
  return (await knex('information_schema.columns').where({ table_name: table, column_name: column }).first('is_nullable')) as { is_nullable: string } | undefined;
}

const count = async (knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> =>
  Number((await knex(table).where(where).count({ n: '*' }))[0]!.n);

describeEachDatabase('migrations 0017 and 0018: challenges move onto their trading accounts, deals onto their owners', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);
  const inScope = <T>(work: (tx: TransactionScope) => Promise<T>) => uow().run(work);
  /** Rolls back what 0017 and 0018 did, the latest first. */
  const downToPrevious = async () => {
    for (const name of [...MOVED].reverse()) {
      await ctx.db.knex.migrate.down({ migrationSource: new ListedMigrationSource(), name });
    }
  };
  const fixtures: Record<'active' | 'nextPhase' | 'failed' | 'overridden' | 'reset', Fixture> = {} as never;
  let failedPayload: TradingAccountBreachDetected['payload'];
  let resetFirstPayload: TradingAccountBreachDetected['payload'];
  let overriddenCleared: TradingAccountOverrideData;
  let fundedPayload: TradingAccountBreachDetected['payload'];

  beforeAll(async () => {
    const knex = ctx.db.knex;
    await downToPrevious();
    expect(await columnOf(knex, 'challenges', 'breach')).toBeUndefined();
    expect(await columnOf(knex, 'platform_deals', 'owner_kind')).toBeUndefined();
    expect(await columnOf(knex, 'platform_deals', 'challenge_id')).toEqual({ is_nullable: 'NO' });

    // Active on phase 1, a position open after a deal.
    {
      const challenge = anActiveChallenge({ id: 'mc-active', traderId: TRADER, rules, at: monday, account: '9101' });
      const account = risk('9101', phase('mc-active', 1), monday);
      const dealAt = at('2026-11-02T15:30:00Z');
      unwrap(account.recordDeal({ dealId: 'a1', positionId: 'pa', action: 'open', at: dealAt, balance: d('99999.93'), equity: d('99871.27') }));
      unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { at: dealAt, balance: d('99999.93') })));
      fixtures.active = keptBefore(challenge, account);
    }
    // Passed phase 1 on 9201 (five trading days, the target met, nothing open) and trading phase 2 on 9202.
    {
      const challenge = anActiveChallenge({ id: 'mc-next', traderId: TRADER, rules, at: monday, account: '9201' });
      for (let day = 0; day < 5; day++) {
        const dealAt = new Date(monday.getTime() + day * 86_400_000);
        unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { at: dealAt, balance: d('100000') })));
      }
      const closeAt = at('2026-11-06T16:00:00Z');
      expect(unwrap(challenge.recordTradingActivity(tradingActivityOf(challenge, { action: 'close', at: closeAt, balance: d('108500.55'), openPositions: 0 }))).passed).toBe(true);
      const phaseTwoAt = at('2026-11-09T15:00:00Z');
      unwrap(challenge.startNextPhase('9202', phaseTwoAt));
      fixtures.nextPhase = keptBefore(challenge, risk('9202', phase('mc-next', 2), phaseTwoAt));
    }
    // Failed on a daily-loss breach, its verdict kept.
    {
      const challenge = anActiveChallenge({ id: 'mc-failed', traderId: TRADER, rules, at: monday, account: '9301' });
      const account = risk('9301', phase('mc-failed', 1), monday);
      const when = at('2026-11-02T16:00:00Z');
      failedPayload = breach(account, '94999.99', when);
      unwrap(challenge.failOnBreach(breachFromData(failedPayload.breach), when, '9301'));
      fixtures.failed = keptBefore(challenge, account);
    }
    // Failed, then reinstated by an admin: it trades again, the figures it resumed from in the audit log.
    {
      const challenge = anActiveChallenge({ id: 'mc-overridden', traderId: TRADER, rules, at: monday, account: '9401' });
      const account = risk('9401', phase('mc-overridden', 1), monday);
      const when = at('2026-11-02T17:00:00Z');
      const payload = breach(account, '89999.00', when);
      unwrap(challenge.failOnBreach(breachFromData(payload.breach), when, '9401'));
      overriddenCleared = unwrap(
        account.overrideBreach({ adminId: 'mc-admin', reason: 'a bad quote', at: at('2026-11-02T18:00:00Z'), balance: d('99800.00'), equity: d('99750.00') }),
      );
      unwrap(challenge.reinstateAfterOverride({ adminId: 'mc-admin', reason: 'a bad quote', at: overriddenCleared.at, original: payload.breach, account: '9401' }));
      fixtures.overridden = keptBefore(challenge, account);
    }
    // Failed on its first account, reset onto a second: attempt 2 trades on 9502.
    {
      const challenge = anActiveChallenge({ id: 'mc-reset', traderId: TRADER, rules, at: monday, account: '9501' });
      const first = risk('9501', phase('mc-reset', 1), monday);
      const when = at('2026-11-02T19:00:00Z');
      resetFirstPayload = breach(first, '94500.00', when);
      unwrap(challenge.failOnBreach(breachFromData(resetFirstPayload.breach), when, '9501'));
      const resetAt = at('2026-11-03T15:00:00Z');
      unwrap(challenge.reset({ account: '9502', paid: challenge.resetPrice(), at: resetAt }));
      fixtures.reset = keptBefore(challenge, risk('9502', phase('mc-reset', 1, 2), resetAt));
    }

    await inScope(async (tx) => {
      await tx.users.save(aUser({ id: TRADER, email: 'mc-trader@example.com', at: monday }));
      // Funded accounts moved already (0016): their trading accounts, a verdict and a day start stay as they are.
      await tx.tradingAccounts.save(risk('9601', { kind: 'funded_account', id: 'mc-funded-1' }, monday));
      const breached = risk('9602', { kind: 'funded_account', id: 'mc-funded-2' }, monday);
      fundedPayload = breach(breached, '94000.00', at('2026-11-02T20:00:00Z'));
      await tx.tradingAccounts.save(breached);
      await tx.tradingAccountVerdicts.add({
        id: 'mc-fv1',
        login: '9602',
        owner: breached.owner,
        breach: fundedPayload.breach,
        inputs: fundedPayload.inputs,
        inputHash: fundedPayload.breach.inputHash,
        recordedAt: at('2026-11-02T20:00:01Z'),
      });
      expect(await tx.tradingDayStarts.snapshot('2026-11-03', at('2026-11-02T22:00:00Z'))).toBe(1);
      await tx.accountEquity.update('9101', { balance: d('99999.93'), equity: d('99871.27'), at: at('2026-11-02T15:30:00Z'), ledger: { balance: d('99999.93'), lastDealId: 'a1' } });
    });

    // What the previous code wrote for the challenges.
    for (const fixture of Object.values(fixtures)) {
      await knex('challenges').insert(previousRow(fixture));
      await knex('challenge_accounts').insert(challengeAccounts(fixture.challenge.toState()));
    }
    // Awaiting payment, never activated: no trading account to move.
    const pending = aChallenge({ id: 'mc-pending', traderId: TRADER, rules, at: monday });
    await knex('challenges').insert({ ...previousRow({ challenge: pending, risk: fixtures.active.risk }), drawdown: null });
    await knex('audit_log').insert({
      at: overriddenCleared.at,
      actor_id: 'mc-admin',
      actor_role: 'admin',
      action: 'challenge.breach_overridden',
      subject_type: 'challenge',
      subject_id: 'mc-overridden',
      details: json({ reason: 'a bad quote', account: '9401', dayStartBalance: overriddenCleared.balance, dayStartEquity: overriddenCleared.equity }),
    });
    await knex('breach_verdicts').insert([
      verdictRow('mc-v1', 'mc-failed', '9301', { phase: 1, attempt: 1 }, failedPayload),
      verdictRow('mc-v2', 'mc-reset', '9501', { phase: 1, attempt: 1 }, resetFirstPayload),
    ]);
    await knex('day_start_snapshots').insert([
      { login: '9101', trading_day: '2026-11-03', challenge_id: 'mc-active', balance: '99999.93', equity: '99871.27', taken_at: at('2026-11-02T22:00:00Z') },
      { login: '9401', trading_day: '2026-11-03', challenge_id: 'mc-overridden', balance: '99800.00', equity: '99750.00', taken_at: at('2026-11-02T22:00:00Z') },
      { login: '9401', trading_day: '2026-11-02', challenge_id: 'mc-overridden', balance: '100000.00', equity: '100000.00', taken_at: at('2026-11-01T22:00:00Z') },
    ]);
    await knex('platform_deals').insert([
      previousDealRow('9101', 'a1', phase('mc-active', 1), at('2026-11-02T15:30:00Z')),
      previousDealRow('9201', 'n1', phase('mc-next', 1), at('2026-11-02T15:00:00Z')),
      previousDealRow('9201', 'n2', phase('mc-next', 1), at('2026-11-06T16:00:00Z')),
      previousDealRow('9202', 'n3', phase('mc-next', 2), at('2026-11-09T15:30:00Z')),
    ]);
  });

  it('moves every challenge account, verdict, day start and deal, and finds every figure again', async () => {
    const knex = ctx.db.knex;
    expect(await migrateToLatest(knex)).toEqual(MOVED);

    // Each challenge reads back as it was, its breach and last balance in their own columns now.
    for (const fixture of Object.values(fixtures)) {
      const loaded = (await inScope((tx) => tx.challenges.findById(fixture.challenge.id)))!;
      expect(loaded.toState()).toEqual({ ...fixture.challenge.toState(), version: 1 });
    }
    expect(await knex('challenges').where({ id: 'mc-active' }).first('last_balance', 'breach')).toEqual({ last_balance: '99999.93', breach: null });
    const failed = (await inScope((tx) => tx.challenges.findById('mc-failed')))!;
    expect(failed.status).toBe('failed');
    expect(breachToData(failed.breach!)).toEqual(failedPayload.breach);
    expect(failedPayload.breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99' });
    expect((await inScope((tx) => tx.challenges.findById('mc-pending')))!.toState()).toMatchObject({ status: 'pending_payment', breach: null, lastBalance: null });

    // Each current account carries the challenge's risk state as it was, to the cent.
    for (const fixture of Object.values(fixtures)) {
      const moved = (await inScope((tx) => tx.tradingAccounts.find(fixture.risk.login)))!;
      const { updatedAt: _expectedAt, ...expected } = fixture.risk.toState();
      const { updatedAt, ...found } = moved.toState();
      expect(found).toEqual({ ...expected, version: 1 });
      expect(updatedAt).toEqual(fixture.challenge.toState().updatedAt);
    }
    const active = (await inScope((tx) => tx.tradingAccounts.find('9101')))!;
    expect(active.openPositions).toEqual(['pa']);
    expect([active.drawdown.lastBalance.toFixed(2), active.drawdown.lastEquity.toFixed(2)]).toEqual(['99999.93', '99871.27']);
    const overridden = (await inScope((tx) => tx.tradingAccounts.find('9401')))!;
    expect(overridden.status).toBe('active');
    expect(overridden.overrides).toEqual([overriddenCleared]);
    expect(overriddenCleared).toMatchObject({ previousStatus: 'breached', balance: '99800', equity: '99750' });

    // Earlier accounts: the passed phase 1 closed on its final balance; the first attempt ended on its breach.
    const passed = (await inScope((tx) => tx.tradingAccounts.find('9201')))!;
    expect(passed.owner).toEqual(phase('mc-next', 1));
    expect(passed.toState()).toMatchObject({ status: 'closed', closeCause: 'phase_passed', closedAt: at('2026-11-06T16:00:00Z') });
    expect(passed.drawdown.lastBalance.toFixed(2)).toBe('108500.55');
    const firstAttempt = (await inScope((tx) => tx.tradingAccounts.find('9501')))!;
    expect(firstAttempt.owner).toEqual(phase('mc-reset', 1, 1));
    expect(firstAttempt.status).toBe('breached');
    expect(breachToData(firstAttempt.breach!)).toEqual(resetFirstPayload.breach);
    expect((await inScope((tx) => tx.tradingAccounts.listByOwner({ kind: 'challenge_phase', id: 'mc-reset' }))).map((a) => a.login)).toEqual(['9501', '9502']);
    expect(await inScope((tx) => tx.tradingAccounts.listByOwner({ kind: 'challenge_phase', id: 'mc-pending' }))).toEqual([]);
    expect(await count(knex, 'trading_accounts', { owner_kind: 'challenge_phase' })).toBe(await count(knex, 'challenge_accounts'));
    expect(await count(knex, 'trading_accounts', { owner_kind: 'challenge_phase' })).toBe(7);

    // Verdicts under the accounts' owners and logins; the funded one as it was.
    expect(await inScope((tx) => tx.tradingAccountVerdicts.listByOwner({ kind: 'challenge_phase', id: 'mc-failed' }))).toEqual([
      { id: 'mc-v1', login: '9301', owner: phase('mc-failed', 1), breach: failedPayload.breach, inputs: failedPayload.inputs, inputHash: failedPayload.breach.inputHash, recordedAt: at('2026-11-02T16:00:01Z') },
    ]);
    expect((await inScope((tx) => tx.tradingAccountVerdicts.listByLogin('9501'))).map((v) => [v.id, v.owner])).toEqual([['mc-v2', phase('mc-reset', 1, 1)]]);
    expect((await inScope((tx) => tx.tradingAccountVerdicts.listByLogin('9602'))).map((v) => [v.id, v.breach])).toEqual([['mc-fv1', fundedPayload.breach]]);

    // Day starts, the challenges' and the funded account's, to the cent.
    const tuesday = await inScope((tx) => tx.tradingDayStarts.list('2026-11-03', { limit: 100 }));
    expect(tuesday.map((row) => [row.login, row.balance.toFixed(2), row.equity.toFixed(2), row.observedAt])).toEqual([
      ['9101', '99999.93', '99871.27', null],
      ['9401', '99800.00', '99750.00', null],
      ['9601', '100000.00', '100000.00', null],
    ]);
    expect(tuesday.find((row) => row.login === '9101')!.owner).toEqual(phase('mc-active', 1));
    expect((await inScope((tx) => tx.tradingDayStarts.list('2026-11-02', { limit: 100 }))).map((row) => row.login)).toEqual(['9401']);

    // Deals: a challenge's over all its logins, newest first, each under its phase and attempt.
    const deals = await inScope((tx) => tx.accountDeals.listByOwner({ kind: 'challenge_phase', id: 'mc-next' }, { limit: 10 }));
    expect(deals.items.map((deal) => [deal.login, deal.dealId, deal.owner])).toEqual([
      ['9202', 'n3', phase('mc-next', 2)],
      ['9201', 'n2', phase('mc-next', 1)],
      ['9201', 'n1', phase('mc-next', 1)],
    ]);
    expect(deals.items[0]).toEqual(aRecordedDeal('9202', 'n3', phase('mc-next', 2), { time: at('2026-11-09T15:30:00Z') }));
    expect((await inScope((tx) => tx.accountDeals.openVolume('9101', 'p1'))).toFixed()).toBe('1.5');
    expect(await inScope((tx) => tx.accountEquity.find('9101'))).toMatchObject({ lastDealId: 'a1' });

    // The old columns and tables stay, no longer written, until a later migration drops them.
    expect(await columnOf(knex, 'challenges', 'drawdown')).toEqual({ is_nullable: 'YES' });
    expect(await columnOf(knex, 'platform_deals', 'challenge_id')).toEqual({ is_nullable: 'YES' });
    expect(await columnOf(knex, 'platform_deals', 'phase')).toEqual({ is_nullable: 'YES' });
    expect(await count(knex, 'breach_verdicts')).toBe(2);
    expect(await count(knex, 'day_start_snapshots')).toBe(3);
    // A challenge saved now leaves its drawdown alone; a funded account's deal names no challenge.
    await inScope(async (tx) => {
      const loaded = (await tx.challenges.findById('mc-active', { lock: true }))!;
      unwrap(loaded.recordTradingActivity(tradingActivityOf(loaded, { at: at('2026-11-03T15:00:00Z'), balance: d('100100') })));
      await tx.challenges.save(loaded);
      await tx.accountDeals.record(aRecordedDeal('9601', 'f1', { kind: 'funded_account', id: 'mc-funded-1' }));
    });
    expect(await knex('challenges').where({ id: 'mc-active' }).first('last_balance')).toEqual({ last_balance: '100100' });
  });

  it('rolled back, gives the old columns and tables what the trading accounts hold now, and moves again', async () => {
    const knex = ctx.db.knex;
    // Trading after the switch: figures on the active account, a new verdict, a new day start.
    const changed = await inScope(async (tx) => {
      const account = (await tx.tradingAccounts.find('9101', { lock: true }))!;
      unwrap(account.evaluateEquity({ balance: d('100100'), equity: d('100050.5'), at: at('2026-11-03T15:00:00Z'), tick: null }));
      await tx.tradingAccounts.save(account);
      await tx.tradingAccountVerdicts.add({ ...(await tx.tradingAccountVerdicts.listByLogin('9301'))[0]!, id: 'mc-v3', inputHash: 'sha256:later' });
      await tx.tradingDayStarts.snapshot('2026-11-04', at('2026-11-03T22:00:00Z'));
      return account.toState();
    });

    await downToPrevious();
    expect(await columnOf(knex, 'challenges', 'breach')).toBeUndefined();
    expect(await columnOf(knex, 'challenges', 'last_balance')).toBeUndefined();
    expect(await columnOf(knex, 'platform_deals', 'owner_kind')).toBeUndefined();
    expect(await count(knex, 'trading_accounts', { owner_kind: 'challenge_phase' })).toBe(0);
    expect(await count(knex, 'trading_accounts', { owner_kind: 'funded_account' })).toBe(2);
    expect(await count(knex, 'trading_account_verdicts')).toBe(1);
    expect((await knex('challenges').where({ id: 'mc-active' }).first('drawdown')).drawdown).toEqual(changed.drawdown);
    // The failed challenge's drawdown keeps the breach it failed on.
    expect((await knex('challenges').where({ id: 'mc-failed' }).first('drawdown')).drawdown.breach).toEqual(failedPayload.breach);
    expect(await knex('breach_verdicts').orderBy('id').pluck('id')).toEqual(['mc-v1', 'mc-v2', 'mc-v3']);
    expect(await knex('day_start_snapshots').where({ trading_day: '2026-11-04' }).orderBy('login').pluck('login')).toEqual(['9101', '9202', '9401', '9502']);
    // A funded account's deal has no place in the challenge-keyed table.
    expect(await count(knex, 'platform_deals')).toBe(4);

    expect(await migrateToLatest(knex)).toEqual(MOVED);
    expect((await inScope((tx) => tx.tradingAccounts.find('9101')))!.toState().drawdown).toEqual(changed.drawdown);
    expect(await count(knex, 'trading_account_verdicts', { owner_kind: 'challenge_phase' })).toBe(3);
    expect(await count(knex, 'platform_deals', { owner_kind: 'challenge_phase' })).toBe(4);
  });

  it('fails and leaves nothing behind when a figure would be lost, and moves once the cause is gone', async () => {
    const knex = ctx.db.knex;
    await downToPrevious();
    // A day start under a login no challenge traded on would not reach any trading account.
    await knex('day_start_snapshots').insert({
      login: '9399', trading_day: '2026-11-05', challenge_id: 'mc-failed', balance: '1.00', equity: '1.00', taken_at: at('2026-11-04T22:00:00Z'),
    });
    await expect(migrateToLatest(knex)).rejects.toThrow(/0017_challenge_trading_accounts_moved: trading_account_day_starts/);
    expect(await count(knex, 'trading_accounts', { owner_kind: 'challenge_phase' })).toBe(0);
    expect(await count(knex, 'trading_account_day_starts', { login: '9101' })).toBe(0);
    expect(await columnOf(knex, 'challenges', 'breach')).toBeUndefined();
    expect(await columnOf(knex, 'platform_deals', 'owner_kind')).toBeUndefined();
    expect(await count(knex, 'knex_migrations', { name: MOVED[0] })).toBe(0);

    await knex('day_start_snapshots').where({ login: '9399' }).delete();
    expect(await migrateToLatest(knex)).toEqual(MOVED);
    expect(await count(knex, 'trading_accounts', { owner_kind: 'challenge_phase' })).toBe(7);
  });
});
