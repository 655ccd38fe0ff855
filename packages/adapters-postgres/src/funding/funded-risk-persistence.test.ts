import { Decimal } from 'decimal.js';
import type { TransactionScope } from '@tradesense/application';
import { AgreementSignature, AgreementVersion, FundedAccount, ProhibitedCountries, breachToData, unwrap } from '@tradesense/domain';
import { aBreachRecord, aChallenge, aFundedAccount, aKycCase, aTradingAccount, aUser, stellarTwoStepRules } from '@tradesense/domain/testing';
import { expect, it } from 'vitest';
import { ListedMigrationSource, migrateToLatest } from '../migrations/index.js';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

// Monday 2 March 2026, 10:00 New York: trading day 2026-03-02.
const at = new Date('2026-03-02T15:00:00Z');

/**
 * A trader, a passed challenge, approved KYC, a signature, and the funded
 * account made from them (not stored) with its trading account (stored, as
 * activation does: it carries the account's risk).
 */
async function fundedAccount(tx: TransactionScope, suffix: string): Promise<FundedAccount> {
  const traderId = `risk-trader-${suffix}`;
  await tx.users.save(aUser({ id: traderId, email: `risk-${suffix}@example.com`, at }));
  const challenge = aChallenge({ id: `risk-challenge-${suffix}`, traderId, rules: stellarTwoStepRules('100000'), at });
  await tx.challenges.save(challenge);
  const kyc = aKycCase({ id: `risk-kyc-${suffix}`, traderId, at });
  unwrap(kyc.startVerification({ applicantId: `manual:risk-kyc-${suffix}`, actor: traderId, at }));
  unwrap(kyc.approve({ actor: 'admin', at, prohibitedCountries: ProhibitedCountries.default() }));
  await tx.kycCases.save(kyc);
  let version = await tx.agreementVersions.find('funded_trader', 'risk-1');
  if (!version) {
    version = unwrap(AgreementVersion.publish({ agreementId: 'funded_trader', version: 'risk-1', text: 'Wording.', at: new Date('2000-01-01T00:00:00Z') }));
    await tx.agreementVersions.publish(version);
  }
  const signature = unwrap(
    AgreementSignature.sign({
      id: `risk-sig-${suffix}`,
      traderId,
      agreement: version,
      presentedTextHash: version.textHash,
      typedName: 'Ana Trader',
      ipAddress: '203.0.113.7',
      userAgent: 'vitest',
      at,
    }),
  );
  await tx.agreementSignatures.add(signature, new Uint8Array([37, 80, 68, 70]));
  const funded = aFundedAccount({
    id: `risk-funded-${suffix}`,
    traderId,
    challengeId: challenge.id,
    tradingAccountId: `risk-login-${suffix}`,
    kyc: { id: kyc.id, traderId, status: 'approved', country: 'DE' },
    agreement: signature,
    at,
  });
  await tx.tradingAccounts.save(aTradingAccount({ login: funded.login, traderId, owner: { kind: 'funded_account', id: funded.id }, rules: stellarTwoStepRules('100000'), at }));
  return funded;
}

describeEachDatabase('funded accounts and the breach they ended on', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('round-trips the record of the breach an account ended on, keeps it through a reinstatement as the override, and finds the account by its login', async () => {
    const record = breachToData(aBreachRecord({ equity: new Decimal('94999.99'), at: new Date('2026-03-02T16:00:00Z'), tradingDay: '2026-03-02' }));
    const ended = await uow().run(async (tx) => {
      const account = await fundedAccount(tx, 'a');
      unwrap(account.endOnBreach(record, new Date('2026-03-02T16:00:05Z')));
      await tx.fundedAccounts.save(account);
      return account;
    });
    const loaded = (await uow().run((tx) => tx.fundedAccounts.findByLogin('risk-login-a', { lock: true })))!;
    expect({ ...loaded.toState(), version: 0 }).toEqual({ ...ended.toState(), version: 0 });
    expect(loaded.breachRecord).toEqual(record);
    expect(loaded.breachRecord).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99' });
    expect(await ctx.db.knex('funded_accounts').where({ id: ended.id }).first('breach', 'breach_record')).toEqual({
      breach: { cause: 'breach:daily_loss', at: '2026-03-02T16:00:05.000Z' },
      breach_record: record,
    });
    expect(await uow().run((tx) => tx.fundedAccounts.findByLogin('risk-login-none'))).toBeNull();

    const override = { adminId: 'admin-1', reason: 'a bad quote', at: new Date('2026-03-02T17:00:00Z'), breachedAt: new Date('2026-03-02T16:00:05Z'), original: record, balance: '99500', equity: '99500' };
    await uow().run(async (tx) => {
      const account = (await tx.fundedAccounts.findById(ended.id, { lock: true }))!;
      unwrap(account.reinstate(override));
      await tx.fundedAccounts.save(account);
    });
    const reinstated = (await uow().run((tx) => tx.fundedAccounts.findById(ended.id)))!;
    expect(reinstated.toState()).toMatchObject({ status: 'active', breach: null, breachOverrides: [override], version: 2 });
    expect(reinstated.breachRecord).toBeNull();
    expect(await ctx.db.knex('funded_accounts').where({ id: ended.id }).first('breach_record')).toEqual({ breach_record: null });
  });

  it('an account funded before the breach engine reaches its trading account with its challenge rules at its allocation and a drawdown from its balance', async () => {
    const account = await uow().run(async (tx) => {
      const funded = await fundedAccount(tx, 'd');
      await tx.fundedAccounts.save(funded);
      return funded;
    });
    const knex = ctx.db.knex;
    // Back to before the engine: 0016 then 0007 undone (0016 first, as it builds on 0007's columns).
    await knex.migrate.down({ migrationSource: new ListedMigrationSource(), name: '0016_funded_trading_accounts_moved' });
    await knex.migrate.down({ migrationSource: new ListedMigrationSource(), name: '0007_funded_risk' });
    // What such an account looks like: scaled to 140,000 and trading at 141,000.
    await knex('funded_accounts').where({ id: account.id }).update({ initial_balance: '140000.00', balance: '141000.00' });
    expect(await migrateToLatest(knex)).toEqual(['0007_funded_risk', '0016_funded_trading_accounts_moved']);

    const migrated = (await uow().run((tx) => tx.tradingAccounts.find('risk-login-d')))!;
    expect(migrated.owner).toEqual({ kind: 'funded_account', id: account.id });
    expect(migrated.status).toBe('active');
    expect(migrated.rules.initialBalance.amount.toFixed(2)).toBe('140000.00');
    expect(migrated.rules.modelId).toBe('stellar_2step');
    expect(migrated.drawdown).toMatchObject({ tradingDay: '2026-03-02', warningsSent: [], breach: null });
    expect(migrated.drawdown.initialBalance.toFixed(2)).toBe('140000.00');
    expect(migrated.drawdown.dayStartBalance.toFixed(2)).toBe('141000.00');
    expect(migrated.drawdown.highestEquity.toFixed(2)).toBe('141000.00');
    // 5% of 140,000 below the day start; 10% of 140,000 below the allocation.
    expect(migrated.floors.dailyLoss.floor.toFixed(2)).toBe('134000.00');
    expect(migrated.floors.maxLoss.floor.toFixed(2)).toBe('126000.00');
  });
});
