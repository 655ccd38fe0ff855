import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney, formatPrice } from '../formatting/format.js';
import type { BreachRecordEmail } from './breach.js';
import { lossLimitLabel } from './loss-limit.js';
import { renderEmail } from './render-email.js';

export interface FundedBreachEmail {
  readonly traderName: string;
  readonly fundedAccountId: string;
  readonly accountLogin: string;
  readonly currency: string;
  readonly breach: BreachRecordEmail;
  readonly metricsUrl: string;
}

/** A funded account reached a loss limit: the same full record as a challenge's breach e-mail. */
export function fundedBreachEmail(input: FundedBreachEmail): RenderedEmail {
  const { breach, currency } = input;
  const rule = lossLimitLabel(breach.rule);
  const tickFacts: [string, string][] = breach.tick
    ? [
        ['Tick symbol', breach.tick.symbol],
        ['Tick bid', formatPrice(breach.tick.bid)],
        ['Tick ask', formatPrice(breach.tick.ask)],
        ['Tick time', formatInstant(breach.tick.time)],
      ]
    : [['Trigger', 'Balance change']];
  return renderEmail({
    subject: `Funded account ${input.accountLogin}: ${rule} breached`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Your funded account ${input.accountLogin} reached the ${rule.toLowerCase()}: its equity was at or below the floor. ` +
        'Trading was disabled, open positions were closed and the funded account has ended.',
      'Payouts already paid are yours; no further payout can be requested on this account. ' +
        'The record below is exactly what the breach engine evaluated.',
    ],
    facts: [
      ['Funded account', input.fundedAccountId],
      ['Account', input.accountLogin],
      ['Rule', rule],
      ['Floor', formatMoney(breach.floor, currency)],
      ['Equity', formatMoney(breach.equity, currency)],
      ['Balance', formatMoney(breach.balance, currency)],
      ...tickFacts,
      ['Breached at', formatInstant(breach.at)],
    ],
    action: { label: 'Review your funded account', url: input.metricsUrl },
    closing: ['If you believe this breach is wrong, reply to this e-mail; support can review it with the record above.'],
  });
}
