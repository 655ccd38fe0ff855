import type { z } from 'zod';
import type { Mailer, OutboxHandler, StoredOutboxMessage } from '@tradesense/application';
import type { RenderedEmail } from '../templates/email-content.js';
import { accountBreachEmail } from '../templates/account-breach.js';
import { certificateAwardedEmail } from '../templates/certificate-awarded.js';
import { earlyWarningEmail } from '../templates/early-warning.js';
import { kycDecidedEmail } from '../templates/kyc-decided.js';
import { kycRequestedEmail } from '../templates/kyc-requested.js';
import { passwordResetEmail } from '../templates/password-reset.js';
import { payoutStatusChangedEmail } from '../templates/payout-status-changed.js';
import { phasePassedEmail } from '../templates/phase-passed.js';
import { purchaseReceiptEmail } from '../templates/purchase-receipt.js';
import { tradingAccountReadyEmail } from '../templates/trading-account-ready.js';
import { trialChargeFailedEmail } from '../templates/trial-charge-failed.js';
import { trialReminderEmail } from '../templates/trial-reminder.js';
import { emailPayloads, SENSITIVE_EMAIL_TOPICS } from './email-payloads.js';

type Renderer = (payload: unknown) => { to: string; email: RenderedEmail };

const parse = <K extends keyof typeof emailPayloads>(topic: K, payload: unknown): z.infer<(typeof emailPayloads)[K]> =>
  emailPayloads[topic].parse(payload) as z.infer<(typeof emailPayloads)[K]>;

const RENDERERS: Readonly<Record<string, Renderer>> = {
  'email.purchase_receipt': (p) => { const v = parse('email.purchase_receipt', p); return { to: v.to, email: purchaseReceiptEmail(v) }; },
  'email.phase_passed': (p) => { const v = parse('email.phase_passed', p); return { to: v.to, email: phasePassedEmail(v) }; },
  'email.account_breach': (p) => { const v = parse('email.account_breach', p); return { to: v.to, email: accountBreachEmail(v) }; },
  'email.breach': (p) => { const v = parse('email.breach', p); return { to: v.to, email: accountBreachEmail(v) }; },
  'email.funded_breach': (p) => { const v = parse('email.funded_breach', p); return { to: v.to, email: accountBreachEmail(v) }; },
  'email.early_warning': (p) => { const v = parse('email.early_warning', p); return { to: v.to, email: earlyWarningEmail(v) }; },
  'email.kyc_requested': (p) => { const v = parse('email.kyc_requested', p); return { to: v.to, email: kycRequestedEmail(v) }; },
  'email.kyc_decided': (p) => { const v = parse('email.kyc_decided', p); return { to: v.to, email: kycDecidedEmail(v) }; },
  'email.payout_status': (p) => { const v = parse('email.payout_status', p); return { to: v.to, email: payoutStatusChangedEmail(v) }; },
  'email.certificate_awarded': (p) => { const v = parse('email.certificate_awarded', p); return { to: v.to, email: certificateAwardedEmail(v) }; },
  'email.trial_reminder': (p) => { const v = parse('email.trial_reminder', p); return { to: v.to, email: trialReminderEmail(v) }; },
  'email.trial_charge_failed': (p) => { const v = parse('email.trial_charge_failed', p); return { to: v.to, email: trialChargeFailedEmail(v) }; },
  'email.password_reset': (p) => { const v = parse('email.password_reset', p); return { to: v.to, email: passwordResetEmail(v) }; },
  'email.trading_account_ready': (p) => {
    const v = parse('email.trading_account_ready', p);
    return { to: v.to, email: tradingAccountReadyEmail({ ...v, traderName: v.traderName ?? v.to }) };
  },
};
// Phase 2 and funded accounts announce their credentials under this name too.
const ALIASES: Readonly<Record<string, string>> = { 'email.trading_account_credentials': 'email.trading_account_ready' };

/**
 * Sends `email.*` outbox messages. The outbox message id is the message key,
 * so a redelivery after a crash carries the same Message-ID.
 */
export class EmailOutboxHandler implements OutboxHandler {
  readonly topics = ['email.*'];
  readonly sensitiveTopics = SENSITIVE_EMAIL_TOPICS;

  constructor(private readonly mailer: Mailer) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    const renderer = RENDERERS[ALIASES[message.topic] ?? message.topic];
    if (!renderer) throw new Error(`No e-mail template for ${message.topic}`);
    const { to, email } = renderer(message.payload);
    await this.mailer.send({ to, subject: email.subject, text: email.text, html: email.html, messageKey: `outbox-${message.id}` });
  }
}
