import { toMinorUnitString, type Order, type RuleSnapshot, type Trial, type User } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { ProvisionedAccount } from '../ports/commerce-repositories.js';

/**
 * The commerce e-mails as outbox messages, in the payload shapes the e-mail
 * handler validates (amounts as decimal strings, instants as ISO strings).
 */
export const traderName = (user: User): string => user.toState().displayName ?? user.email;

export function purchaseReceiptEmail(input: {
  readonly order: Order;
  readonly user: User;
  readonly productName: string;
  readonly dashboardUrl: string;
  readonly at: Date;
}): OutboxMessage {
  const s = input.order.toState();
  const quote = input.order.quote();
  const { amount: charge, rate } = input.order.chargeQuote();
  return {
    topic: 'email.purchase_receipt',
    aggregateType: 'order',
    aggregateId: s.id,
    payload: {
      to: input.user.email,
      traderName: traderName(input.user),
      orderId: s.id,
      productName: input.productName,
      price: quote.price.toFixed(),
      gatewayFee: quote.gatewayFee.toFixed(),
      total: quote.total.toFixed(),
      currency: s.currency,
      // Collected in another currency (UPI: rupees): what was taken and at which rate.
      charge: rate === null ? null : { amount: toMinorUnitString(charge.amount, charge.currency), currency: charge.currency, rate: rate.toFixed() },
      gateway: s.gatewayId,
      paidAt: input.at.toISOString(),
      dashboardUrl: input.dashboardUrl,
    },
    occurredAt: input.at,
  };
}

/** The new trading account and its passwords (scrubbed from the outbox once delivered). */
export function tradingAccountReadyEmail(input: {
  readonly user: User;
  readonly challengeId: string;
  readonly rules: RuleSnapshot;
  readonly account: ProvisionedAccount;
  readonly at: Date;
}): OutboxMessage {
  return {
    topic: 'email.trading_account_ready',
    aggregateType: 'challenge',
    aggregateId: input.challengeId,
    payload: {
      to: input.user.email,
      traderName: traderName(input.user),
      challengeId: input.challengeId,
      phase: 1,
      modelName: input.rules.modelName,
      initialBalance: input.rules.initialBalance.toFixed(),
      currency: input.rules.currency,
      login: input.account.login,
      password: input.account.password,
      investorPassword: input.account.investorPassword,
      group: input.account.group,
    },
    occurredAt: input.at,
  };
}

export function trialReminderEmail(input: {
  readonly trial: Trial;
  readonly user: User;
  readonly planName: string;
  readonly cancelUrl: string;
  readonly at: Date;
}): OutboxMessage {
  return {
    topic: 'email.trial_reminder',
    aggregateType: 'trial',
    aggregateId: input.trial.id,
    payload: {
      to: input.user.email,
      traderName: traderName(input.user),
      planName: input.planName,
      chargeAmount: input.trial.price.toFixed(),
      currency: input.trial.price.currency,
      chargeAt: input.trial.endsAt.toISOString(),
      cancelUrl: input.cancelUrl,
    },
    occurredAt: input.at,
  };
}

export function trialChargeFailedEmail(input: {
  readonly trial: Trial;
  readonly user: User;
  readonly planName: string;
  readonly updatePaymentUrl: string;
  readonly at: Date;
}): OutboxMessage {
  const next = input.trial.nextChargeAt();
  return {
    topic: 'email.trial_charge_failed',
    aggregateType: 'trial',
    aggregateId: input.trial.id,
    payload: {
      to: input.user.email,
      traderName: traderName(input.user),
      planName: input.planName,
      amount: input.trial.price.toFixed(),
      currency: input.trial.price.currency,
      attempt: input.trial.attempts.length,
      nextRetryAt: next ? next.toISOString() : null,
      updatePaymentUrl: input.updatePaymentUrl,
    },
    occurredAt: input.at,
  };
}
