import { Decimal } from 'decimal.js';
import { ConcurrencyConflict, type TransactionScope } from '@tradesense/application';
import {
  AgreementSignature,
  AgreementVersion,
  CertificateId,
  Challenge,
  ChallengeModel,
  DEFAULT_CALENDAR_SETTINGS,
  DocumentNumberHash,
  FundedAccount,
  KycCase,
  Money,
  Percent,
  ProhibitedCountries,
  RuleSnapshot,
  STELLAR_2STEP,
  TradingCalendar,
  TraderCertificates,
  User,
  unwrap,
} from '@tradesense/domain';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/test-databases.js';
import { PostgresUnitOfWork } from '../uow/postgres-unit-of-work.js';
import { VersionTracker } from '../uow/version-tracker.js';
import { fundingRepositories } from './funding-repositories.js';

const at = new Date('2026-03-02T15:00:00Z');
const later = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
const calendar = new TradingCalendar();
const HASH = 'ab'.repeat(32);

const withoutVersion = <T extends { version: number }>(state: T) => ({ ...state, version: 0 });

/** A trader, a passed challenge, an approved KYC case and a signature: what a funded account refers to. */
async function fundingPrerequisites(tx: TransactionScope, suffix: string) {
  const traderId = `trader-${suffix}`;
  await tx.users.save(unwrap(User.register({ id: traderId, email: `${suffix}@example.com`, passwordHash: 'h', role: 'trader', country: 'DE', at })));
  const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
  const challenge = Challenge.create({ id: `challenge-${suffix}`, traderId, rules, at });
  await tx.challenges.save(challenge);
  const kyc = unwrap(KycCase.open({ id: `kyc-${suffix}`, traderId, provider: 'manual', country: 'DE', at }));
  unwrap(kyc.startVerification({ applicantId: `manual:kyc-${suffix}`, actor: traderId, at }));
  unwrap(kyc.approve({ actor: 'admin', at, prohibitedCountries: ProhibitedCountries.default() }));
  await tx.kycCases.save(kyc);
  const version = (await tx.agreementVersions.find('funded_trader', 'test-1'))!;
  const signature = unwrap(
    AgreementSignature.sign({
      id: `sig-${suffix}`,
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
      id: `funded-${suffix}`,
      traderId,
      challengeId: challenge.id,
      modelId: 'stellar_2step',
      tradingAccountId: `login-${suffix}`,
      initialBalance: Money.of(100_000),
      terms: { split: Percent.of(80), firstPayoutDays: 0, cycleDays: 0, feeRefundOnPayoutNumber: 1 },
      challengeFee: Money.of(449),
      kyc,
      agreement: signature,
      traderCountry: 'DE',
      prohibitedCountries: ProhibitedCountries.default(),
      at,
    }),
  );
  return { traderId, challenge, kyc, signature, account };
}

