import { Decimal } from '@tradesense/domain';
import { createFundingOutboxHandlers, TRADING_PLATFORM, UNIT_OF_WORK, type KycDecisionEvent, type StoredOutboxMessage } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { KycCase, STELLAR_1STEP, unwrap } from '@tradesense/domain';
import { afterAll, expect, it } from 'vitest';
import { code, knexOf, outboxPayloads, simulatorOf, value } from '../testing/challenge-fixtures.js';
import { fundTrader, pendingKycChallenge, registerPerson } from '../testing/funding-fixtures.js';
import { describeEachPlatform } from '../testing/test-platform.js';

const START = '2026-11-02T15:00:00Z';
const clock = new ManualClock(START);

describeEachPlatform(
  'funding: KYC, agreement and activation',
  (ctx) => {
    const uc = () => ctx.platform.useCases;
    const knex = () => knexOf(ctx.platform);
    afterAll(() => clock.set(START));

    let admin: string;

    it('starts KYC only for a trader with a challenge in pending_kyc, through the manual review', async () => {
      clock.set(START);
      admin = (await registerPerson(ctx.platform, { name: 'admin', role: 'admin' })).userId;
      const { userId } = await registerPerson(ctx.platform, { name: 'ana' });
      expect(code(await uc().startKyc.execute({ userId }))).toBe('KYC.NOT_REQUIRED');
      expect(value(await uc().kycStatus.execute({ userId }))).toMatchObject({ required: false, status: 'not_started', canStart: false });

      const challengeId = await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      expect(value(await uc().kycStatus.execute({ userId }))).toMatchObject({ required: true, status: 'not_started', canStart: true });
      const started = value(await uc().startKyc.execute({ userId }));
      expect(started).toMatchObject({ provider: 'manual', status: 'in_progress', verificationUrl: null });
      const row = await knex()('kyc_cases').where({ id: started.kycCaseId }).first();
      expect(row).toMatchObject({ trader_id: userId, applicant_id: `manual:${started.kycCaseId}`, status: 'in_progress', country: 'DE' });
      const mails = await outboxPayloads(ctx.platform, started.kycCaseId, 'email.kyc_requested');
      expect(mails).toEqual([expect.objectContaining({ challengeId, verificationUrl: expect.stringMatching(/\/kyc$/) })]);
      expect((await outboxPayloads(ctx.platform, started.kycCaseId, 'KycVerificationStarted')).length).toBe(1);

      // Starting again while the review runs changes nothing and sends no second e-mail.
      expect(value(await uc().startKyc.execute({ userId }))).toMatchObject({ kycCaseId: started.kycCaseId, status: 'in_progress' });
      expect(await outboxPayloads(ctx.platform, started.kycCaseId, 'email.kyc_requested')).toHaveLength(1);
    });

    it('stores a submitted document number only as its keyed hash', async () => {
      const { userId } = await registerPerson(ctx.platform);
      await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const { kycCaseId } = value(await uc().startKyc.execute({ userId }));
      expect(code(await uc().submitKycDocument.execute({ userId, documentType: 'passport', documentNumber: '--', issuingCountry: 'DE' }))).toBe(
        'KYC.DOCUMENT_REQUIRED',
      );
      expect(code(await uc().submitKycDocument.execute({ userId, documentType: 'passport', documentNumber: 'C01X00T47', issuingCountry: 'Germany' }))).toBe(
        'KYC.INVALID_COUNTRY',
      );
      value(await uc().submitKycDocument.execute({ userId, documentType: 'passport', documentNumber: 'C01X-00T47', issuingCountry: 'de' }));
      const row = await knex()('kyc_cases').where({ id: kycCaseId }).first();
      expect(row.document_number_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain('C01X');
      expect(row).toMatchObject({ document_type: 'passport', document_country: 'DE' });
      const outbox = await knex()('outbox').where({ aggregate_id: kycCaseId }).pluck('payload');
      expect(JSON.stringify(outbox)).not.toContain('C01X');
    });

    it('lets an admin reject with a retry (the trader starts again) or for good, with a reason, audited', async () => {
      const { userId } = await registerPerson(ctx.platform);
      await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const { kycCaseId } = value(await uc().startKyc.execute({ userId }));
      expect(code(await uc().reviewKyc.execute({ adminId: userId, kycCaseId, decision: 'approve' }))).toBe('AUTH.FORBIDDEN');
      expect(code(await uc().reviewKyc.execute({ adminId: admin, kycCaseId, decision: 'reject_retry', reason: '  ' }))).toBe('KYC.REASON_REQUIRED');
      expect(code(await uc().reviewKyc.execute({ adminId: admin, kycCaseId: 'nope', decision: 'approve' }))).toBe('KYC.CASE_NOT_FOUND');
      const queue = value(await uc().listKycCasesAdmin.execute({ adminId: admin, status: 'in_progress' }));
      expect(queue.items.map((kyc) => kyc.id)).toContain(kycCaseId);

      expect(value(await uc().reviewKyc.execute({ adminId: admin, kycCaseId, decision: 'reject_retry', reason: 'Document is blurred' }))).toMatchObject({
        status: 'rejected',
        fundedAccounts: [],
      });
      expect(value(await uc().kycStatus.execute({ userId }))).toMatchObject({
        status: 'rejected',
        canStart: true,
        rejection: { kind: 'retry', reasons: ['Document is blurred'] },
      });
      expect(await outboxPayloads(ctx.platform, kycCaseId, 'email.kyc_decided')).toEqual([
        expect.objectContaining({ decision: { outcome: 'rejected', reason: 'Document is blurred', retryAllowed: true } }),
      ]);
      expect(value(await uc().startKyc.execute({ userId }))).toMatchObject({ kycCaseId, status: 'in_progress' });
      expect(value(await uc().kycStatus.execute({ userId }))).toMatchObject({ attempt: 2 });

      value(await uc().reviewKyc.execute({ adminId: admin, kycCaseId, decision: 'reject_final', reason: 'Forged document' }));
      expect(code(await uc().startKyc.execute({ userId }))).toBe('KYC.REJECTED_FINAL');
      expect(code(await uc().reviewKyc.execute({ adminId: admin, kycCaseId, decision: 'approve' }))).toBe('KYC.REJECTED_FINAL');
      const audit = await knex()('audit_log').where({ subject_id: kycCaseId }).orderBy('id').select('action', 'actor_id', 'details');
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['kyc.rejected', 'kyc.rejected']);
      expect(audit[1]).toMatchObject({ actor_id: admin, details: { decision: 'reject_final', reason: 'Forged document' } });
    });

    it('applies verified provider decisions once, de-duplicated on the provider event id', async () => {
      const { userId } = await registerPerson(ctx.platform);
      await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const kyc = unwrap(KycCase.open({ id: `kyc-sumsub-${userId}`, traderId: userId, provider: 'sumsub', country: 'DE', at: clock.now() }));
      unwrap(kyc.startVerification({ applicantId: `applicant-${userId}`, actor: userId, at: clock.now() }));
      await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.kycCases.save(kyc));
      const event = (decision: KycDecisionEvent['decision'], id: string): KycDecisionEvent => ({
        provider: 'sumsub',
        providerEventId: id,
        providerApplicantId: `applicant-${userId}`,
        userId,
        decision,
        reasons: decision === 'approved' ? [] : ['DOCUMENT_DAMAGED'],
        comment: null,
        occurredAt: clock.now(),
        rawType: 'applicantReviewed',
      });
      expect(value(await uc().handleKycDecision.execute({ event: event('in_progress', 'e0') }))).toMatchObject({ outcome: 'no_change' });
      expect(value(await uc().handleKycDecision.execute({ event: event('rejected_retry', 'e1') }))).toMatchObject({ outcome: 'applied', status: 'rejected' });
      expect(value(await uc().handleKycDecision.execute({ event: event('rejected_retry', 'e1') }))).toMatchObject({ outcome: 'duplicate' });
      expect(value(await uc().kycStatus.execute({ userId }))).toMatchObject({ canStart: true, rejection: { kind: 'retry', reasons: ['DOCUMENT_DAMAGED'] } });
      // The trader resubmits at the provider; its next review approves.
      await ctx.platform.get(UNIT_OF_WORK).run(async (tx) => {
        const reopened = (await tx.kycCases.findById(kyc.id))!;
        unwrap(reopened.resubmit({ actor: userId, at: clock.now() }));
        await tx.kycCases.save(reopened);
      });
      expect(value(await uc().handleKycDecision.execute({ event: event('approved', 'e2') }))).toMatchObject({ outcome: 'applied', status: 'approved' });
      expect(await outboxPayloads(ctx.platform, kyc.id, 'email.kyc_decided')).toEqual([
        expect.objectContaining({ decision: expect.objectContaining({ outcome: 'rejected', retryAllowed: true }) }),
        expect.objectContaining({ decision: { outcome: 'approved' }, nextStepUrl: expect.stringMatching(/\/agreement$/) }),
      ]);
      expect(value(await uc().handleKycDecision.execute({ event: { ...event('approved', 'e3'), providerApplicantId: 'nobody', userId: null } }))).toMatchObject({
        outcome: 'unknown_applicant',
      });
      const inbox = await knex()('processed_webhook_events').where({ provider: 'sumsub' }).whereIn('event_id', ['e0', 'e1', 'e2', 'e3']).count({ n: '*' });
      expect(Number(inbox[0]!.n)).toBe(4);
    });

    it('blocks a trader from a prohibited country: the approval becomes a final rejection', async () => {
      const { userId } = await registerPerson(ctx.platform, { country: 'IR' });
      await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const kyc = unwrap(KycCase.open({ id: `kyc-ir-${userId}`, traderId: userId, provider: 'sumsub', country: 'IR', at: clock.now() }));
      unwrap(kyc.startVerification({ applicantId: `applicant-${userId}`, actor: userId, at: clock.now() }));
      await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.kycCases.save(kyc));
      const decided = value(
        await uc().handleKycDecision.execute({
          event: {
            provider: 'sumsub', providerEventId: `ir-${userId}`, providerApplicantId: `applicant-${userId}`, userId, decision: 'approved',
            reasons: [], comment: null, occurredAt: clock.now(), rawType: 'applicantReviewed',
          },
        }),
      );
      expect(decided).toMatchObject({ outcome: 'applied', status: 'rejected', fundedAccounts: [] });
      expect(value(await uc().kycStatus.execute({ userId }))).toMatchObject({ rejection: { kind: 'final', reasons: ['prohibited_country:IR'] }, canStart: false });
      expect(code(await uc().activateFundedAccount.execute({ userId }))).toBe('FUNDED.KYC_NOT_APPROVED');
    });

    it('serves the versioned agreement and signs it with name, version, hash, IP and user agent, keeping a PDF copy', async () => {
      const { userId } = await registerPerson(ctx.platform);
      const other = await registerPerson(ctx.platform);
      const agreement = value(await uc().currentAgreement.execute());
      expect(agreement).toMatchObject({ agreementId: 'funded_trader', version: '2026-01', title: 'Funded Trader Agreement' });
      expect(agreement.textHash).toMatch(/^[0-9a-f]{64}$/);
      const sign = (overrides: Record<string, string> = {}) =>
        uc().signAgreement.execute({
          userId, typedName: '  Ana   Trader ', agreementVersion: agreement.version, textHash: agreement.textHash,
          ipAddress: '198.51.100.4', userAgent: 'Mozilla/5.0 test', ...overrides,
        });
      expect(code(await sign({ textHash: 'f'.repeat(64) }))).toBe('AGREEMENT.TEXT_CHANGED');
      expect(code(await sign({ agreementVersion: '2025-12' }))).toBe('AGREEMENT.TEXT_CHANGED');
      expect(code(await sign({ typedName: 'A' }))).toBe('AGREEMENT.NAME_REQUIRED');
      expect(code(await sign({ ipAddress: '' }))).toBe('AGREEMENT.SIGNER_DETAILS_REQUIRED');
      const signed = value(await sign());
      expect(signed).toMatchObject({ agreementVersion: '2026-01', fundedAccounts: [] });
      const row = await knex()('agreement_signatures').where({ id: signed.signatureId }).first();
      expect(row).toMatchObject({ typed_name: 'Ana Trader', text_hash: agreement.textHash, ip_address: '198.51.100.4', user_agent: 'Mozilla/5.0 test' });
      const pdf = value(await uc().getSignedAgreementPdf.execute({ userId, signatureId: signed.signatureId }));
      expect(Buffer.from(pdf.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(code(await uc().getSignedAgreementPdf.execute({ userId: other.userId, signatureId: signed.signatureId }))).toBe('AGREEMENT.NOT_FOUND');
    });

    it('funds the trader when the agreement is signed after KYC approval: new account in the funded group, same balance', async () => {
      const { userId } = await registerPerson(ctx.platform);
      const challengeId = await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      expect(code(await uc().activateFundedAccount.execute({ userId }))).toBe('FUNDED.KYC_NOT_APPROVED');
      const funded = await fundTrader(ctx.platform, { traderId: userId, adminId: admin });
      expect(funded.fundedAccounts).toHaveLength(1);
      const [account] = funded.fundedAccounts;
      expect(account).toMatchObject({ challengeId, created: true });
      const state = await simulatorOf(ctx.platform).account(account!.login);
      expect(state.group).toBe('tradesense-stellar_2step-funded');
      expect(state.balance.toFixed(2)).toBe('100000.00');
      expect(state.leverage).toBe(100);

      const challenge = await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.findById(challengeId));
      expect(challenge?.status).toBe('funded');
      const overview = value(await uc().fundedAccountOverview.execute({ userId, fundedAccountId: account!.fundedAccountId }));
      expect(overview).toMatchObject({ status: 'active', tradingAccountId: account!.login, openPositions: 0 });
      expect(overview.allocation.toFixed()).toBe('100000.00');
      expect(overview.split.points.toString()).toBe('80');
      expect(overview.eligibility.reasons).toEqual(['FIRST_PAYOUT_DAYS_NOT_REACHED', 'NO_PROFIT']);
      const credentials = await outboxPayloads(ctx.platform, account!.fundedAccountId, 'email.trading_account_credentials');
      expect(credentials).toEqual([expect.objectContaining({ phase: null, login: account!.login, initialBalance: '100000.00', traderName: 'Ana Funded Trader' })]);
      expect((await outboxPayloads(ctx.platform, challengeId, 'ChallengeFunded'))[0]).toMatchObject({ fundedAccountId: account!.fundedAccountId });
      const activation = await knex()('funded_activations').where({ challenge_id: challengeId }).first();
      expect(activation).toMatchObject({ login: account!.login, password: null, investor_password: null });
      expect(activation.completed_at).not.toBeNull();

      expect(code(await uc().activateFundedAccount.execute({ userId }))).toBe('FUNDED.NOTHING_TO_ACTIVATE');
      const other = await registerPerson(ctx.platform);
      expect(code(await uc().fundedAccountOverview.execute({ userId: other.userId, fundedAccountId: account!.fundedAccountId }))).toBe('FUNDED.NOT_FOUND');
    });

    it('funds the trader when KYC is approved after the agreement was signed, each passed challenge once', async () => {
      const { userId } = await registerPerson(ctx.platform);
      const first = await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const second = await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now(), model: STELLAR_1STEP, balance: '50000' });
      const agreement = value(await uc().currentAgreement.execute());
      const signed = value(
        await uc().signAgreement.execute({
          userId, typedName: 'Bo Signer', agreementVersion: agreement.version, textHash: agreement.textHash, ipAddress: '192.0.2.1', userAgent: 'ua',
        }),
      );
      expect(signed.fundedAccounts).toEqual([]);
      expect(code(await uc().activateFundedAccount.execute({ userId }))).toBe('FUNDED.KYC_NOT_APPROVED');
      const { kycCaseId } = value(await uc().startKyc.execute({ userId }));
      const reviewed = value(await uc().reviewKyc.execute({ adminId: admin, kycCaseId, decision: 'approve' }));
      expect(reviewed.fundedAccounts.map((a) => a.challengeId).sort()).toEqual([first, second].sort());
      const balances = (await Promise.all(reviewed.fundedAccounts.map(async (a) => (await simulatorOf(ctx.platform).account(a.login)).balance.toFixed(2)))).sort();
      expect(balances).toEqual(['100000.00', '50000.00']);
      expect(await outboxPayloads(ctx.platform, userId, 'funding.activation_due')).toEqual([{ userId, cause: 'kyc_approved' }]);
    });

    it('reuses the trading account a crashed activation created instead of opening a second one', async () => {
      const { userId } = await registerPerson(ctx.platform);
      const challengeId = await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      const platform = ctx.platform.get(TRADING_PLATFORM);
      // An earlier attempt claimed the activation, got its account from the platform and died before funding.
      const orphan = await platform.createAccount({
        group: 'tradesense-stellar_2step-funded', leverage: 100, initialBalance: new Decimal('100000'), swapFree: false, name: 'x',
      });
      await ctx.platform.get(UNIT_OF_WORK).run(async (tx) => {
        await tx.fundedActivations.claim({ challengeId, fundedAccountId: `fa-${userId}`, traderId: userId, at: clock.now(), leaseUntil: clock.now() });
        await tx.fundedActivations.recordAccount(challengeId, { login: orphan.login, group: orphan.group, password: orphan.password, investorPassword: orphan.investorPassword });
      });
      const funded = await fundTrader(ctx.platform, { traderId: userId, adminId: admin });
      expect(funded.fundedAccounts).toEqual([{ challengeId, fundedAccountId: `fa-${userId}`, login: orphan.login, created: true }]);
      // The next account the platform hands out directly follows the orphan: nothing was opened in between.
      const next = await platform.createAccount({ group: 'g', leverage: 100, initialBalance: new Decimal('1'), swapFree: false, name: 'probe' });
      expect(BigInt(next.login)).toBe(BigInt(orphan.login) + 1n);
      expect(await outboxPayloads(ctx.platform, `fa-${userId}`, 'email.trading_account_credentials')).toEqual([
        expect.objectContaining({ login: orphan.login, password: orphan.password }),
      ]);
    });

    it('the follow-up handler retries an activation another attempt holds, and settles once the trader is funded', async () => {
      const { userId } = await registerPerson(ctx.platform);
      const challengeId = await pendingKycChallenge(ctx.platform, { traderId: userId, at: clock.now() });
      // Another activation holds the claim (alive for an hour) when KYC approval asks for the funded account.
      await ctx.platform.get(UNIT_OF_WORK).run((tx) =>
        tx.fundedActivations.claim({
          challengeId, fundedAccountId: `held-${userId}`, traderId: userId, at: clock.now(), leaseUntil: new Date(clock.now().getTime() + 3_600_000),
        }),
      );
      const funded = await fundTrader(ctx.platform, { traderId: userId, adminId: admin });
      expect(funded.fundedAccounts).toEqual([]);
      const [row] = await knex()('outbox').where({ topic: 'funding.activation_due', aggregate_id: userId }).select('id', 'topic', 'payload', 'occurred_at');
      const message: StoredOutboxMessage = { id: String(row.id), topic: row.topic, payload: row.payload, occurredAt: row.occurred_at, attempts: 0, status: 'pending' };
      const [handler] = createFundingOutboxHandlers(uc());
      expect(handler!.topics).toContain('funding.activation_due');
      await expect(handler!.handle(message)).rejects.toThrow('FUNDED.ACTIVATION_IN_PROGRESS');
      // The holder died: once its lease is over the handler's retry funds the trader, and a further delivery is a no-op.
      clock.advanceMinutes(61);
      await handler!.handle(message);
      expect((await ctx.platform.get(UNIT_OF_WORK).run((tx) => tx.challenges.findById(challengeId)))?.status).toBe('funded');
      await handler!.handle(message);
      expect(await knex()('funded_accounts').where({ challenge_id: challengeId }).pluck('id')).toEqual([`held-${userId}`]);
    });
  },
  { clock },
);
