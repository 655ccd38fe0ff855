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
  type TradingAccount,
} from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresTradingAccountRepository } from '../trading-accounts/postgres-trading-account-repository.js';
import { tradingAccountRepositories } from '../trading-accounts/trading-account-repositories.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { tradingAccountsMoved } from './0014_trading_accounts_moved.js';

// Monday 2 November 2026, 10:00 New York: trading day 2026-11-02 (the reset is 17:00 New York, 22:00 UTC).
const monday = new Date('2026-11-02T15:00:00Z');
const hour = (iso: string) => new Date(iso);
const d = (value: string | number) => new Decimal(value);
const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));

async function trader(tx: TransactionScope, id: string): Promise<void> {
  await tx.users.save(unwrap(User.register({ id, email: `${id}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', at: monday })));
}

/** A funded account opened from a passed challenge, with approved KYC and a signed agreement. */
async function funded(tx: TransactionScope, traderId: string): Promise<FundedAccount> {
  const challenge = Challenge.create({ id: 'mv-passed', traderId, rules, at: monday });
  await tx.challenges.save(challenge);
  const kyc = unwrap(KycCase.open({ id: 'mv-kyc', traderId, provider: 'manual', country: 'DE', at: monday }));
  unwrap(kyc.startVerification({ applicantId: 'manual:mv-kyc', actor: traderId, at: monday }));
  unwrap(kyc.approve({ actor: 'admin', at: monday, prohibitedCountries: ProhibitedCountries.default() }));
  await tx.kycCases.save(kyc);
  const version = unwrap(AgreementVersion.publish({ agreementId: 'funded_trader', version: 'mv-1', text: 'Wording.', at: new Date('2000-01-01T00:00:00Z') }));
  await tx.agreementVersions.publish(version);
  const signature = unwrap(
    AgreementSignature.sign({
      id: 'mv-sig',
      traderId,
      agreement: version,
      presentedTextHash: version.textHash,
      typedName: 'Mo Trader',
      ipAddress: '203.0.113.9',
      userAgent: 'vitest',
      at: monday,
    }),
  );
  await tx.agreementSignatures.add(signature, new Uint8Array([37, 80, 68, 70]));
  return unwrap(
    FundedAccount.open({
      id: 'mv-funded',
      traderId,
      challengeId: challenge.id,
      modelId: 'stellar_2step',
      tradingAccountId: '9301',
      initialBalance: Money.of(100_000),
      rules,
      terms: { split: Percent.of(80), firstPayoutDays: 0, cycleDays: 0, feeRefundOnPayoutNumber: 1 },
      challengeFee: Money.of(449),
      kyc,
      agreement: signature,
      traderCountry: 'DE',
      prohibitedCountries: ProhibitedCountries.default(),
      at: monday,
    }),
  );
}

describeEachDatabase('migration 0014: every watched login moves into the trading-account storage', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);
  const account = (login: string): Promise<TradingAccount | null> =>
    ctx.db.knex.transaction((trx) => new PostgresTradingAccountRepository(trx, new VersionTracker()).find(login));

  it('moves challenge phase accounts, funded accounts, verdicts and day starts, and finds every figure again', async () => {
    // The previous schema's rows, written by the previous code paths.
    const built = await uow().run(async (tx) => {
      await trader(tx, 'mv-trader');
      // A: trading on phase 1, one position open, figures after a deal.
      const a = Challenge.create({ id: 'mv-a', traderId: 'mv-trader', rules, at: monday });
      unwrap(a.activate('9101', monday));
      unwrap(a.recordDeal({ dealId: 'a1', positionId: 'pa', action: 'open', at: hour('2026-11-02T15:30:00Z'), balance: d('99999.93'), equity: d('99871.27') }));
      await tx.challenges.save(a);
      // B: breached on its first account, reset onto a second, breached there, overridden by an admin.
      const b = Challenge.create({ id: 'mv-b', traderId: 'mv-trader', rules, at: monday });
      unwrap(b.activate('9201', monday));
      const firstBreach = { balance: d(100_000), equity: d('94999.99'), at: hour('2026-11-02T16:00:00Z'), tick: null };
      const firstInputs = verdictInputs(b.drawdown!, b.rules, firstBreach);
      unwrap(b.evaluateEquity(firstBreach));
      unwrap(b.fail(null, hour('2026-11-02T16:00:01Z')));
      const firstRecord = breachToData(b.breach!);
      unwrap(b.reset({ account: '9202', paid: b.resetPrice(), at: hour('2026-11-03T15:00:00Z') }));
      unwrap(b.evaluateEquity({ balance: d(100_000), equity: d('94000.00'), at: hour('2026-11-03T16:00:00Z') }));
      unwrap(b.fail(null, hour('2026-11-03T16:00:01Z')));
      unwrap(b.overrideBreach({ adminId: 'mv-admin', reason: 'a bad quote', at: hour('2026-11-03T17:00:00Z'), balance: d('99800.00'), equity: d('99750.00') }));
      await tx.challenges.save(b);
      await tx.audit.append({
        at: hour('2026-11-03T17:00:00Z'),
        actorId: 'mv-admin',
        actorRole: 'admin',
        action: 'challenge.breach_overridden',
        subjectType: 'challenge',
        subjectId: 'mv-b',
        details: { reason: 'a bad quote', account: '9202', dayStartBalance: '99800', dayStartEquity: '99750' },
      });
      await tx.breachVerdicts.add({
        id: 'mv-v1',
        challengeId: 'mv-b',
        login: '9201',
        phase: 1,
        attempt: 1,
        breach: firstRecord,
        inputs: firstInputs,
        inputHash: firstRecord.inputHash,
        recordedAt: hour('2026-11-02T16:00:02Z'),
      });
      // F: a funded account after a payout withdrawal, then breached.
      const f = await funded(tx, 'mv-trader');
      await tx.fundedAccounts.save(f);
      return { a, b, firstRecord };
    });
    const f = await uow().run(async (tx) => {
      const loaded = (await tx.fundedAccounts.findById('mv-funded', { lock: true }))!;
      unwrap(loaded.evaluateEquity({ balance: d(100_000), equity: d('89999.00'), at: hour('2026-11-02T18:00:00Z') }));
      unwrap(loaded.markBreached(null, hour('2026-11-02T18:00:01Z')));
      await tx.fundedAccounts.save(loaded);
      const record = breachToData(loaded.breachRecord!);
      await tx.fundedBreachVerdicts.add({
        id: 'mv-v2',
        fundedAccountId: loaded.id,
        login: '9301',
        breach: record,
        inputs: { engine: 1, state: loaded.toState().drawdown, snapshot: loaded.rules.toJSON(), input: { balance: '100000', equity: '89999', at: record.at, tick: null } },
        inputHash: record.inputHash,
        recordedAt: hour('2026-11-02T18:00:02Z'),
      });
      return loaded;
    });
    // Day starts of Tuesday for the accounts active then (A's, and B's second account).
    const reset = hour('2026-11-02T22:00:00Z');
    await uow().run((tx) => tx.accountEquity.snapshotDayStart('2026-11-03', reset));
    const challengeDayStarts = Number((await ctx.db.knex('day_start_snapshots').count({ n: '*' }))[0]!.n);
    expect(challengeDayStarts).toBeGreaterThan(0);

    await ctx.db.knex.transaction((trx) => tradingAccountsMoved.up(trx));

    // A: the current phase account carries the challenge's state as it was.
    const a = (await account('9101'))!;
    expect(a.owner).toEqual({ kind: 'challenge_phase', id: 'mv-a', phase: 1, attempt: 1 });
    expect(a.status).toBe('active');
    expect(a.drawdown).toEqual(built.a.drawdown);
    expect(a.openPositions).toEqual(['pa']);
    expect(a.lastTradeAt).toEqual(hour('2026-11-02T15:30:00Z'));
    expect(a.rules.toJSON()).toEqual(rules.toJSON());
    expect(a.drawdown.lastEquity.toFixed(2)).toBe('99871.27');

    // B: the first attempt's account ended on its breach, with the breach record kept to the cent.
    const b1 = (await account('9201'))!;
    expect(b1.owner).toEqual({ kind: 'challenge_phase', id: 'mv-b', phase: 1, attempt: 1 });
    expect(b1.status).toBe('breached');
    expect(b1.breach && breachToData(b1.breach)).toEqual(built.firstRecord);
    expect(b1.drawdown.lastBalance.toFixed(2)).toBe('100000.00');
    // The second attempt's account trades again after the override, which went with it.
    const b2 = (await account('9202'))!;
    expect(b2.owner).toEqual({ kind: 'challenge_phase', id: 'mv-b', phase: 1, attempt: 2 });
    expect(b2.status).toBe('active');
    expect(b2.drawdown).toEqual(built.b.drawdown);
    expect(b2.overrides).toHaveLength(1);
    expect(b2.overrides[0]).toMatchObject({ adminId: 'mv-admin', reason: 'a bad quote', previousStatus: 'breached', balance: '99800', equity: '99750' });
    expect(b2.overrides[0]!.original).toEqual(built.b.overrides[0]!.original);
    expect(b1.overrides).toEqual([]);

    // F: the funded account keeps its own state, breach and all.
    const moved = (await account('9301'))!;
    expect(moved.owner).toEqual({ kind: 'funded_account', id: 'mv-funded' });
    expect(moved.status).toBe('breached');
    expect(moved.drawdown).toEqual(f.drawdown);
    expect(moved.rules.toJSON()).toEqual(f.rules.toJSON());
    expect(moved.lastBalanceOperationAt).toEqual(f.toState().lastBalanceOperationAt);

    // Verdicts and day starts, every one, under the new keys.
    const repos = (trx: Parameters<typeof tradingAccountRepositories>[0]) => tradingAccountRepositories(trx, new VersionTracker());
    const challengeVerdicts = await ctx.db.knex.transaction((trx) => repos(trx).tradingAccountVerdicts.listByOwner({ kind: 'challenge_phase', id: 'mv-b' }));
    expect(challengeVerdicts).toEqual([
      expect.objectContaining({ id: 'mv-v1', login: '9201', owner: { kind: 'challenge_phase', id: 'mv-b', phase: 1, attempt: 1 }, breach: built.firstRecord }),
    ]);
    const fundedVerdicts = await ctx.db.knex.transaction((trx) => repos(trx).tradingAccountVerdicts.listByLogin('9301'));
    expect(fundedVerdicts.map((verdict) => verdict.id)).toEqual(['mv-v2']);
    const dayStarts = await ctx.db.knex.transaction((trx) => repos(trx).tradingDayStarts.list('2026-11-03', { limit: 100 }));
    expect(dayStarts).toHaveLength(challengeDayStarts);
    const original = (await ctx.db.knex('day_start_snapshots').where({ login: '9101', trading_day: '2026-11-03' }).first()) as { balance: string; equity: string };
    const movedDayStart = dayStarts.find((row) => row.login === '9101')!;
    expect([movedDayStart.balance.toFixed(2), movedDayStart.equity.toFixed(2)]).toEqual([d(original.balance).toFixed(2), d(original.equity).toFixed(2)]);
    expect(movedDayStart.owner).toEqual(a.owner);
  });

  it('fails and leaves nothing behind when a row cannot be moved', async () => {
    await ctx.db.knex('trading_account_verdicts').delete();
    await ctx.db.knex('trading_account_day_starts').delete();
    await ctx.db.knex('trading_accounts').delete();
    // A login claimed twice (by a challenge phase and a funded account) cannot be one trading account.
    await ctx.db.knex('challenge_accounts').insert({ login: '9301', challenge_id: 'mv-a', phase: 2, attempt: 1, opened_at: monday });
    await expect(ctx.db.knex.transaction((trx) => tradingAccountsMoved.up(trx))).rejects.toThrow();
    expect(Number((await ctx.db.knex('trading_accounts').count({ n: '*' }))[0]!.n)).toBe(0);
  });
});
