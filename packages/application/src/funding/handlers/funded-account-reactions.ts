import type { TradingAccount, TradingAccountEvent } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountOwnerReactions } from '../../trading-accounts/ports/trading-account-owner-reactions.js';

/**
 * How a funded account follows its trading account (docs/rules.md §4, §5):
 * it ends when the account ended on a breach, so no payout can be requested
 * any more, and it is active again when an admin cleared that breach. Both
 * commit with the trading account's change.
 */
export class FundedAccountReactions implements TradingAccountOwnerReactions {
  readonly kind = 'funded_account' as const;

  async react(tx: TransactionScope, account: TradingAccount, events: readonly TradingAccountEvent[]): Promise<void> {
    const relevant = events.filter((event) => event.type === 'TradingAccountBreached' || event.type === 'TradingAccountBreachOverridden');
    if (relevant.length === 0) return;
    const funded = await tx.fundedAccounts.findById(account.owner.id, { lock: true });
    if (!funded) return;
    for (const event of relevant) {
      if (event.type === 'TradingAccountBreached') {
        funded.endOnBreach(event.payload.breach, event.occurredAt);
      } else if (event.type === 'TradingAccountBreachOverridden') {
        funded.reinstate({
          adminId: event.payload.adminId,
          reason: event.payload.reason,
          at: event.occurredAt,
          breachedAt: new Date(event.payload.breachedAt),
          original: event.payload.original,
          balance: event.payload.dayStartBalance,
          equity: event.payload.dayStartEquity,
        });
      }
    }
    await tx.fundedAccounts.save(funded);
    await tx.outbox.add(eventsToOutbox('funded_account', funded.pullEvents()));
  }
}
