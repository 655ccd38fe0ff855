import type { TradingAccount, TradingAccountEvent, TradingCalendar } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountOwnerReactions } from '../../trading-accounts/ports/trading-account-owner-reactions.js';

/**
 * How a competition entry follows its trading account (docs/rules.md §4,
 * §7): a breach of the competition's loss limits, once handled (trading
 * disabled, positions closed), disqualifies the entry (kept, marked, reason
 * `breach:<rule>`, actor `system`); an admin's override of that breach puts
 * the entry back in while the competition runs. An entry already out for
 * another reason, or a competition past its end, stays as it is: the breach
 * or the override still stands on the account. Everything commits with the
 * trading account's change.
 */
export class CompetitionEntryReactions implements TradingAccountOwnerReactions {
  readonly kind = 'competition_entry' as const;

  constructor(private readonly calendar: TradingCalendar) {}

  async react(tx: TransactionScope, account: TradingAccount, events: readonly TradingAccountEvent[]): Promise<void> {
    const owner = account.owner;
    if (owner.kind !== 'competition_entry') return;
    const relevant = events.filter((event) => event.type === 'TradingAccountBreached' || event.type === 'TradingAccountBreachOverridden');
    if (relevant.length === 0) return;
    const competition = await tx.competitions.findById(owner.competitionId);
    if (!competition) return;
    let changed = false;
    for (const event of relevant) {
      if (event.type === 'TradingAccountBreached') {
        const disqualified = competition.disqualifyForBreach({ entryId: owner.id, rule: event.payload.breach.rule, at: event.occurredAt });
        if (!disqualified.ok) continue;
        changed = true;
        // The breach handling switched the account off; the record keeps the start of the competition from switching it on.
        await tx.competitionAccounts.markTradingDisabled([owner.id], event.occurredAt);
      } else if (event.type === 'TradingAccountBreachOverridden') {
        const reinstated = competition.reinstateAfterBreachOverride(
          { entryId: owner.id, actor: event.payload.adminId, reason: event.payload.reason, at: event.occurredAt },
          this.calendar,
        );
        if (!reinstated.ok) continue;
        changed = true;
        // The override re-enables trading on the platform once committed.
        await tx.competitionAccounts.markTradingEnabled([owner.id]);
      }
    }
    if (!changed) return;
    await tx.competitions.save(competition);
    await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
  }
}
