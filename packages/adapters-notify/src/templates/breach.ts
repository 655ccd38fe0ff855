import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatInstant, formatMoney, formatPrice } from '../formatting/format.js';
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

export interface BreachEmail {
  readonly traderName: string;
  readonly challengeId: string;
  readonly accountLogin: string;
  readonly currency: string;
  readonly breach: BreachRecordEmail;
  readonly metricsUrl: string;
}

export function breachEmail(input: BreachEmail): RenderedEmail {
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
    subject: `Account ${input.accountLogin}: ${rule} breached`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Your account ${input.accountLogin} reached the ${rule.toLowerCase()}: its equity was at or below the floor. ` +
        'Trading was disabled, open positions were closed and the challenge has ended.',
      'The record below is exactly what the breach engine evaluated.',
    ],
    facts: [
      ['Challenge', input.challengeId],
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