describeEachDatabase('funding repositories', (ctx) => {
  const uow = () => new PostgresUnitOfWork(ctx.db.knex);

  it('publishes an agreement version once and returns the latest as current', async () => {
    const first = unwrap(AgreementVersion.publish({ agreementId: 'funded_trader', version: 'test-1', text: 'First wording.', at: new Date('2000-01-01T00:00:00Z') }));
    expect(await uow().run((tx) => tx.agreementVersions.publish(first))).toBe(true);
    expect(await uow().run((tx) => tx.agreementVersions.publish(first))).toBe(false);
    const loaded = await uow().run((tx) => tx.agreementVersions.find('funded_trader', 'test-1'));
    expect(loaded?.toState()).toEqual(first.toState());
    const next = unwrap(AgreementVersion.publish({ agreementId: 'funded_trader', version: 'test-2', text: 'Second wording.', at: new Date('2000-02-01T00:00:00Z') }));
    await uow().run((tx) => tx.agreementVersions.publish(next));
    expect((await uow().run((tx) => tx.agreementVersions.current('funded_trader')))?.version).toBe('test-2');
    expect(await uow().run((tx) => tx.agreementVersions.current('another_agreement'))).toBeNull();
  });

  it('round-trips a KYC case with only the keyed hash of its document, by trader and by applicant', async () => {
    await uow().run(async (tx) => {
      await tx.users.save(unwrap(User.register({ id: 'kyc-user', email: 'kyc@example.com', passwordHash: 'h', role: 'trader', country: 'FR', at })));
      const kyc = unwrap(KycCase.open({ id: 'kyc-1', traderId: 'kyc-user', provider: 'sumsub', country: 'FR', at }));
      await tx.kycCases.save(kyc);
      unwrap(kyc.startVerification({ applicantId: 'applicant-1', actor: 'kyc-user', at: later(1) }));
      unwrap(kyc.submitDocument({ type: 'passport', country: 'FR', numberHash: unwrap(DocumentNumberHash.of(HASH)), at: later(2) }));
      unwrap(kyc.reject({ actor: 'sumsub', at: later(3), kind: 'retry', reasons: ['BLURRY'] }));
      await tx.kycCases.save(kyc);
    });
    const byTrader = (await uow().run((tx) => tx.kycCases.findByTrader('kyc-user')))!;
    const byApplicant = (await uow().run((tx) => tx.kycCases.findByApplicant('sumsub', 'applicant-1')))!;
    expect(byApplicant.toState()).toEqual(byTrader.toState());
    expect(byTrader.toState()).toMatchObject({
      version: 2,
      status: 'rejected',
      document: { type: 'passport', country: 'FR', numberHash: HASH },
      rejection: { kind: 'retry', reasons: ['BLURRY'], actor: 'sumsub', at: later(3) },
    });
    const row = await ctx.db.knex('kyc_cases').where({ id: 'kyc-1' }).first();
    expect(row.document_number_hash).toBe(HASH);
    const page = await uow().run((tx) => tx.kycCases.listByStatus('rejected', { limit: 10 }));
    expect(page.items.map((kyc) => kyc.id)).toEqual(['kyc-1']);
  });

  it('refuses to store anything but a hex digest as a document number', async () => {
    await expect(
      ctx.db.knex('kyc_cases').where({ id: 'kyc-1' }).update({ document_number_hash: 'P1234567' }),
    ).rejects.toThrow(/kyc_cases_document_hash_check/);
  });

  it('round-trips a funded account with its payouts and fails a stale write with a typed conflict', async () => {
    const { account, signature } = await uow().run((tx) => fundingPrerequisites(tx, 'a'));
    await uow().run(async (tx) => {
      await tx.fundedAccounts.save(account);
      unwrap(account.recordPositionOpened({ positionId: 'p1', at: later(1) }));
      unwrap(account.recordPositionClosed({ positionId: 'p1', netProfit: Money.of('8000'), at: later(2) }, calendar));
      unwrap(account.requestPayout({ payoutId: 'payout-1', actor: 'trader-a', at: later(3) }, calendar));
      await tx.fundedAccounts.save(account);
    });
    const loaded = (await uow().run((tx) => tx.fundedAccounts.findByPayoutId('payout-1')))!;
    expect(withoutVersion(loaded.toState())).toEqual(withoutVersion(account.toState()));
    expect(loaded.toState().version).toBe(2);
    expect(loaded.payout('payout-1')).toMatchObject({ status: 'requested', number: 1 });
    expect(loaded.payout('payout-1')!.traderShare.toFixed()).toBe('6400.00');
    expect(loaded.balance.toFixed()).toBe('100000.00');
    expect(loaded.monthlyProfits().map((m) => [m.month, m.profit.toFixed()])).toEqual([['2026-03', '8000.00']]);
    expect((await uow().run((tx) => tx.agreementSignatures.signedPdf(signature.id)))!.pdf).toEqual(new Uint8Array([37, 80, 68, 70]));

    const stale = FundedAccount.restore(loaded.toState());
    const versions = new VersionTracker();
    versions.loaded(stale, 1);
    unwrap(stale.approvePayout({ payoutId: 'payout-1', actor: 'admin', at: later(4) }));
    await expect(
      ctx.db.knex.transaction((trx) => fundingRepositories(trx, versions).fundedAccounts.save(stale)),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await ctx.db.knex('payouts').where({ id: 'payout-1' }).first()).status).toBe('requested');
  });

  it('lists payouts newest first per trader and status, and finds the overdue ones without compensation', async () => {
    const page = await uow().run((tx) => tx.payouts.list({ traderId: 'trader-a', limit: 10 }));
    expect(page.items.map((p) => [p.id, p.status, p.fundedAccountId, p.tradingAccountId])).toEqual([
      ['payout-1', 'requested', 'funded-a', 'login-a'],
    ]);
    expect((await uow().run((tx) => tx.payouts.list({ status: 'paid', limit: 10 }))).items).toEqual([]);
    expect(await uow().run((tx) => tx.payouts.listOverdueWithoutCompensation(later(26), 10))).toEqual([]);
    const overdue = await uow().run((tx) => tx.payouts.listOverdueWithoutCompensation(later(27.01), 10));
    expect(overdue.map((p) => p.id)).toEqual(['payout-1']);

    const entry = {
      payoutId: 'payout-1',
      fundedAccountId: 'funded-a',
      traderId: 'trader-a',
      currency: 'USD',
      amount: new Decimal(1000),
      cause: 'unpaid_at_deadline' as const,
      grantedAt: later(28),
    };
    expect(await uow().run((tx) => tx.payoutCompensations.grant(entry))).toBe(true);
    expect(await uow().run((tx) => tx.payoutCompensations.grant({ ...entry, cause: 'paid_late' }))).toBe(false);
    expect((await uow().run((tx) => tx.payoutCompensations.find('payout-1')))!.amount.toFixed(2)).toBe('1000.00');
    expect(await uow().run((tx) => tx.payouts.listOverdueWithoutCompensation(later(30), 10))).toEqual([]);
    await expect(uow().run((tx) => tx.payouts.list({ limit: 10, cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'PAGE.INVALID_CURSOR' });
  });

  it('never lets a payout id reach another account\'s row', async () => {
    const { account } = await uow().run((tx) => fundingPrerequisites(tx, 'd'));
    unwrap(account.recordPositionOpened({ positionId: 'q1', at: later(1) }));
    unwrap(account.recordPositionClosed({ positionId: 'q1', netProfit: Money.of('10'), at: later(2) }, calendar));
    unwrap(account.requestPayout({ payoutId: 'payout-1', actor: 'trader-d', at: later(3) }, calendar));
    await expect(uow().run((tx) => tx.fundedAccounts.save(account))).rejects.toMatchObject({ code: 'PAYOUT.DUPLICATE_ID' });
    expect(await ctx.db.knex('payouts').where({ id: 'payout-1' }).first()).toMatchObject({ funded_account_id: 'funded-a', profit: '8000.00' });
  });

  it('lets one activation claim the platform account, hands it over after the lease, and records the account once', async () => {
    await uow().run((tx) => fundingPrerequisites(tx, 'b'));
    const claim = (fundedAccountId: string, when: Date) =>
      uow().run((tx) =>
        tx.fundedActivations.claim({ challengeId: 'challenge-b', fundedAccountId, traderId: 'trader-b', at: when, leaseUntil: new Date(when.getTime() + 60_000) }),
      );
    const first = await claim('fa-1', at);
    expect(first).toMatchObject({ claimed: true, activation: { fundedAccountId: 'fa-1', account: null } });
    expect(await claim('fa-2', later(0.001))).toMatchObject({ claimed: false, activation: { fundedAccountId: 'fa-1' } });
    // The first claimant died: after its lease another attempt takes over, still for the same funded account id.
    expect(await claim('fa-3', later(1))).toMatchObject({ claimed: true, activation: { fundedAccountId: 'fa-1' } });
    const account = { login: '777', group: 'funded', password: 'pw', investorPassword: 'ipw' };
    expect(await uow().run((tx) => tx.fundedActivations.recordAccount('challenge-b', account))).toBe(true);
    expect(await uow().run((tx) => tx.fundedActivations.recordAccount('challenge-b', { ...account, login: '778' }))).toBe(false);
    // With an account recorded, nobody creates another one, lease or not.
    expect(await claim('fa-4', later(5))).toMatchObject({ claimed: false, activation: { account } });
    await uow().run((tx) => tx.fundedActivations.complete('challenge-b', later(6)));
    expect((await uow().run((tx) => tx.fundedActivations.find('challenge-b')))!.account).toEqual({ ...account, password: null, investorPassword: null });
  });

  it('keeps the deal cursor with the positions it tracks', async () => {
    const { account } = await uow().run((tx) => fundingPrerequisites(tx, 'c'));
    await uow().run((tx) => tx.fundedAccounts.save(account));
    expect(await uow().run((tx) => tx.fundedDealCursors.find('funded-c'))).toBeNull();
    await uow().run(async (tx) => {
      const cursor = await tx.fundedDealCursors.lock('funded-c');
      expect(cursor).toEqual({ fundedAccountId: 'funded-c', lastDealId: null, positions: new Map() });
      await tx.fundedDealCursors.save(
        { fundedAccountId: 'funded-c', lastDealId: '42', positions: new Map([['7', { volume: new Decimal('1.5'), carried: new Decimal('-4.5') }]]) },
        at,
      );
    });
    const cursor = (await uow().run((tx) => tx.fundedDealCursors.find('funded-c')))!;
    expect(cursor.lastDealId).toBe('42');
    expect([...cursor.positions].map(([id, p]) => [id, p.volume.toFixed(), p.carried.toFixed()])).toEqual([['7', '1.5', '-4.5']]);
    await uow().run((tx) =>
      tx.fundedBalanceOperations.record({
        clientOperationId: 'op-1', fundedAccountId: 'funded-c', login: 'login-c', kind: 'scaling_deposit', amount: new Decimal(40000), dealId: '9', bookedAt: at,
      }),
    );
    await uow().run((tx) =>
      tx.fundedBalanceOperations.record({
        clientOperationId: 'op-1', fundedAccountId: 'funded-c', login: 'login-c', kind: 'scaling_deposit', amount: new Decimal(40000), dealId: '10', bookedAt: at,
      }),
    );
    const operations = await uow().run((tx) => tx.fundedBalanceOperations.listByAccount('funded-c'));
    expect(operations.map((op) => [op.clientOperationId, op.amount.toFixed(2), op.dealId])).toEqual([['op-1', '40000.00', '9']]);
  });

  it('stores certificates once per kind with their PDF, and a racing first award conflicts', async () => {
    const certificateId = unwrap(CertificateId.fromEntropy(new Uint8Array(16).fill(7)));
    const achievements = { passedPhase1: true, firstPayoutPaid: false, totalFundedAllocation: Money.of(0) };
    await uow().run(async (tx) => {
      const certificates = TraderCertificates.empty({ id: 'tc-a', traderId: 'trader-a' });
      unwrap(certificates.award({ kind: 'elite_trader', certificateId, traderName: 'Ana Trader', achievements, at }));
      await tx.traderCertificates.save(certificates);
      await tx.traderCertificates.storePdf(certificateId.value, new Uint8Array([1, 2, 3]));
    });
    const loaded = (await uow().run((tx) => tx.traderCertificates.findByTrader('trader-a')))!;
    expect(loaded.certificates()).toEqual([{ id: certificateId.value, kind: 'elite_trader', title: 'Elite Trader', traderName: 'Ana Trader', awardedAt: at }]);
    expect(await uow().run((tx) => tx.traderCertificates.findCertificate(certificateId.value))).toMatchObject({ traderId: 'trader-a' });
    expect((await uow().run((tx) => tx.traderCertificates.pdf(certificateId.value)))!.pdf).toEqual(new Uint8Array([1, 2, 3]));
    const rival = TraderCertificates.empty({ id: 'tc-a-2', traderId: 'trader-a' });
    await expect(uow().run((tx) => tx.traderCertificates.save(rival))).rejects.toBeInstanceOf(ConcurrencyConflict);
  });
});
