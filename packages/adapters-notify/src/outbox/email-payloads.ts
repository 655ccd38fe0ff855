import { Decimal } from 'decimal.js';
import { z } from 'zod';

/**
 * The JSON shapes of `email.*` outbox messages: the template inputs with
 * amounts as decimal strings and instants as ISO strings, plus `to`. Parsing
 * here (not trusting the row) means a malformed message fails loudly and is
 * parked for an admin instead of sending a wrong figure.
 */
const money = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const d = new Decimal(v);
  if (!d.isFinite()) ctx.addIssue({ code: 'custom', message: 'not a number' });
  return d;
});
const instant = z.union([z.string(), z.date()]).transform((v) => new Date(v)).refine((d) => !Number.isNaN(d.getTime()), 'not an instant');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const name = z.string().min(1);
const url = z.url();
const lossLimit = z.enum(['daily_loss', 'max_loss']);
const accountOwner = z.object({ kind: z.enum(['challenge_phase', 'funded_account', 'competition_entry']), id: z.string() });
const breachRecord = z.object({
  rule: lossLimit, floor: money, equity: money, balance: money, at: instant,
  tick: z.object({ symbol: z.string(), bid: money, ask: money, time: instant }).nullable().default(null),
});

export const emailPayloads = {
  'email.purchase_receipt': z.object({
    to: z.email(), traderName: name, orderId: z.string(), productName: z.string(), price: money, gatewayFee: money,
    total: money, currency: z.string(), gateway: z.string(), paidAt: instant, dashboardUrl: url,
    charge: z.object({ amount: money, currency: z.string(), rate: money }).nullable().default(null),
  }),
  'email.phase_passed': z.object({
    to: z.email(), traderName: name, challengeId: z.string(), accountLogin: z.string(), phase: z.number().int(),
    finalPhase: z.boolean(), profit: money, currency: z.string(), passedAt: instant, dashboardUrl: url,
  }),
  // One breach e-mail for every kind of account (docs/rules.md §4).
  'email.account_breach': z.object({
    to: z.email(), traderName: name, owner: accountOwner, accountLogin: z.string(), currency: z.string(), metricsUrl: url,
    breach: breachRecord,
  }),
  // Written before every kind of account shared one breach e-mail; still delivered, with the same template.
  'email.breach': z.object({
    to: z.email(), traderName: name, challengeId: z.string(), accountLogin: z.string(), currency: z.string(), metricsUrl: url,
    breach: breachRecord,
  }).transform(({ challengeId, ...rest }) => ({ ...rest, owner: { kind: 'challenge_phase' as const, id: challengeId } })),
  'email.funded_breach': z.object({
    to: z.email(), traderName: name, fundedAccountId: z.string(), accountLogin: z.string(), currency: z.string(), metricsUrl: url,
    breach: breachRecord,
  }).transform(({ fundedAccountId, ...rest }) => ({ ...rest, owner: { kind: 'funded_account' as const, id: fundedAccountId } })),
  'email.early_warning': z.object({
    to: z.email(), traderName: name, accountLogin: z.string(), limit: lossLimit, limitAmount: money, usedAmount: money,
    usedPercent: money, remainingAmount: money, floor: money, equity: money, currency: z.string(), tradingDay: day, metricsUrl: url,
    // What ends at the floor; messages written before every kind shared this e-mail name a `subject` and an id instead.
    owner: accountOwner.optional(),
    subject: z.enum(['challenge', 'funded']).default('challenge'),
    challengeId: z.string().optional(),
    fundedAccountId: z.string().optional(),
  }).transform(({ owner, subject, challengeId, fundedAccountId, ...rest }) => ({
    ...rest,
    owner: owner ?? (subject === 'funded'
      ? { kind: 'funded_account' as const, id: fundedAccountId ?? '' }
      : { kind: 'challenge_phase' as const, id: challengeId ?? '' }),
  })),
  'email.kyc_requested': z.object({ to: z.email(), traderName: name, challengeId: z.string(), verificationUrl: url }),
  'email.kyc_decided': z.object({
    to: z.email(), traderName: name,
    decision: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('approved') }),
      z.object({ outcome: z.literal('rejected'), reason: z.string(), retryAllowed: z.boolean() }),
    ]),
    decidedAt: instant, nextStepUrl: url,
  }),
  'email.payout_status': z.object({
    to: z.email(), traderName: name, payoutId: z.string(), status: z.enum(['requested', 'approved', 'paid', 'rejected']),
    amount: money, currency: z.string(), changedAt: instant, deadline: instant, lateCompensation: money.optional(),
    reason: z.string().optional(), payoutsUrl: url,
  }),
  'email.certificate_awarded': z.object({
    to: z.email(), traderName: name, title: z.enum(['Elite Trader', 'Crown Trader', 'Max Allocation']), certificateId: z.string(),
    awardedOn: day, verificationUrl: url,
  }),
  'email.trial_reminder': z.object({
    to: z.email(), traderName: name, planName: z.string(), chargeAmount: money, currency: z.string(), chargeAt: instant, cancelUrl: url,
  }),
  'email.trial_charge_failed': z.object({
    to: z.email(), traderName: name, planName: z.string(), amount: money, currency: z.string(), attempt: z.number().int(),
    nextRetryAt: instant.nullable(), updatePaymentUrl: url,
  }),
  'email.password_reset': z.object({ to: z.email(), name: z.string().optional(), resetUrl: url, expiresAt: instant }),
  'email.trading_account_ready': z.object({
    to: z.email(), traderName: name.optional(), challengeId: z.string(), phase: z.number().int().nullable().default(1),
    modelName: z.string().nullable().default(null), initialBalance: money.nullable().default(null), currency: z.string().default('USD'),
    login: z.string(), password: z.string(), investorPassword: z.string().nullable().default(null), group: z.string().nullable().default(null),
  }),
} as const;

export type EmailTopic = keyof typeof emailPayloads;

/** Topics whose payload carries secrets (account passwords): scrubbed once delivered. */
export const SENSITIVE_EMAIL_TOPICS: readonly string[] = ['email.trading_account_ready', 'email.trading_account_credentials'];
