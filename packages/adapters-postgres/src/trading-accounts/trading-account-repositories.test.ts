import { Decimal } from 'decimal.js';
import { ConcurrencyConflict, type TradingAccountRepositories } from '@tradesense/application';
import {
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  Money,
  RuleSnapshot,
  STELLAR_2STEP,
  TradingAccount,
  unwrap,
  type TradingAccountBreachDetected,
  type TradingAccountOwner,
} from '@tradesense/domain';
import type { Knex } from 'knex';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { PostgresTradingAccountRepository } from './postgres-trading-account-repository.js';

// Monday 2 November 2026, 10:00 New York: trading day 2026-11-02 (the reset is 17:00 New York).
const start = new Date('2026-11-02T15:00:00Z');
const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
const d = (value: string | number) => new Decimal(value);

const PHASE: TradingAccountOwner = { kind: 'challenge_phase', id: 'c-1', phase: 1, attempt: 1 };
const FUNDED: TradingAccountOwner = { kind: 'funded_account', id: 'f-1' };
const ENTRY: TradingAccountOwner = { kind: 'competition_entry', id: 'e-1', competitionId: 'cup-1' };
const RESTRICTED: TradingAccountOwner = { kind: 'challenge_phase', id: 'c-restricted', phase: 1, attempt: 1 };

function opened(login: string, owner: TradingAccountOwner, at = start): TradingAccount {
  const account = unwrap(TradingAccount.open({ login, traderId: 'ta-trader', owner, rules, at }));
  account.pullEvents();
  return account;
}

async function addUser(knex: Knex, id: string): Promise<void> {
  await knex('users')
    .insert({ id, email: `${id}@example.com`, password_hash: 'x', role: 'trader', country: 'DE', created_at: start, password_changed_at: start, version: 1 })
    .onConflict('id')
    .ignore();
}

