import type { Decimal } from 'decimal.js';
import type { LocalDate } from '@tradesense/domain';
import type { RenderedEmail } from './email-content.js';
import { formatLocalDate, formatMoney, formatPercent } from '../formatting/format.js';
import { ownerWording, type AccountOwnerEmail } from './account-owner.js';
import { lossLimitLabel, type LossLimit } from './loss-limit.js';
import { renderEmail } from './render-email.js';

export interface EarlyWarningEmail {
  readonly traderName: string;
  readonly accountLogin: string;
  readonly limit: LossLimit;
  readonly limitAmount: Decimal;
  readonly usedAmount: Decimal;
  /** Share of the limit used, in percentage points (e.g. 80 for 80%). */
  readonly usedPercent: Decimal;
  readonly remainingAmount: Decimal;
  readonly floor: Decimal;
  readonly equity: Decimal;
  readonly currency: string;
  readonly tradingDay: LocalDate;
  readonly metricsUrl: string;
  /** What ends if equity reaches the floor. */
  readonly owner: AccountOwnerEmail;
}

export function earlyWarningEmail(input: EarlyWarningEmail): RenderedEmail {
  const rule = lossLimitLabel(input.limit);
  const money = (amount: Decimal): string => formatMoney(amount, input.currency);
  return renderEmail({
    subject: `Warning: ${formatPercent(input.usedPercent)} of your ${rule.toLowerCase()} used on account ${input.accountLogin}`,
    greeting: `Hello ${input.traderName},`,
    paragraphs: [
      `Your account ${input.accountLogin} has used ${formatPercent(input.usedPercent)} of its ${rule.toLowerCase()}. ` +
        `If equity reaches ${money(input.floor)} the account is breached and ${ownerWording(input.owner).ends} ends.`,
    ],
    facts: [
      ['Account', input.accountLogin],
      ['Rule', rule],
      ['Limit', money(input.limitAmount)],
      ['Used', `${money(input.usedAmount)} (${formatPercent(input.usedPercent)})`],
      ['Remaining', money(input.remainingAmount)],
      ['Floor', money(input.floor)],
      ['Equity', money(input.equity)],
      ['Trading day', formatLocalDate(input.tradingDay)],
    ],
    action: { label: 'Review your account metrics', url: input.metricsUrl },
  });
}
