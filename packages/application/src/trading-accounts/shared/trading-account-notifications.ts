import { ZERO, maxDecimal, type TradingAccount, type TradingAccountEvent } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { TradingAccountLink } from './trading-account-links.js';

/** Who a trading-account e-mail is for. */
export interface AccountHolder {
  readonly email: string;
  readonly name: string;
}

/** Events of the breach engine the trader is e-mailed about. */
const NOTIFIED: ReadonlySet<TradingAccountEvent['type']> = new Set(['EarlyWarningRaised', 'TradingAccountBreached']);

export const needsNotification = (events: readonly TradingAccountEvent[]): boolean => events.some((event) => NOTIFIED.has(event.type));

/**
 * The e-mails a trading account's events call for, the same for every kind
 * of account (docs/rules.md §4): an early warning once per limit per trading
 * day (the aggregate raises each once), and the breach once it was handled
 * (recorded once). The owner travels with each, so the e-mail says what
 * ended: a challenge, a funded account or a competition entry.
 */
export function tradingAccountNotifications(
  account: TradingAccount,
  events: readonly TradingAccountEvent[],
  holder: AccountHolder,
  link: TradingAccountLink,
): OutboxMessage[] {
  const base = { aggregateType: 'trading_account', aggregateId: account.login } as const;
  const owner = account.owner;
  const common = {
    to: holder.email,
    traderName: holder.name,
    accountLogin: account.login,
    currency: account.rules.initialBalance.currency,
    owner: { kind: owner.kind, id: owner.id },
    metricsUrl: link(account.login),
  };
  const messages: OutboxMessage[] = [];
  for (const event of events) {
    if (event.type === 'EarlyWarningRaised') {
      const { limit, floor, equity, usedPercent, tradingDay } = event.payload;
      const level = limit === 'daily_loss' ? account.floors.dailyLoss : account.floors.maxLoss;
      messages.push({
        ...base,
        topic: 'email.early_warning',
        occurredAt: event.occurredAt,
        payload: {
          ...common,
          limit,
          limitAmount: level.allowance.toFixed(2),
          usedAmount: level.floor.plus(level.allowance).minus(equity).toFixed(2),
          usedPercent,
          remainingAmount: maxDecimal(level.floor.negated().plus(equity), ZERO).toFixed(2),
          floor,
          equity,
          tradingDay,
        },
      });
    } else if (event.type === 'TradingAccountBreached') {
      messages.push({ ...base, topic: 'email.account_breach', occurredAt: event.occurredAt, payload: { ...common, breach: event.payload.breach } });
    }
  }
  return messages;
}
