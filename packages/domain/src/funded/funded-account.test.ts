import { describe, expect, it } from 'vitest';
import { AgreementSignature } from '../agreement/agreement-signature.js';
import { AgreementVersion, FUNDED_TRADER_AGREEMENT } from '../agreement/agreement-version.js';
import { KycCase } from '../kyc/kyc-case.js';
import { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { ScalingPolicy } from '../scaling/scaling-policy.js';
import { unwrap } from '../shared/result.js';
import { FundedAccount } from './funded-account.js';
import { calendar, FUNDED_AT, liteTerms, openAccount, openInput, trade } from './testing/funded-fixtures.js';

const at = (iso: string) => new Date(iso);
/** Start of trading day 2026-01-26 (21 trading days after 2026-01-05): 2026-01-25 17:00 New York. */
const FIRST_ELIGIBLE = at('2026-01-25T22:00:00Z');

function requestAndPay(account: FundedAccount, payoutId: string, requestedAt: Date, paidAt: Date) {
  unwrap(account.requestPayout({ payoutId, actor: 'trader-1', at: requestedAt }, calendar));
  unwrap(account.approvePayout({ payoutId, actor: 'admin-1', at: requestedAt }));
  return unwrap(account.markPayoutPaid({ payoutId, actor: 'admin-1', at: paidAt, paymentReference: `wire-${payoutId}` }));
}

const BREACH = {
  rule: 'daily_loss',
  floor: '95000',
  equity: '95000',
  balance: '101000',
  tick: null,
  at: FUNDED_AT.toISOString(),
  tradingDay: '2026-01-05',
  inputHash: 'a'.repeat(64),
} as const;

describe('FundedAccount creation', () => {
  it('opens after approved KYC and the signed agreement, with the same initial balance and the model split', () => {
    const result = FundedAccount.open(openInput());
    expect(result.ok).toBe(true);
    const account = unwrap(result);
    expect(account.balance.toFixed()).toBe('100000.00');
    expect(account.split.points.toString()).toBe('80');
    expect(account.pullEvents().map((e) => e.type)).toEqual(['FundedAccountOpened']);
  });

  it('takes the KYC case and the signature record themselves', () => {
    const kyc = unwrap(KycCase.open({ id: 'kyc-9', traderId: 'trader-1', provider: 'manual', country: 'FR', at: FUNDED_AT }));
    unwrap(kyc.startVerification({ actor: 'admin', at: FUNDED_AT }));
    const agreement = unwrap(
      AgreementVersion.publish({ agreementId: FUNDED_TRADER_AGREEMENT, version: '2026-01', text: 'Terms.', at: FUNDED_AT }),
    );
    const signature = unwrap(
      AgreementSignature.sign({
        id: 'sig-9',
        traderId: 'trader-1',
        agreement,
        presentedTextHash: agreement.textHash,
        typedName: 'Ada Lovelace',
        ipAddress: '198.51.100.4',
        userAgent: 'test',
        at: FUNDED_AT,
      }),
    );
    const pending = FundedAccount.open(openInput({ kyc, agreement: signature }));
    expect(!pending.ok && pending.error.code).toBe('FUNDED.KYC_NOT_APPROVED');
    unwrap(kyc.approve({ actor: 'admin', at: FUNDED_AT, prohibitedCountries: ProhibitedCountries.default() }));
    const opened = unwrap(FundedAccount.open(openInput({ kyc, agreement: signature })));
    expect(opened.toState()).toMatchObject({ kycCaseId: 'kyc-9', agreementSignatureId: 'sig-9', agreementVersion: '2026-01' });
  });

  it('refuses without approved KYC', () => {
    const result = FundedAccount.open(openInput({ kyc: { id: 'k', traderId: 'trader-1', status: 'in_progress', country: 'DE' } }));
    expect(!result.ok && result.error.code).toBe('FUNDED.KYC_NOT_APPROVED');
    const other = FundedAccount.open(openInput({ kyc: { id: 'k', traderId: 'someone-else', status: 'approved', country: 'DE' } }));
    expect(!other.ok && other.error.code).toBe('FUNDED.KYC_NOT_APPROVED');
  });

  it('refuses without the signed funded-trader agreement', () => {
    const result = FundedAccount.open(openInput({ agreement: null }));
    expect(!result.ok && result.error.code).toBe('FUNDED.AGREEMENT_NOT_SIGNED');
  });

  it('refuses a trader from a prohibited country', () => {
    const result = FundedAccount.open(openInput({ traderCountry: 'us' }));
    expect(!result.ok && result.error.code).toBe('KYC.PROHIBITED_COUNTRY');
    expect(!result.ok && result.error.details).toMatchObject({ country: 'US', reason: 'regulatory', activity: 'funding' });
  });
});

describe('Payout eligibility (section 5)', () => {
  it('opens the first request after the first-payout trading days, at the reset', () => {
    const account = openAccount();
    trade(account, '8000', at('2026-01-10T15:00:00Z'));
    const early = account.requestPayout({ payoutId: 'p1', actor: 't', at: new Date(FIRST_ELIGIBLE.getTime() - 1) }, calendar);
    expect(!early.ok && early.error.code).toBe('PAYOUT.NOT_ELIGIBLE');
    expect(!early.ok && early.error.details['reasons']).toEqual(['FIRST_PAYOUT_DAYS_NOT_REACHED']);
    expect(account.payoutEligibility(FIRST_ELIGIBLE, calendar)).toMatchObject({
      eligible: true,
      eligibleFrom: FIRST_ELIGIBLE,
      tradingDaysElapsed: 21,
      requiredTradingDays: 21,
    });
  });

  it('needs no open positions and a positive profit', () => {
    const account = openAccount();
    unwrap(account.recordPositionOpened({ positionId: 'open-1', at: FUNDED_AT }));
    expect(account.payoutEligibility(FIRST_ELIGIBLE, calendar).reasons).toEqual(['OPEN_POSITIONS', 'NO_PROFIT']);
    unwrap(account.recordPositionClosed({ positionId: 'open-1', netProfit: Money.of('-200'), at: FUNDED_AT }, calendar));
    expect(account.payoutEligibility(FIRST_ELIGIBLE, calendar).reasons).toEqual(['NO_PROFIT']);
    trade(account, '200', FUNDED_AT);
    expect(account.payoutEligibility(FIRST_ELIGIBLE, calendar).reasons).toEqual(['NO_PROFIT']);
    trade(account, '0.01', FUNDED_AT);
    expect(account.payoutEligibility(FIRST_ELIGIBLE, calendar).eligible).toBe(true);
  });

  it('counts later payouts from the previous request, in cycle days', () => {
    const account = openAccount();
    trade(account, '1000', FUNDED_AT);
    requestAndPay(account, 'p1', FIRST_ELIGIBLE, FIRST_ELIGIBLE);
    trade(account, '500', at('2026-01-27T15:00:00Z'));
    // Requested on trading day 2026-01-26; 14 trading days later is 2026-02-09, starting 2026-02-08 22:00Z.
    const next = at('2026-02-08T22:00:00Z');
    expect(account.payoutEligibility(new Date(next.getTime() - 1), calendar).reasons).toEqual(['CYCLE_DAYS_NOT_REACHED']);
    expect(account.payoutEligibility(next, calendar).eligible).toBe(true);
  });

  it('allows one payout in progress at a time', () => {
    const account = openAccount();
    trade(account, '1000', FUNDED_AT);
    unwrap(account.requestPayout({ payoutId: 'p1', actor: 't', at: FIRST_ELIGIBLE }, calendar));
    trade(account, '1000', FIRST_ELIGIBLE);
    const second = account.requestPayout({ payoutId: 'p2', actor: 't', at: at('2026-03-01T00:00:00Z') }, calendar);
    expect(!second.ok && second.error.code).toBe('PAYOUT.ALREADY_PENDING');
  });
});

describe('Payout maths and lifecycle', () => {
  it('100k funded at 108,000: trader share 6,400, withdrawal 8,000, balance back to 100,000', () => {
    const account = openAccount({ terms: liteTerms });
    trade(account, '8000', at('2026-01-12T15:00:00Z'));
    expect(account.balance.toFixed()).toBe('108000.00');
    const payout = unwrap(account.requestPayout({ payoutId: 'p1', actor: 'trader-1', at: FIRST_ELIGIBLE }, calendar));
    expect(payout.profit.toFixed()).toBe('8000.00');
    expect(payout.traderShare.toFixed()).toBe('6400.00');
    expect(payout.feeRefund.toFixed()).toBe('0.00');
    expect(account.balance.toFixed()).toBe('100000.00');
    const [event] = account.pullEvents();
    expect(event).toMatchObject({
      type: 'PayoutRequested',
      occurredAt: FIRST_ELIGIBLE,
      payload: { balanceOperation: '-8000.00', traderShare: '6400.00', actor: 'trader-1' },
    });
  });

  it('books the trader share to the cent, half-up', () => {
    const account = openAccount({ terms: { ...liteTerms, split: Percent.of(90) } });
    trade(account, '0.15', FUNDED_AT); // 0.135 → 0.14
    const payout = unwrap(account.requestPayout({ payoutId: 'p1', actor: 't', at: FIRST_ELIGIBLE }, calendar));
    expect(payout.traderShare.toFixed()).toBe('0.14');
  });

  it('goes requested → approved → paid with actor and time, and is paid at most once', () => {
    const account = openAccount();
    trade(account, '2000', FUNDED_AT);
    unwrap(account.requestPayout({ payoutId: 'p1', actor: 'trader-1', at: FIRST_ELIGIBLE }, calendar));
    const approvedAt = at('2026-01-26T10:00:00Z');
    const paidAt = at('2026-01-26T12:00:00Z');
    unwrap(account.approvePayout({ payoutId: 'p1', actor: 'admin-7', at: approvedAt }));
    const paid = unwrap(account.markPayoutPaid({ payoutId: 'p1', actor: 'admin-8', at: paidAt, paymentReference: 'wire-1' }));
    expect(paid).toMatchObject({ status: 'paid', approvedBy: 'admin-7', approvedAt, paidBy: 'admin-8', paidAt });
    account.pullEvents();
    const again = account.markPayoutPaid({ payoutId: 'p1', actor: 'admin-8', at: paidAt, paymentReference: 'wire-1' });
    expect(!again.ok && again.error.code).toBe('PAYOUT.ALREADY_PAID');
    expect(account.pendingEvents).toHaveLength(0);
  });

  it('cannot pay before approval', () => {
    const account = openAccount();
    trade(account, '2000', FUNDED_AT);
    unwrap(account.requestPayout({ payoutId: 'p1', actor: 't', at: FIRST_ELIGIBLE }, calendar));
    const paid = account.markPayoutPaid({ payoutId: 'p1', actor: 'a', at: FIRST_ELIGIBLE, paymentReference: 'x' });
    expect(!paid.ok && paid.error.code).toBe('PAYOUT.NOT_APPROVED');
  });

  it('a rejection gives the profit back and the payout number is reused', () => {
    const account = openAccount();
    trade(account, '3000', FUNDED_AT);
    unwrap(account.requestPayout({ payoutId: 'p1', actor: 't', at: FIRST_ELIGIBLE }, calendar));
    const rejected = unwrap(account.rejectPayout({ payoutId: 'p1', actor: 'admin', at: FIRST_ELIGIBLE, reason: 'consistency' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'admin', rejectionReason: 'consistency' });
    expect(account.balance.toFixed()).toBe('103000.00');
    const retry = unwrap(account.requestPayout({ payoutId: 'p2', actor: 't', at: FIRST_ELIGIBLE }, calendar));
    expect(retry.number).toBe(1);
    expect(retry.feeRefund.toFixed()).toBe('449.00');
  });

  it('24-hour guarantee: exactly 24 h is on time, later earns 1,000', () => {
    const onTime = openAccount();
    trade(onTime, '1000', FUNDED_AT);
    const deadline = new Date(FIRST_ELIGIBLE.getTime() + 24 * 3_600_000);
    const paidOnTime = requestAndPay(onTime, 'p1', FIRST_ELIGIBLE, deadline);
    expect(paidOnTime.deadline).toEqual(deadline);
    expect(paidOnTime.compensation.toFixed()).toBe('0.00');
    expect(onTime.pullEvents().map((e) => e.type)).not.toContain('PayoutCompensationGranted');

    const late = openAccount();
    trade(late, '1000', FUNDED_AT);
    const paidLate = requestAndPay(late, 'p1', FIRST_ELIGIBLE, new Date(deadline.getTime() + 1));
    expect(paidLate.compensation.toFixed()).toBe('1000.00');
    expect(paidLate.total.toFixed()).toBe(Money.of('800').plus(Money.of('449')).plus(Money.of('1000')).toFixed());
    const events = late.pullEvents();
    expect(events.find((e) => e.type === 'PayoutCompensationGranted')?.payload).toMatchObject({ amount: '1000.00' });
  });

  it('refunds the challenge fee with the first payout on 2-Step', () => {
    const account = openAccount();
    trade(account, '1000', FUNDED_AT);
    const paid = requestAndPay(account, 'p1', FIRST_ELIGIBLE, FIRST_ELIGIBLE);
    expect(paid.traderShare.toFixed()).toBe('800.00');
    expect(paid.feeRefund.toFixed()).toBe('449.00');
    expect(paid.total.toFixed()).toBe('1249.00');
  });

  it('refunds the challenge fee with the third payout on Lite and 1-Step', () => {
    const account = openAccount({ terms: liteTerms, modelId: 'stellar_lite', challengeFee: Money.of(359) });
    const requests = [FIRST_ELIGIBLE, at('2026-02-08T22:00:00Z'), at('2026-02-22T22:00:00Z')];
    const refunds = requests.map((requestedAt, i) => {
      trade(account, '1000', requestedAt);
      return requestAndPay(account, `p${i + 1}`, requestedAt, requestedAt).feeRefund.toFixed();
    });
    expect(refunds).toEqual(['0.00', '0.00', '359.00']);
  });

  it('pays 90% after scaling', () => {
    const account = openAccount({ at: at('2025-12-20T15:00:00Z') });
    const policy = new ScalingPolicy(calendar);
    for (const month of ['01', '02', '03', '04']) trade(account, '3000', at(`2026-${month}-10T15:00:00Z`));
    requestAndPay(account, 'p1', at('2026-03-05T15:00:00Z'), at('2026-03-05T16:00:00Z'));
    trade(account, '100', at('2026-03-20T15:00:00Z'));
    requestAndPay(account, 'p2', at('2026-03-20T16:00:00Z'), at('2026-03-20T17:00:00Z'));
    const decision = unwrap(account.reviewScaling({ at: at('2026-05-04T15:00:00Z') }, policy));
    expect(decision.eligible).toBe(true);
    expect(account.split.points.toString()).toBe('90');
    expect(account.initialBalance.toFixed()).toBe('140000.00');
    trade(account, '10000', at('2026-05-05T15:00:00Z'));
    const payout = unwrap(account.requestPayout({ payoutId: 'p3', actor: 't', at: at('2026-05-20T15:00:00Z') }, calendar));
    expect(payout.traderShare.toFixed()).toBe('9000.00');
    expect(account.balance.toFixed()).toBe('140000.00');
  });

  it('ends with its trading account\'s breach once, which blocks payouts', () => {
    const account = openAccount();
    trade(account, '1000', FUNDED_AT);
    account.pullEvents();
    unwrap(account.endOnBreach(BREACH, FUNDED_AT));
    unwrap(account.endOnBreach(BREACH, FUNDED_AT));
    expect(account.pullEvents().map((e) => e.type)).toEqual(['FundedAccountBreached']);
    expect(account.breachRecord).toEqual(BREACH);
    const request = account.requestPayout({ payoutId: 'p1', actor: 't', at: FIRST_ELIGIBLE }, calendar);
    expect(!request.ok && request.error.code).toBe('FUNDED.NOT_ACTIVE');
  });

  it('refuses a payout while its trading account handles a detected breach', () => {
    const account = openAccount();
    trade(account, '1000', FUNDED_AT);
    const request = account.requestPayout({ payoutId: 'p1', actor: 't', at: FIRST_ELIGIBLE, breachPending: true }, calendar);
    expect(!request.ok && request.error.details['reasons']).toEqual(['ACCOUNT_NOT_ACTIVE']);
  });

  it('is active again once an admin cleared the breach, keeping the original verdict', () => {
    const account = openAccount();
    unwrap(account.endOnBreach(BREACH, FUNDED_AT));
    account.pullEvents();
    const cleared = new Date(FUNDED_AT.getTime() + 3_600_000);
    const override = { adminId: 'admin-1', reason: 'Bad price', at: cleared, breachedAt: FUNDED_AT, original: BREACH, balance: '100000', equity: '100000' };
    unwrap(account.reinstate(override));
    unwrap(account.reinstate(override));
    expect(account.status).toBe('active');
    expect(account.breachOverrides).toEqual([override]);
    expect(account.pullEvents().map((e) => e.type)).toEqual(['FundedAccountReinstated']);
  });

  it('survives a toState/restore round trip', () => {
    const account = openAccount();
    trade(account, '1000', FUNDED_AT);
    requestAndPay(account, 'p1', FIRST_ELIGIBLE, FIRST_ELIGIBLE);
    const restored = FundedAccount.restore(account.toState());
    expect(restored.toState()).toEqual(account.toState());
    expect(restored.payouts()[0]?.total.toFixed()).toBe('1249.00');
    expect(typeof restored.toState().balance).toBe('string');
    expect(restored.toState().openedAt).toBeInstanceOf(Date);
  });
});