describeEachDatabase('trading-account repositories', (ctx) => {
  /** One unit of work, as a use case gets it: the trading-account repositories are part of its scope. */
  const inTransaction = <T>(work: (repos: TradingAccountRepositories) => Promise<T>): Promise<T> =>
    new PostgresUnitOfWork(ctx.db.knex).run((scope) => work(scope));

  it('round-trips an account of each kind to the cent, with its breach, override and balance operation', async () => {
    await addUser(ctx.db.knex, 'ta-trader');
    const phase = opened('8001', PHASE);
    unwrap(phase.recordDeal({ dealId: 'd1', positionId: 'p1', action: 'open', at: new Date('2026-11-02T15:30:00Z'), balance: d('99999.93'), equity: d('99990.13') }));
    unwrap(phase.evaluateEquity({ balance: d('99999.93'), equity: d('94999.99'), at: new Date('2026-11-02T16:00:00Z') }));
    unwrap(phase.markBreached(null, new Date('2026-11-02T16:00:01Z')));
    unwrap(
      phase.overrideBreach({ adminId: 'admin-1', reason: 'a bad quote', at: new Date('2026-11-02T16:30:00Z'), balance: d('99500.00'), equity: d('99500.00') }),
    );
    const funded = opened('8002', FUNDED);
    unwrap(funded.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of('-1234.56', 'USD'), at: new Date('2026-11-02T17:00:00Z'), allocation: null }));
    const entry = opened('8003', ENTRY);
    await inTransaction(async (repos) => {
      for (const account of [phase, funded, entry]) await repos.tradingAccounts.save(account);
    });

    for (const account of [phase, funded, entry]) {
      const loaded = await inTransaction((repos) => repos.tradingAccounts.find(account.login));
      expect(loaded!.toState()).toEqual({ ...account.toState(), version: 1 });
    }
    const phaseLoaded = (await inTransaction((repos) => repos.tradingAccounts.find('8001')))!;
    expect(phaseLoaded.overrides[0]!.at).toEqual(new Date('2026-11-02T16:30:00Z'));
    expect(phaseLoaded.overrides[0]!.breachedAt).toEqual(new Date('2026-11-02T16:00:01Z'));
    expect(phaseLoaded.overrides[0]!.original.equity).toBe('94999.99');
    const fundedLoaded = (await inTransaction((repos) => repos.tradingAccounts.find('8002')))!;
    expect(fundedLoaded.drawdown.lastBalance.toFixed(2)).toBe('98765.44');
    expect(fundedLoaded.lastBalanceOperationAt).toEqual(new Date('2026-11-02T17:00:00Z'));
    expect(await ctx.db.knex('trading_accounts').where({ login: '8001' }).first()).toMatchObject({
      owner_kind: 'challenge_phase',
      owner_id: 'c-1',
      status: 'active',
      model_id: STELLAR_2STEP.id,
      currency: 'USD',
    });
    expect(await inTransaction((repos) => repos.tradingAccounts.find('9999'))).toBeNull();
  });

  it('bumps the version per save and fails a stale write with a typed conflict, changing nothing', async () => {
    await inTransaction(async (repos) => {
      const loaded = (await repos.tradingAccounts.find('8003', { lock: true }))!;
      unwrap(loaded.evaluateEquity({ balance: d(100000), equity: d('99000.00'), at: new Date('2026-11-02T18:00:00Z') }));
      await repos.tradingAccounts.save(loaded);
    });
    expect(await ctx.db.knex('trading_accounts').where({ login: '8003' }).first()).toMatchObject({ version: 2 });
    const stale = TradingAccount.restore((await inTransaction((repos) => repos.tradingAccounts.find('8003')))!.toState());
    unwrap(stale.close('entry disqualified', new Date('2026-11-02T19:00:00Z')));
    const versions = new VersionTracker();
    versions.loaded(stale, 1);
    await expect(ctx.db.knex.transaction((trx) => new PostgresTradingAccountRepository(trx, versions).save(stale))).rejects.toBeInstanceOf(
      ConcurrencyConflict,
    );
    expect(await ctx.db.knex('trading_accounts').where({ login: '8003' }).first()).toMatchObject({ version: 2, status: 'active' });
  });

  it('lists an owner’s accounts oldest first and the active accounts a page at a time', async () => {
    const second = opened('8004', { ...PHASE, phase: 2 }, new Date('2026-11-03T15:00:00Z'));
    const closed = opened('8005', { ...PHASE, attempt: 2 }, new Date('2026-11-04T15:00:00Z'));
    unwrap(closed.close('phase passed', new Date('2026-11-04T16:00:00Z')));
    await inTransaction(async (repos) => {
      await repos.tradingAccounts.save(second);
      await repos.tradingAccounts.save(closed);
    });
    const owned = await inTransaction((repos) => repos.tradingAccounts.listByOwner({ kind: 'challenge_phase', id: 'c-1' }));
    expect(owned.map((account) => account.login)).toEqual(['8001', '8004', '8005']);
    expect(await inTransaction((repos) => repos.tradingAccounts.listByOwner({ kind: 'funded_account', id: 'c-1' }))).toEqual([]);
    const first = await inTransaction((repos) => repos.tradingAccounts.listActive({ limit: 2 }));
    const rest = await inTransaction((repos) => repos.tradingAccounts.listActive({ after: first.at(-1)!.login, limit: 10 }));
    expect([...first, ...rest].map((account) => account.login)).toEqual(['8001', '8002', '8003', '8004']);
  });

  it('snapshots every active account once per trading day: observed figures where known, else its own last figures', async () => {
    // Ended on its breach: no day start, and its breach record stays to the cent.
    const breached = opened('8007', { kind: 'funded_account', id: 'f-3' });
    unwrap(breached.evaluateEquity({ balance: d(100000), equity: d('89999.99'), at: new Date('2026-11-02T16:00:00Z') }));
    unwrap(breached.markBreached(null, new Date('2026-11-02T16:00:05Z')));
    await inTransaction((repos) => repos.tradingAccounts.save(breached));
    const loaded = (await inTransaction((repos) => repos.tradingAccounts.find('8007')))!;
    expect(loaded.toState()).toEqual({ ...breached.toState(), version: 1 });
    expect(loaded.toState().drawdown.breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '89999.99' });
    await ctx.db.knex('account_equity').insert({
      login: '8002',
      balance: '98765.44',
      equity: '98700.01',
      updated_at: new Date('2026-11-02T21:00:00Z'),
      ledger_balance: '98765.44',
      last_deal_id: null,
    });
    const reset = new Date('2026-11-02T22:00:00Z');
    const written = await inTransaction((repos) => repos.tradingDayStarts.snapshot('2026-11-03', reset));
    expect(written).toBe(4);
    expect(await inTransaction((repos) => repos.tradingDayStarts.snapshot('2026-11-03', reset))).toBe(0);
    const page = await inTransaction((repos) => repos.tradingDayStarts.list('2026-11-03', { limit: 3 }));
    const next = await inTransaction((repos) => repos.tradingDayStarts.list('2026-11-03', { after: page.at(-1)!.login, limit: 3 }));
    const all = [...page, ...next];
    expect(all.map((row) => row.login)).toEqual(['8001', '8002', '8003', '8004']);
    const funded = all.find((row) => row.login === '8002')!;
    expect(funded).toMatchObject({ owner: FUNDED, tradingDay: '2026-11-03', observedAt: new Date('2026-11-02T21:00:00Z'), takenAt: reset });
    expect([funded.balance.toFixed(2), funded.equity.toFixed(2)]).toEqual(['98765.44', '98700.01']);
    const entry = all.find((row) => row.login === '8003')!;
    expect(entry).toMatchObject({ owner: ENTRY, observedAt: null });
    expect([entry.balance.toFixed(2), entry.equity.toFixed(2)]).toEqual(['100000.00', '99000.00']);
  });

  it('stores a verdict once per login and inputs, and lists it by login and by owner, newest first', async () => {
    const account = opened('8006', { kind: 'funded_account', id: 'f-2' });
    unwrap(account.evaluateEquity({ balance: d(100000), equity: d('94999.00'), at: new Date('2026-11-02T16:00:00Z') }));
    const detected = account.pullEvents().find((event): event is TradingAccountBreachDetected => event.type === 'TradingAccountBreachDetected')!;
    await inTransaction((repos) => repos.tradingAccounts.save(account));
    const verdict = {
      id: 'v-1',
      login: '8006',
      owner: account.owner,
      breach: detected.payload.breach,
      inputs: detected.payload.inputs,
      inputHash: detected.payload.breach.inputHash,
      recordedAt: new Date('2026-11-02T16:00:02Z'),
    };
    expect(await inTransaction((repos) => repos.tradingAccountVerdicts.add(verdict))).toBe(true);
    expect(await inTransaction((repos) => repos.tradingAccountVerdicts.add({ ...verdict, id: 'v-2' }))).toBe(false);
    expect(await inTransaction((repos) => repos.tradingAccountVerdicts.listByLogin('8006'))).toEqual([verdict]);
    expect(await inTransaction((repos) => repos.tradingAccountVerdicts.listByOwner({ kind: 'funded_account', id: 'f-2' }))).toEqual([verdict]);
    expect(await inTransaction((repos) => repos.tradingAccountVerdicts.listByOwner({ kind: 'challenge_phase', id: 'f-2' }))).toEqual([]);
  });
  it('keeps what the restrictions remember between deals: positions with class and lots, the day\'s openings, violations', async () => {
    await addUser(ctx.db.knex, 'ta-trader');
    const data = rules.toJSON();
    const limited = unwrap(
      RuleSnapshot.fromJSON({ ...data, parameters: { ...data.parameters, restrictions: { ...data.parameters.restrictions, maxTradesPerDay: 1 } } }),
    );
    const account = unwrap(TradingAccount.open({ login: '8009', traderId: 'ta-trader', owner: RESTRICTED, rules: limited, at: start }));
    const open = (n: number) =>
      unwrap(
        account.recordDeal({
          dealId: `r${n}`,
          positionId: `rp${n}`,
          action: 'open',
          at: new Date(start.getTime() + n * 60_000),
          balance: d(100000),
          equity: d(100000),
          symbol: 'EURUSD',
          assetClass: 'forex',
          volume: d('0.50'),
        }),
      );
    open(1);
    open(2);
    expect(account.violations.map((kept) => kept.violation.id)).toEqual(['max_trades_per_day:r2']);
    await inTransaction((repos) => repos.tradingAccounts.save(account));
    const loaded = (await inTransaction((repos) => repos.tradingAccounts.find('8009')))!;
    expect(loaded.toState()).toEqual({ ...account.toState(), version: 1 });
    expect(loaded.toState().restrictionBook?.tradesToday).toEqual({ tradingDay: '2026-11-02', count: 2 });
    expect(loaded.violations.map((kept) => [kept.violation.id, kept.inputHash])).toEqual(account.violations.map((kept) => [kept.violation.id, kept.inputHash]));
    // An account no restriction judged stores none (its state is what it was before restrictions).
    const plain = opened('8010', RESTRICTED);
    await inTransaction((repos) => repos.tradingAccounts.save(plain));
    expect((await ctx.db.knex('trading_accounts').where({ login: '8010' }).first()).restriction_book).toBeNull();
  });
});
