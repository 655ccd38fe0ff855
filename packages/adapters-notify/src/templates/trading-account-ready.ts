import type { Decimal } from 'decimal.js';
import type { RenderedEmail } from './email-content.js';
import { formatMoney } from '../formatting/format.js';
import { renderEmail } from './render-email.js';

export interface TradingAccountReadyEmail {
  readonly traderName: string;
  readonly challengeId: string;
  /** 1-based phase the account trades; the funded account says so instead. */
  readonly phase: number | null;
  readonly modelName: string | null;
  readonly initialBalance: Decimal | null;
  readonly currency: string;
  readonly login: string;
  readonly password: string;
  readonly investorPassword: string | null;
  readonly group: string | null;
}

/** The credentials of a new trading account (a challenge phase or a funded account). */
export function tradingAccountReadyEmail(input: TradingAccountReadyEmail): RenderedEmail {
  const what = input.phase === null ? 'funded account' : `phase ${input.phase} account`;
  const facts: [string, string][] = [
    ['Challenge', input.challengeId],
    ['Login', input.login],
    ['Password', input.password],
  ];
  if (input.investorPassword) facts.push(['Investor (read-only) password', input.investorPassword]);
  if (input.group) facts.push(['Server group', input.group]);
  if (input.modelName) facts.push(['Model', input.modelName]);
  if (input.initialBalance) facts.push(['Initial balance', formatMoney(input.initialBalance, input.currency)]);
  return renderEmail({
    subject: `Your ${what} is ready (login ${input.login})`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [`Your ${what} has been opened. These are its sign-in details; keep them private.`],
    facts,
    closing: ['Change the password after your first sign-in. The loss limits apply from your first trade.'],
  });
}
