import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { accountBreachEmail } from './account-breach.js';
import { certificateAwardedEmail } from './certificate-awarded.js';
import { earlyWarningEmail } from './early-warning.js';
import type { RenderedEmail } from './email-content.js';
import { kycDecidedEmail } from './kyc-decided.js';
import { kycRequestedEmail } from './kyc-requested.js';
import { passwordResetEmail } from './password-reset.js';
import { payoutStatusChangedEmail } from './payout-status-changed.js';
import { phasePassedEmail } from './phase-passed.js';
import { purchaseReceiptEmail } from './purchase-receipt.js';
import { escapeHtml } from './render-email.js';
import { trialChargeFailedEmail } from './trial-charge-failed.js';
import { trialReminderEmail } from './trial-reminder.js';

const d = (value: string): Decimal => new Decimal(value);

/** Every figure must reach the reader in both bodies; HTML may only differ by escaping. */
function expectInBoth(email: RenderedEmail, ...figures: string[]): void {
  for (const figure of figures) {
    expect(email.text).toContain(figure);
    expect(email.html).toContain(escapeHtml(figure));
  }
}

/** A labelled figure: "Label: value" in the text, a table row in the HTML. */
function expectFacts(email: RenderedEmail, ...facts: [label: string, value: string][]): void {
  for (const [label, value] of facts) {
    expect(email.text).toContain(`${label}: ${value}`);
    expect(email.html).toMatch(new RegExp(`>${escapeRegExp(escapeHtml(label))}</th><td[^>]*>${escapeRegExp(escapeHtml(value))}</td>`));
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('purchase receipt', () => {
  it('shows the order, the price, the fee and the total', () => {
    const email = purchaseReceiptEmail({
      traderName: 'Jane Doe',
      orderId: 'ord_42',
      productName: '2-Step Challenge 100,000 USD',
      price: d('549'),
      gatewayFee: d('16.47'),
      total: d('565.47'),
      currency: 'USD',
      gateway: 'stripe',
      paidAt: new Date('2025-03-04T10:00:00Z'),
      dashboardUrl: 'https://app.tradesense.example/dashboard',
    });
    expect(email.subject).toBe('Receipt for order ord_42');
    expectInBoth(email, 'Jane Doe', 'ord_42', '549.00 USD', '16.47 USD', '565.47 USD', 'stripe', '2025-03-04 10:00:00 UTC');
  });

  it('shows what a gateway settling in another currency took, and at which rate', () => {
    const email = purchaseReceiptEmail({
      traderName: 'Jane Doe',
      orderId: 'ord_43',
      productName: 'Stellar 1-Step 5,000 USD',
      price: d('59'),
      gatewayFee: d('1.18'),
      total: d('60.18'),
      currency: 'USD',
      charge: { amount: d('5062.55'), currency: 'INR', rate: d('84.1234') },
      gateway: 'upi',
      paidAt: new Date('2025-03-04T10:00:00Z'),
      dashboardUrl: 'https://app.tradesense.example/dashboard',
    });
    expectFacts(email, ['Total paid', '60.18 USD'], ['Charged', '5,062.55 INR at 84.1234 INR per USD'], ['Paid with', 'upi']);
  });
});

describe('phase passed', () => {
  const base = {
    traderName: 'Jane Doe',
    challengeId: 'ch_1',
    accountLogin: '700123',
    profit: d('8000.5'),
    currency: 'USD',
    passedAt: new Date('2025-03-04T15:30:00Z'),
    dashboardUrl: 'https://app.tradesense.example/challenges/ch_1',
  };

  it('announces the next phase after phase 1', () => {
    const email = phasePassedEmail({ ...base, phase: 1, finalPhase: false });
    expect(email.subject).toContain('Phase 1');
    expectInBoth(email, 'Phase 2', '8,000.50 USD', '700123');
  });

  it('asks for KYC after the last phase', () => {
    const email = phasePassedEmail({ ...base, phase: 2, finalPhase: true });
    expectInBoth(email, 'identity verification (KYC)');
    expect(email.text).not.toContain('Phase 3');
  });
});

describe('breach', () => {
  const input = {
    traderName: 'Jane Doe',
    owner: { kind: 'challenge_phase' as const, id: 'ch_1' },
    accountLogin: '700123',
    currency: 'USD',
    metricsUrl: 'https://app.tradesense.example/accounts/700123',
    breach: {
      rule: 'daily_loss' as const,
      floor: d('95000'),
      equity: d('95000'),
      balance: d('102000'),
      tick: { symbol: 'EURUSD', bid: d('1.08523'), ask: d('1.08531'), time: new Date('2025-03-04T14:05:09.123Z') },
      at: new Date('2025-03-04T14:05:09.200Z'),
    },
  };

  it('carries the full breach record', () => {
    const email = accountBreachEmail(input);
    expect(email.subject).toBe('Account 700123: Daily loss limit breached');
    expectInBoth(email, 'Daily loss limit', '700123', 'ch_1');
    expectFacts(
      email,
      ['Floor', '95,000.00 USD'],
      ['Equity', '95,000.00 USD'],
      ['Balance', '102,000.00 USD'],
      ['Tick symbol', 'EURUSD'],
      ['Tick bid', '1.08523'],
      ['Tick ask', '1.08531'],
      ['Tick time', '2025-03-04 14:05:09 UTC'],
      ['Breached at', '2025-03-04 14:05:09 UTC'],
    );
  });

  it('names a balance change when no tick triggered the breach', () => {
    const email = accountBreachEmail({ ...input, breach: { ...input.breach, rule: 'max_loss', tick: null } });
    expectInBoth(email, 'Maximum loss limit');
    expectFacts(email, ['Trigger', 'Balance change']);
    expect(email.text).not.toContain('Tick symbol');
  });

  it('names what ended, the same e-mail for every kind of account', () => {
    const ended = (kind: 'challenge_phase' | 'funded_account' | 'competition_entry') => accountBreachEmail({ ...input, owner: { kind, id: 'x-1' } });
    expectInBoth(ended('challenge_phase'), 'the challenge has ended');
    expectFacts(ended('challenge_phase'), ['Challenge', 'x-1']);
    expectInBoth(ended('funded_account'), 'the funded account has ended', 'no further payout');
    expectFacts(ended('funded_account'), ['Funded account', 'x-1']);
    expectInBoth(ended('competition_entry'), 'your competition entry has ended');
    expectFacts(ended('competition_entry'), ['Competition entry', 'x-1']);
    expect(ended('challenge_phase').subject).toBe(ended('funded_account').subject);
  });
});

describe('early warning', () => {
  it('shows how much of the limit is used and what is left', () => {
    const email = earlyWarningEmail({
      traderName: 'Jane Doe',
      accountLogin: '700123',
      limit: 'daily_loss',
      limitAmount: d('5000'),
      usedAmount: d('4000'),
      usedPercent: d('80'),
      remainingAmount: d('1000'),
      floor: d('95000'),
      equity: d('96000'),
      currency: 'USD',
      tradingDay: '2025-03-04',
      metricsUrl: 'https://app.tradesense.example/accounts/700123',
      owner: { kind: 'challenge_phase', id: 'ch_1' },
    });
    expect(email.subject).toContain('80.00%');
    expectInBoth(email, '95,000.00 USD', '96,000.00 USD', '4 March 2025');
    expectFacts(
      email,
      ['Limit', '5,000.00 USD'],
      ['Used', '4,000.00 USD (80.00%)'],
      ['Remaining', '1,000.00 USD'],
    );
  });
});

describe('KYC', () => {
  it('requests verification with the link', () => {
    const email = kycRequestedEmail({ traderName: 'Jane', challengeId: 'ch_1', verificationUrl: 'https://kyc.example/start?t=abc' });
    expectInBoth(email, 'ch_1', 'https://kyc.example/start?t=abc');
  });

  it('tells an approval with the agreement link', () => {
    const email = kycDecidedEmail({
      traderName: 'Jane',
      decision: { outcome: 'approved' },
      decidedAt: new Date('2025-03-05T09:00:00Z'),
      nextStepUrl: 'https://app.tradesense.example/agreement',
    });
    expect(email.subject).toContain('approved');
    expectInBoth(email, 'https://app.tradesense.example/agreement', '2025-03-05 09:00:00 UTC');
  });

  it('offers a retry only when the rejection allows one', () => {
    const retry = kycDecidedEmail({
      traderName: 'Jane',
      decision: { outcome: 'rejected', reason: 'Document expired', retryAllowed: true },
      decidedAt: new Date('2025-03-05T09:00:00Z'),
      nextStepUrl: 'https://kyc.example/retry',
    });
    expectInBoth(retry, 'Document expired', 'https://kyc.example/retry');
    const final = kycDecidedEmail({
      traderName: 'Jane',
      decision: { outcome: 'rejected', reason: 'Sanctioned country', retryAllowed: false },
      decidedAt: new Date('2025-03-05T09:00:00Z'),
      nextStepUrl: 'https://kyc.example/retry',
    });
    expectInBoth(final, 'Sanctioned country', 'final');
    expect(final.text).not.toContain('https://kyc.example/retry');
  });
});

describe('payout status change', () => {
  it('shows the amount, the status and the 24-hour deadline', () => {
    const email = payoutStatusChangedEmail({
      traderName: 'Jane',
      payoutId: 'po_9',
      status: 'paid',
      amount: d('6400'),
      currency: 'USD',
      changedAt: new Date('2025-04-02T11:00:00Z'),
      deadline: new Date('2025-04-02T10:00:00Z'),
      lateCompensation: d('1000'),
      payoutsUrl: 'https://app.tradesense.example/payouts',
    });
    expect(email.subject).toBe('Payout po_9: paid');
    expectInBoth(email, '2025-04-02 10:00:00 UTC');
    expectFacts(
      email,
      ['Amount', '6,400.00 USD'],
      ['Late payment compensation', '1,000.00 USD'],
    );
  });

  it('shows the reason of a rejection', () => {
    const email = payoutStatusChangedEmail({
      traderName: 'Jane',
      payoutId: 'po_9',
      status: 'rejected',
      amount: d('6400'),
      currency: 'USD',
      changedAt: new Date('2025-04-02T11:00:00Z'),
      deadline: new Date('2025-04-02T10:00:00Z'),
      reason: 'Open positions at request time',
      payoutsUrl: 'https://app.tradesense.example/payouts',
    });
    expectInBoth(email, 'rejected', 'Open positions at request time');
    expect(email.text).not.toContain('compensation');
  });
});

describe('certificate awarded', () => {
  it('links to the verification page and names the id', () => {
    const email = certificateAwardedEmail({
      traderName: 'Jane',
      title: 'Elite Trader',
      certificateId: 'c_9d2f61b0a4e7',
      awardedOn: '2025-03-04',
      verificationUrl: 'https://tradesense.example/verify/c_9d2f61b0a4e7',
    });
    expect(email.subject).toContain('Elite Trader');
    expectInBoth(email, 'c_9d2f61b0a4e7', '4 March 2025', 'https://tradesense.example/verify/c_9d2f61b0a4e7');
  });
});

describe('trials', () => {
  it('reminds 24 hours before the charge with amount and time', () => {
    const email = trialReminderEmail({
      traderName: 'Jane',
      planName: '1-Step 50,000 USD',
      chargeAmount: d('299'),
      currency: 'USD',
      chargeAt: new Date('2025-03-11T10:00:00Z'),
      cancelUrl: 'https://app.tradesense.example/trial/cancel',
    });
    expect(email.subject).toContain('299.00 USD');
    expectInBoth(email, '299.00 USD', '2025-03-11 10:00:00 UTC', 'https://app.tradesense.example/trial/cancel');
  });

  it('announces the next retry of a failed charge', () => {
    const email = trialChargeFailedEmail({
      traderName: 'Jane',
      planName: '1-Step 50,000 USD',
      amount: d('299'),
      currency: 'USD',
      attempt: 1,
      nextRetryAt: new Date('2025-03-12T10:00:00Z'),
      updatePaymentUrl: 'https://app.tradesense.example/billing',
    });
    expectInBoth(email, '299.00 USD');
    expectFacts(
      email,
      ['Attempt', '1'],
      ['Next attempt', '2025-03-12 10:00:00 UTC'],
    );
  });

  it('announces the expiry after the last failed retry', () => {
    const email = trialChargeFailedEmail({
      traderName: 'Jane',
      planName: '1-Step 50,000 USD',
      amount: d('299'),
      currency: 'USD',
      attempt: 3,
      nextRetryAt: null,
      updatePaymentUrl: 'https://app.tradesense.example/billing',
    });
    expect(email.subject).toBe('Your trial has expired');
    expectInBoth(email, 'expired');
    expectFacts(email, ['Attempt', '3']);
    expect(email.text).not.toContain('Next attempt');
  });
});

describe('password reset', () => {
  it('carries the reset link and its expiry', () => {
    const email = passwordResetEmail({
      name: 'Jane',
      resetUrl: 'https://app.tradesense.example/reset?token=s3cr3t',
      expiresAt: new Date('2025-03-04T11:00:00Z'),
    });
    expectInBoth(email, 'Hello Jane,', 'https://app.tradesense.example/reset?token=s3cr3t', '2025-03-04 11:00:00 UTC');
  });

  it('greets without a name when the request carries only an address', () => {
    const email = passwordResetEmail({ resetUrl: 'https://app.tradesense.example/reset?token=t', expiresAt: new Date('2025-03-04T11:00:00Z') });
    expect(email.text.startsWith('Hello,\n')).toBe(true);
  });
});

describe('escaping in templates', () => {
  it('never places a trader-supplied name raw into the HTML', () => {
    const email = passwordResetEmail({
      name: '<img src=x onerror=alert(1)>',
      resetUrl: 'https://app.tradesense.example/reset?token=t',
      expiresAt: new Date('2025-03-04T11:00:00Z'),
    });
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.text).toContain('<img src=x onerror=alert(1)>');
  });
});
