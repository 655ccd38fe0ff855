import { Decimal } from 'decimal.js';
import type { TransactionScope } from '@tradesense/application';
import {
  AgreementSignature,
  AgreementVersion,
  FundedAccount,
  Money,
  ProhibitedCountries,
  breachToData,
  unwrap,
  type FundedAccountState,
  type TradingAccount,
  type TradingAccountBreachDetected,
  type TradingAccountOwner,
} from '@tradesense/domain';
import { aChallenge, aFundedAccount, aKycCase, aTradingAccount, aUser, anActiveChallenge, stellarTwoStepRules } from '@tradesense/domain/testing';
import type { Knex } from 'knex';
import { beforeAll, expect, it } from 'vitest';
import { fundedAccountMapper } from '../funding/funded-account-mapper.js';
import { json } from '../funding/column-values.js';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { ListedMigrationSource, migrateToLatest } from './index.js';

const MIGRATION = '0016_funded_trading_accounts_moved';
// Monday 2 November 2026, 10:00 New York: trading day 2026-11-02 (the reset is 17:00 New York, 22:00 UTC).
const monday = new Date('2026-11-02T15:00:00Z');
const hour = (iso: string) => new Date(iso);
const d = (value: string | number) => new Decimal(value);
const rules = stellarTwoStepRules('100000');
const TRADER = 'mf-trader';

/** One funded account as the previous schema knew it: the account and its risk, which its trading account now holds. */
interface Fixture {
  readonly funded: FundedAccount;
  readonly risk: TradingAccount;
}

/** The trader's KYC case, approved (a trader has one, whatever the number of funded accounts). */
const KYC = 'mf-kyc';

/** What a funded account refers to: its passed challenge and a signature. */
async function fundingOf(tx: TransactionScope, n: number, version: AgreementVersion): Promise<{ challengeId: string; kycId: string; signature: AgreementSignature }> {
  const challengeId = `mf-challenge-${n}`;
  await tx.challenges.save(aChallenge({ id: challengeId, traderId: TRADER, rules, at: monday }));
  const signature = unwrap(
    AgreementSignature.sign({
      id: `mf-sig-${n}`,
      traderId: TRADER,
      agreement: version,
      presentedTextHash: version.textHash,
      typedName: 'Mo Trader',
      ipAddress: '203.0.113.9',
      userAgent: 'vitest',
      at: monday,
    }),
  );
  await tx.agreementSignatures.add(signature, new Uint8Array([37, 80, 68, 70]));
  return { challengeId, kycId: KYC, signature };
}

/** A funded account on `login` and its trading account, opened at `monday`. */
async function opened(tx: TransactionScope, n: number, login: string, version: AgreementVersion): Promise<Fixture> {
  const { challengeId, kycId, signature } = await fundingOf(tx, n, version);
  const funded = aFundedAccount({
    id: `mf-funded-${n}`,
    traderId: TRADER,
    challengeId,
    tradingAccountId: login,
    kyc: { id: kycId, traderId: TRADER, status: 'approved', country: 'DE' },
    agreement: signature,
    at: monday,
  });
  const risk = aTradingAccount({ login, traderId: TRADER, owner: { kind: 'funded_account', id: funded.id }, rules, at: monday });
  return { funded, risk };
}

/** The funded_accounts row the previous code wrote: the same columns, the risk in rules/drawdown/last_balance_operation_at, no breach_record. */
function previousRow(funded: FundedAccountState, risk: TradingAccount): Record<string, unknown> {
  const { breach_record: _notYet, ...row } = fundedAccountMapper.toRow(funded);
  const state = risk.toState();
  return {
    id: funded.id,
    ...row,
    rules: json(state.rules),
    drawdown: json(state.drawdown),
    last_balance_operation_at: state.lastBalanceOperationAt,
    version: 1,
  };
}

/** A breach on the trading account, with the verdict row the previous code stored for it. */
function breach(risk: TradingAccount, equity: string, at: Date) {
  unwrap(risk.evaluateEquity({ balance: d(100_000), equity: d(equity), at, tick: null }));
  const detected = risk.pullEvents().find((event): event is TradingAccountBreachDetected => event.type === 'TradingAccountBreachDetected')!;
  return detected.payload;
}

async function columnOf(knex: Knex, table: string, column: string): Promise<{ is_nullable: string } | undefined> {
  return (await knex('information_schema.columns').where({ table_name: table, column_name: column }).first('is_nullable')) as { is_nullable: string } | undefined;
}

