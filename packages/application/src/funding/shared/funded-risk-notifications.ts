import { ZERO, maxDecimal, type FundedAccount, type FundedAccountEvent } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { FundingLinks } from './funding-links.js';
import type { TraderProfile } from './trader-profile.js';

/** Events of the breach engine the trader is e-mailed about. */
const NOTIFIED: ReadonlySet<FundedAccountEvent['type']> = new Set(['FundedAccountEarlyWarningRaised', 'FundedAccountBreached']);

export const needsRiskNotification = (events: readonly FundedAccountEvent[]): boolean =>
  events.some((event) => NOTIFIED.has(event.type));

/**
 * The e-mails a funded account's breach-engine events call for, as outbox
 * messages: an early warning once per limit per trading day (the aggregate
 * raises each once), and the breach once it was handled (recorded once).
 */
export function fundedRiskNotifications(
  account: FundedAccount,
  events: readonly FundedAccountEvent[],
  trader: TraderProfile,
  links: FundingLinks,
): OutboxMessage[] {
  const base = { aggregateType: 'funded_account', aggregateId: account.id } as const;
  const common = { to: trader.email, traderName: trader.name, accountLogin: account.login, currency: account.currency };
  const metricsUrl = links.fundedAccount(account.id);
  const messages: OutboxMessage[] = [];
  for (const event of events) {
    if (event.type === 'FundedAccountEarlyWarningRaised') {
      const { limit, floor, equity, usedPercent, tradingDay } = event.payload;
      const level = limit === 'daily_loss' ? account.floors.dailyLoss : account.floors.maxLoss;
      messages.push({
        ...base,
        topic: 'email.early_warning',
        occurredAt: event.occurredAt,
        payload: {
          ...common,
          subject: 'funded',
          fundedAccountId: account.id,
          limit,
          limitAmount: level.allowance.toFixed(2),
          usedAmount: level.floor.plus(level.allowance).minus(equity).toFixed(2),
          usedPercent,
          remainingAmount: maxDecimal(level.floor.negated().plus(equity), ZERO).toFixed(2),
          floor,
          equity,
          tradingDay,
          metricsUrl,
        },
      });
    } else if (event.type === 'FundedAccountBreached') {
      messages.push({
        ...base,
        topic: 'email.funded_breach',
        occurredAt: event.occurredAt,
        payload: { ...common, fundedAccountId: account.id, breach: event.payload.breach, metricsUrl },
      });
    }
  }
  return messages;
}
