import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney, formatPrice } from '../formatting/format.js';
import { ownerWording, type AccountOwnerEmail } from './account-owner.js';
import { lossLimitLabel, type LossLimit } from './loss-limit.js';
import { renderEmail } from './render-email.js';

/** The full breach record as the breach engine stores it. */
export interface BreachRecordEmail {
  readonly rule: LossLimit;
  readonly floor: Decimal;
  readonly equity: Decimal;
  readonly balance: Decimal;
  /** The tick that was evaluated; null when a balance change (not a price) crossed the floor. */
  readonly tick: {
    readonly symbol: string;
    readonly bid: Decimal;
    readonly ask: Decimal;
    readonly time: Date;
  } | null;
  readonly at: Date;
}

export interface AccountBreachEmail {
  readonly traderName: string;
  readonly owner: AccountOwnerEmail;
  readonly accountLogin: string;
  readonly currency: string;
  readonly breach: BreachRecordEmail;
  readonly metricsUrl: string;
}

/**
 * A trading account reached a loss limit and was handled (docs/rules.md §4):
 * one e-mail for every kind of account, with the full record the engine
 * evaluated; only the name of what ended differs.
 */
export function accountBreachEmail(input: AccountBreachEmail): RenderedEmail {
  const { breach, currency } = input;
  const rule = lossLimitLabel(breach.rule);
  const { ends, label } = ownerWording(input.owner);
  const tickFacts: [string, string][] = breach.tick
    ? [
        ['Tick symbol', breach.tick.symbol],
        ['Tick bid', formatPrice(breach.tick.bid)],
        ['Tick ask', formatPrice(breach.tick.ask)],
        ['Tick time', formatInstant(breach.tick.time)],
      ]
    : [['Trigger', 'Balance change']];
  const funded = input.owner.kind === 'funded_account';
  return renderEmail({
    subject: `Account ${input.accountLogin}: ${rule} breached`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Your account ${input.accountLogin} reached the ${rule.toLowerCase()}: its equity was at or below the floor. ` +
        `Trading was disabled, open positions were closed and ${ends} has ended.`,
      ...(funded ? ['Payouts already paid are yours; no further payout can be requested on this account.'] : []),
      'The record below is exactly what the breach engine evaluated.',
    ],
    facts: [
      [label, input.owner.id],
      ['Account', input.accountLogin],
      ['Rule', rule],
      ['Floor', formatMoney(breach.floor, currency)],
      ['Equity', formatMoney(breach.equity, currency)],
      ['Balance', formatMoney(breach.balance, currency)],
      ...tickFacts,
      ['Breached at', formatInstant(breach.at)],
    ],
    action: { label: 'Review your account metrics', url: input.metricsUrl },
    closing: ['If you believe this breach is wrong, reply to this e-mail; support can review it with the record above.'],
  });
}