const count = async (knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> =>
  Number((await knex(table).where(where).count({ n: '*' }))[0]!.n);

describeEachDatabase('migration 0016: funded accounts move onto their trading accounts', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);
  const down = () => ctx.db.knex.migrate.down({ migrationSource: new ListedMigrationSource(), name: MIGRATION });
  const owner = (fixture: Fixture): TradingAccountOwner => ({ kind: 'funded_account', id: fixture.funded.id });
  let active: Fixture;
  let breached: Fixture;
  let overridden: Fixture;
  let scaled: Fixture;
  let ancient: Fixture;
  let breachedPayload: TradingAccountBreachDetected['payload'];
  let overriddenPayload: TradingAccountBreachDetected['payload'];

  beforeAll(async () => {
    // The previous schema: 0016 rolled back (the run's databases start at the latest).
    await down();
    expect(await columnOf(ctx.db.knex, 'funded_accounts', 'breach_record')).toBeUndefined();
    expect(await columnOf(ctx.db.knex, 'funded_accounts', 'drawdown')).toEqual({ is_nullable: 'NO' });

    await uow().run(async (tx) => {
      await tx.users.save(aUser({ id: TRADER, email: 'mf-trader@example.com', at: monday }));
      const version = unwrap(AgreementVersion.publish({ agreementId: 'funded_trader', version: 'mf-1', text: 'Wording.', at: new Date('2000-01-01T00:00:00Z') }));
      await tx.agreementVersions.publish(version);
      const kyc = aKycCase({ id: KYC, traderId: TRADER, at: monday });
      unwrap(kyc.startVerification({ applicantId: `manual:${KYC}`, actor: TRADER, at: monday }));
      unwrap(kyc.approve({ actor: 'admin', at: monday, prohibitedCountries: ProhibitedCountries.default() }));
      await tx.kycCases.save(kyc);

      // Active, a position open, after a payout withdrawal.
      active = await opened(tx, 1, '9301', version);
      unwrap(active.funded.recordPositionOpened({ positionId: 'p7', at: hour('2026-11-02T15:10:00Z') }));
      unwrap(active.risk.evaluateEquity({ balance: d(100_000), equity: d('99871.27'), at: hour('2026-11-02T15:20:00Z'), tick: null }));
      unwrap(
        active.risk.applyBalanceOperation({ cause: 'payout_withdrawal', amount: Money.of('-1234.56'), at: hour('2026-11-02T15:30:00Z'), allocation: null }),
      );

      // Breached: ended on a daily-loss breach, its verdict kept.
      breached = await opened(tx, 2, '9302', version);
      breachedPayload = breach(breached.risk, '94999.99', hour('2026-11-02T16:00:00Z'));
      unwrap(breached.risk.markBreached(null, hour('2026-11-02T16:00:05Z')));
      unwrap(breached.funded.endOnBreach(breachedPayload.breach, hour('2026-11-02T16:00:05Z')));

      // Overridden: breached, then cleared by an admin; it trades again.
      overridden = await opened(tx, 3, '9303', version);
      overriddenPayload = breach(overridden.risk, '89999.00', hour('2026-11-02T17:00:00Z'));
      unwrap(overridden.risk.markBreached(null, hour('2026-11-02T17:00:05Z')));
      unwrap(overridden.funded.endOnBreach(overriddenPayload.breach, hour('2026-11-02T17:00:05Z')));
      const cleared = unwrap(
        overridden.risk.overrideBreach({ adminId: 'mf-admin', reason: 'a bad quote', at: hour('2026-11-02T18:00:00Z'), balance: d('99800.00'), equity: d('99750.00') }),
      );
      const { adminId, reason, at, original, balance, equity } = cleared;
      unwrap(overridden.funded.reinstate({ adminId, reason, at, breachedAt: cleared.breachedAt!, original, balance, equity }));

      // Scaled: the allocation grew to 140,000 and the split to 90 %; the floors moved with it.
      const base = await opened(tx, 4, '9304', version);
      const grown = FundedAccount.restore({
        ...base.funded.toState(),
        initialBalance: '140000',
        balance: '140000',
        split: '90',
        scalings: [{ at: hour('2026-11-02T19:00:00Z'), before: '100000', after: '140000', splitBefore: '80', splitAfter: '90' }],
      });
      unwrap(base.risk.applyBalanceOperation({ cause: 'scaling_deposit', amount: Money.of(40_000), at: hour('2026-11-02T19:00:00Z'), allocation: Money.of(140_000) }));
      scaled = { funded: grown, risk: base.risk };

      // Breached before the breach engine watched funded accounts: no record of the breach exists.
      const old = await opened(tx, 5, '9305', version);
      ancient = {
        funded: FundedAccount.restore({ ...old.funded.toState(), status: 'breached', breach: { cause: 'breach:max_loss', at: hour('2026-11-01T12:00:00Z') } }),
        risk: old.risk,
      };

      // A challenge keeps its own tables: 0016 leaves it alone.
      await tx.challenges.save(anActiveChallenge({ id: 'mf-challenge-own', traderId: TRADER, rules, at: monday, account: '9101' }));
    });

    const knex = ctx.db.knex;
    for (const fixture of [active, breached, overridden, scaled, ancient]) {
      await knex('funded_accounts').insert(previousRow(fixture.funded.toState(), fixture.risk));
    }
    const verdict = (fixture: Fixture, id: string, payload: TradingAccountBreachDetected['payload'], recordedAt: Date) => ({
      id,
      funded_account_id: fixture.funded.id,
      login: fixture.risk.login,
      rule: payload.breach.rule,
      breached_at: new Date(payload.breach.at),
      breach: json(payload.breach),
      inputs: json(payload.inputs),
      input_hash: payload.breach.inputHash,
      recorded_at: recordedAt,
    });
    await knex('funded_breach_verdicts').insert([
      verdict(breached, 'mf-v1', breachedPayload, hour('2026-11-02T16:00:01Z')),
      verdict(overridden, 'mf-v2', overriddenPayload, hour('2026-11-02T17:00:01Z')),
    ]);
    await knex('funded_day_start_snapshots').insert([
      // Observed figures, and an account never observed (its own last figures).
      { login: '9301', trading_day: '2026-11-02', funded_account_id: active.funded.id, balance: '100000.00', equity: '100000.00', observed_at: null, taken_at: hour('2026-11-01T22:00:00Z') },
      { login: '9301', trading_day: '2026-11-03', funded_account_id: active.funded.id, balance: '98765.44', equity: '98700.01', observed_at: hour('2026-11-02T21:59:00Z'), taken_at: hour('2026-11-02T22:00:00Z') },
      { login: '9304', trading_day: '2026-11-03', funded_account_id: scaled.funded.id, balance: '140000.00', equity: '140000.00', observed_at: null, taken_at: hour('2026-11-02T22:00:00Z') },
    ]);
    await knex('day_start_snapshots').insert({
      login: '9101', trading_day: '2026-11-03', challenge_id: 'mf-challenge-own', balance: '100000.00', equity: '100000.00', taken_at: hour('2026-11-02T22:00:00Z'),
    });
  });

  it('moves every funded account, verdict and day start, and finds every figure again', async () => {
    const knex = ctx.db.knex;
    const challengeDayStarts = await count(knex, 'day_start_snapshots');
    expect(challengeDayStarts).toBeGreaterThan(0);

    expect(await migrateToLatest(knex)).toEqual([MIGRATION]);

    // Each account's risk, as its trading account, to the cent.
    for (const fixture of [active, breached, overridden, scaled]) {
      const moved = (await uow().run((tx) => tx.tradingAccounts.find(fixture.risk.login)))!;
      const { updatedAt: _at, openPositions: _positions, ...expected } = fixture.risk.toState();
      const { updatedAt, openPositions, ...found } = moved.toState();
      expect(found).toEqual({ ...expected, version: 1 });
      expect(moved.owner).toEqual(owner(fixture));
      expect(openPositions).toEqual(fixture.funded.status === 'active' ? fixture.funded.toState().openPositionIds : []);
      expect(updatedAt.getTime()).toBeGreaterThanOrEqual(monday.getTime());
    }
    const activeMoved = (await uow().run((tx) => tx.tradingAccounts.find('9301')))!;
    expect(activeMoved.status).toBe('active');
    expect(activeMoved.drawdown.lastBalance.toFixed(2)).toBe('98765.44');
    expect(activeMoved.drawdown.lastEquity.toFixed(2)).toBe('98636.71');
    expect(activeMoved.lastBalanceOperationAt).toEqual(hour('2026-11-02T15:30:00Z'));
    expect(activeMoved.openPositions).toEqual(['p7']);
    expect(activeMoved.toState().updatedAt).toEqual(hour('2026-11-02T15:30:00Z'));
    const breachedMoved = (await uow().run((tx) => tx.tradingAccounts.find('9302')))!;
    expect(breachedMoved.toState()).toMatchObject({ status: 'breached', breachedAt: hour('2026-11-02T16:00:05Z') });
    expect(breachToData(breachedMoved.breach!)).toEqual(breachedPayload.breach);
    expect(breachedPayload.breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99' });
    const overriddenMoved = (await uow().run((tx) => tx.tradingAccounts.find('9303')))!;
    expect(overriddenMoved.status).toBe('active');
    expect(overriddenMoved.overrides).toEqual([
      {
        adminId: 'mf-admin',
        reason: 'a bad quote',
        at: hour('2026-11-02T18:00:00Z'),
        previousStatus: 'breached',
        breachedAt: hour('2026-11-02T17:00:05Z'),
        original: overriddenPayload.breach,
        balance: '99800',
        equity: '99750',
      },
    ]);
    const scaledMoved = (await uow().run((tx) => tx.tradingAccounts.find('9304')))!;
    expect(scaledMoved.rules.initialBalance.amount.toFixed(2)).toBe('140000.00');
    expect(scaledMoved.drawdown.lastBalance.toFixed(2)).toBe('140000.00');
    expect(await knex('trading_accounts').where({ login: '9304' }).first()).toMatchObject({ initial_balance: '140000.00', model_id: 'stellar_2step', currency: 'USD' });
    // No record of the old breach: the account ended on it all the same.
    const ancientMoved = (await uow().run((tx) => tx.tradingAccounts.find('9305')))!;
    expect(ancientMoved.toState()).toMatchObject({ status: 'breached', breachedAt: hour('2026-11-01T12:00:00Z') });
    expect(ancientMoved.breach).toBeNull();

    // The funded accounts read back as they were, each ended one with the record of its breach.
    for (const fixture of [active, breached, overridden, scaled, ancient]) {
      const loaded = (await uow().run((tx) => tx.fundedAccounts.findById(fixture.funded.id)))!;
      expect({ ...loaded.toState(), version: 0 }).toEqual({ ...fixture.funded.toState(), version: 0 });
    }
    const breachedFunded = (await uow().run((tx) => tx.fundedAccounts.findByLogin('9302')))!;
    expect(breachedFunded.breachRecord).toEqual(breachedPayload.breach);
    expect((await uow().run((tx) => tx.fundedAccounts.findByLogin('9305')))!.breachRecord).toBeNull();

    // Verdicts, under the accounts' owners and logins.
    const verdicts = await uow().run((tx) => tx.tradingAccountVerdicts.listByOwner(owner(breached)));
    expect(verdicts).toEqual([
      { id: 'mf-v1', login: '9302', owner: owner(breached), breach: breachedPayload.breach, inputs: breachedPayload.inputs, inputHash: breachedPayload.breach.inputHash, recordedAt: hour('2026-11-02T16:00:01Z') },
    ]);
    expect((await uow().run((tx) => tx.tradingAccountVerdicts.listByLogin('9303'))).map((v) => [v.id, v.owner])).toEqual([['mf-v2', owner(overridden)]]);

    // Day starts, observed or not, to the cent.
    const tuesday = await uow().run((tx) => tx.tradingDayStarts.list('2026-11-03', { limit: 100 }));
    const byLogin = new Map(tuesday.map((row) => [row.login, row]));
    expect(byLogin.get('9301')).toMatchObject({ owner: owner(active), observedAt: hour('2026-11-02T21:59:00Z'), takenAt: hour('2026-11-02T22:00:00Z') });
    expect([byLogin.get('9301')!.balance.toFixed(2), byLogin.get('9301')!.equity.toFixed(2)]).toEqual(['98765.44', '98700.01']);
    expect(byLogin.get('9304')).toMatchObject({ owner: owner(scaled), observedAt: null });
    expect(byLogin.get('9304')!.balance.toFixed(2)).toBe('140000.00');
    expect((await uow().run((tx) => tx.tradingDayStarts.list('2026-11-02', { limit: 100 }))).map((row) => row.login)).toEqual(['9301']);

    // Challenges keep their own tables until they move (0017).
    expect(await count(knex, 'trading_accounts', { owner_kind: 'challenge_phase' })).toBe(0);
    expect(await count(knex, 'day_start_snapshots')).toBe(challengeDayStarts);
    expect(await count(knex, 'trading_accounts')).toBe(5);

    // The old columns and tables stay, nullable and no longer written, until a later migration drops them.
    expect(await columnOf(knex, 'funded_accounts', 'drawdown')).toEqual({ is_nullable: 'YES' });
    expect(await columnOf(knex, 'funded_accounts', 'rules')).toEqual({ is_nullable: 'YES' });
    expect(await count(knex, 'funded_breach_verdicts')).toBe(2);
    expect(await count(knex, 'funded_day_start_snapshots')).toBe(3);
    // A funded account opened now is stored without them, its risk on its own trading account.
    await uow().run(async (tx) => {
      const version = (await tx.agreementVersions.find('funded_trader', 'mf-1'))!;
      const fresh = await opened(tx, 6, '9306', version);
      await tx.fundedAccounts.save(fresh.funded);
      await tx.tradingAccounts.save(fresh.risk);
    });
    expect(await knex('funded_accounts').where({ id: 'mf-funded-6' }).first('rules', 'drawdown', 'breach_record')).toEqual({ rules: null, drawdown: null, breach_record: null });
  });

  it('rolled back, gives the old columns and tables what the trading accounts hold now, and moves again', async () => {
    const knex = ctx.db.knex;
    // Trading after the switch: a deposit on the active account, a new verdict, a new day start.
    const changed = await uow().run(async (tx) => {
      const account = (await tx.tradingAccounts.find('9301', { lock: true }))!;
      unwrap(account.applyBalanceOperation({ cause: 'payout_reversal', amount: Money.of('1234.56'), at: hour('2026-11-03T15:00:00Z'), allocation: null }));
      await tx.tradingAccounts.save(account);
      await tx.tradingAccountVerdicts.add({ ...(await tx.tradingAccountVerdicts.listByLogin('9303'))[0]!, id: 'mf-v3', inputHash: 'sha256:later' });
      await tx.tradingDayStarts.snapshot('2026-11-04', hour('2026-11-03T22:00:00Z'));
      return account.toState();
    });

    await down();
    expect(await columnOf(knex, 'funded_accounts', 'breach_record')).toBeUndefined();
    expect(await columnOf(knex, 'funded_accounts', 'drawdown')).toEqual({ is_nullable: 'NO' });
    expect(await count(knex, 'trading_accounts', { owner_kind: 'funded_account' })).toBe(0);
    expect(await count(knex, 'trading_account_verdicts')).toBe(0);
    expect(await count(knex, 'trading_account_day_starts')).toBe(0);
    const row = (await knex('funded_accounts').where({ id: active.funded.id }).first()) as { drawdown: unknown; rules: unknown; last_balance_operation_at: Date };
    expect(row.drawdown).toEqual(changed.drawdown);
    expect(row.rules).toEqual(changed.rules);
    expect(row.last_balance_operation_at).toEqual(hour('2026-11-03T15:00:00Z'));
    // Accounts opened after the switch get their rules back from their trading accounts too.
    expect((await knex('funded_accounts').where({ id: 'mf-funded-6' }).first()).rules).toEqual(rules.toJSON());
    expect((await knex('funded_breach_verdicts').orderBy('id').pluck('id'))).toEqual(['mf-v1', 'mf-v2', 'mf-v3']);
    expect(await count(knex, 'funded_day_start_snapshots', { trading_day: '2026-11-04' })).toBe(4);
    expect(await count(knex, 'funded_day_start_snapshots', { trading_day: '2026-11-03' })).toBe(2);

    expect(await migrateToLatest(knex)).toEqual([MIGRATION]);
    expect(((await uow().run((tx) => tx.tradingAccounts.find('9301')))!).toState().drawdown).toEqual(changed.drawdown);
    expect(await count(knex, 'trading_account_verdicts')).toBe(3);
  });

  it('fails and leaves nothing behind when a figure would be lost, and moves once the cause is gone', async () => {
    const knex = ctx.db.knex;
    await down();
    // A day start under a login no funded account trades on would not reach any trading account.
    await knex('funded_day_start_snapshots').insert({
      login: '9399', trading_day: '2026-11-05', funded_account_id: active.funded.id, balance: '1.00', equity: '1.00', observed_at: null, taken_at: hour('2026-11-04T22:00:00Z'),
    });
    await expect(migrateToLatest(knex)).rejects.toThrow(/0016_funded_trading_accounts_moved: trading_account_day_starts/);
    expect(await count(knex, 'trading_accounts')).toBe(0);
    expect(await count(knex, 'trading_account_day_starts')).toBe(0);
    expect(await columnOf(knex, 'funded_accounts', 'breach_record')).toBeUndefined();
    expect(await count(knex, 'knex_migrations', { name: MIGRATION })).toBe(0);

    await knex('funded_day_start_snapshots').where({ login: '9399' }).delete();
    expect(await migrateToLatest(knex)).toEqual([MIGRATION]);
    expect(await count(knex, 'trading_accounts', { owner_kind: 'funded_account' })).toBe(6);
  });
});
