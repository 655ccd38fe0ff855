import { Decimal } from 'decimal.js';
import type { TransactionScope } from '@tradesense/application';
import {
  AgreementSignature,
  AgreementVersion,
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  FundedAccount,
  KycCase,
  Money,
  Percent,
  ProhibitedCountries,
  RuleSnapshot,
  STELLAR_2STEP,
  User,
  breachToData,
  unwrap,
  verdictInputs,
} from '@tradesense/domain';
import { expect, it } from 'vitest';
import { ListedMigrationSource, migrateToLatest } from '../migrations/index.js';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';

// Monday 2 March 2026, 10:00 New York: trading day 2026-03-02.
const at = new Date('2026-03-02T15:00:00Z');
const d = (value: string | number) => new Decimal(value);
const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));

/** A trader, a passed challenge, approved KYC, a signature and the funded account made from them. */
async function fundedAccount(tx: TransactionScope, suffix: string): Promise<FundedAccount> {
  const traderId = `risk-trader-${suffix}`;
  await tx.users.save(unwrap(User.register({ id: traderId, email: `risk-${suffix}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', at })));
  const challenge = Challenge.create({ id: `risk-challenge-${suffix}`, traderId, rules, at });
  await tx.challenges.save(challenge);
  const kyc = unwrap(KycCase.open({ id: `risk-kyc-${suffix}`, traderId, provider: 'manual', country: 'DE', at }));
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
  const account = unwrap(
    FundedAccount.open({
      id: `risk-funded-${suffix}`,
      traderId,
      challengeId: challenge.id,
      modelId: 'stellar_2step',
      tradingAccountId: `risk-login-${suffix}`,
      initialBalance: Money.of(100_000),
      rules,
      terms: { split: Percent.of(80), firstPayoutDays: 0, cycleDays: 0, feeRefundOnPayoutNumber: 1 },
      challengeFee: Money.of(449),
      kyc,
      agreement: signature,
      traderCountry: 'DE',
      prohibitedCountries: ProhibitedCountries.default(),
      at,
    }),
  );
  await tx.fundedAccounts.save(account);
  return account;
}

describeEachDatabase('funded accounts under the breach engine', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('round-trips the rules and the drawdown state with its breach record, and finds the account by its login', async () => {
    await uow().run((tx) => fundedAccount(tx, 'a'));
    const observation = { balance: d(100_000), equity: d('94999.99'), at: new Date('2026-03-02T16:00:00Z'), tick: null };
    const { account, inputs } = await uow().run(async (tx) => {
      const found = (await tx.fundedAccounts.findById('risk-funded-a', { lock: true }))!;
      const before = verdictInputs(found.drawdown, found.rules, observation);
      unwrap(found.evaluateEquity(observation));
      unwrap(found.markBreached(null, new Date('2026-03-02T16:00:05Z')));
      await tx.fundedAccounts.save(found);
      return { account: found, inputs: before };
    });
    const breach = breachToData(account.breachRecord!);

    const loaded = (await uow().run((tx) => tx.fundedAccounts.findByLogin('risk-login-a', { lock: true })))!;
    expect({ ...loaded.toState(), version: 0 }).toEqual({ ...account.toState(), version: 0 });
    expect(loaded.toState().drawdown.breach).toEqual(breach);
    expect(breach).toMatchObject({ rule: 'daily_loss', floor: '95000', equity: '94999.99' });
    expect(await uow().run((tx) => tx.fundedAccounts.findByLogin('risk-login-none'))).toBeNull();

    const verdict = { id: 'v1', fundedAccountId: account.id, login: 'risk-login-a', breach, inputs, inputHash: breach.inputHash, recordedAt: at };
    expect(await uow().run((tx) => tx.fundedBreachVerdicts.add(verdict))).toBe(true);
    expect(await uow().run((tx) => tx.fundedBreachVerdicts.add({ ...verdict, id: 'v2' }))).toBe(false);
    const stored = await uow().run((tx) => tx.fundedBreachVerdicts.listByFundedAccount(account.id));
    expect(stored).toEqual([{ ...verdict, recordedAt: at }]);
  });

  it('snapshots the day start of every active funded account in one statement, once per day', async () => {
    const observed = await uow().run((tx) => fundedAccount(tx, 'b'));
    const unobserved = await uow().run((tx) => fundedAccount(tx, 'c'));
    const closeAt = new Date('2026-03-02T21:59:59.999Z');
    await uow().run((tx) => tx.accountEquity.update('risk-login-b', { balance: d('101500'), equity: d('101250.5'), at: closeAt }));
    const reset = new Date('2026-03-02T22:00:00Z');

    const written = await uow().run((tx) => tx.fundedDayStarts.snapshot('2026-03-03', reset));
    expect(written).toBeGreaterThanOrEqual(2);
    expect(await uow().run((tx) => tx.fundedDayStarts.snapshot('2026-03-03', reset))).toBe(0);
    const snapshots = await uow().run((tx) => tx.fundedDayStarts.list('2026-03-03', { limit: 100 }));
    const byId = new Map(snapshots.map((snapshot) => [snapshot.fundedAccountId, snapshot]));
    expect(byId.get(observed.id)).toMatchObject({ login: 'risk-login-b', tradingDay: '2026-03-03', observedAt: closeAt, takenAt: reset });
    expect(byId.get(observed.id)!.equity.toFixed(2)).toBe('101250.50');
    // Never observed: the account's own last figures, flagged as not observed.
    expect(byId.get(unobserved.id)).toMatchObject({ observedAt: null });
    expect(byId.get(unobserved.id)!.balance.toFixed(2)).toBe('100000.00');
    // Breached accounts are not snapshotted.
    expect(byId.has('risk-funded-a')).toBe(false);
    const page = await uow().run((tx) => tx.fundedDayStarts.list('2026-03-03', { after: observed.id, limit: 1 }));
    expect(page.map((snapshot) => snapshot.fundedAccountId)).toEqual([unobserved.id]);
  });

  it('migrating an account funded before the engine gives it its challenge rules at its allocation and a drawdown from its balance', async () => {
    const account = await uow().run((tx) => fundedAccount(tx, 'd'));
    const knex = ctx.db.knex;
    // Only the funded-risk migration is undone; later ones stay applied.
    await knex.migrate.down({ migrationSource: new ListedMigrationSource(), name: '0007_funded_risk' });
    // What such an account looks like: scaled to 140,000 and trading at 141,000.
    await knex('funded_accounts').where({ id: account.id }).update({ initial_balance: '140000.00', balance: '141000.00' });
    expect(await migrateToLatest(knex)).toEqual(['0007_funded_risk']);

    const migrated = (await uow().run((tx) => tx.fundedAccounts.findById(account.id)))!;
    expect(migrated.rules.initialBalance.toFixed()).toBe('140000.00');
    expect(migrated.rules.modelId).toBe('stellar_2step');
    expect(migrated.drawdown).toMatchObject({ tradingDay: '2026-03-02', warningsSent: [], breach: null, initialBalance: d(140_000) });
    expect(migrated.drawdown.dayStartBalance.toFixed(2)).toBe('141000.00');
    expect(migrated.drawdown.highestEquity.toFixed(2)).toBe('141000.00');
    // 5% of 140,000 below the day start; 10% of 140,000 below the allocation.
    expect(migrated.floors.dailyLoss.floor.toFixed(2)).toBe('134000.00');
    expect(migrated.floors.maxLoss.floor.toFixed(2)).toBe('126000.00');
  });
});
