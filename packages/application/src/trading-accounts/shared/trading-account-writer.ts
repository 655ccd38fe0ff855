import type { TradingAccount, TradingAccountEvent, TradingAccountOwner } from '@tradesense/domain';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountOwners, TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import type { TradingAccountLink } from './trading-account-links.js';
import { needsNotification, tradingAccountNotifications } from './trading-account-notifications.js';

/** The one writer of trading accounts (see `TradingAccountWriter`). */
export class OutboxTradingAccountWriter implements TradingAccountWriter {
  constructor(
    private readonly ids: IdGenerator,
    private readonly link: TradingAccountLink,
    private readonly owners: TradingAccountOwners,
  ) {}

  async save(tx: TransactionScope, account: TradingAccount, at: Date): Promise<TradingAccountEvent[]> {
    await tx.tradingAccounts.save(account);
    const events = account.pullEvents();
    if (events.length === 0) return events;
    for (const event of events) {
      if (event.type === 'TradingAccountRestrictionViolated') {
        // Stored with its inputs and hash: the admin queue lists it and anyone entitled replays it (docs/rules.md §14).
        await tx.tradingAccountViolations.add({
          id: event.payload.violation.id,
          login: account.login,
          owner: account.owner,
          violation: event.payload.violation,
          inputs: event.payload.inputs,
          inputHash: event.payload.inputHash,
          tradingDay: event.payload.tradingDay,
          status: 'open',
          cleared: null,
          recordedAt: at,
          positionsClosedAt: null,
        });
        continue;
      }
      if (event.type === 'TradingAccountRestrictionViolationCleared') {
        const { violationId, adminId, reason } = event.payload;
        await tx.tradingAccountViolations.markCleared(account.login, violationId, { adminId, reason, at: event.occurredAt });
        continue;
      }
      if (event.type !== 'TradingAccountBreachDetected') continue;
      // The aggregate found it: its inputs are the replayable evidence (docs/rules.md §4).
      await tx.tradingAccountVerdicts.add({
        id: this.ids.newId(),
        login: account.login,
        owner: account.owner,
        breach: event.payload.breach,
        inputs: event.payload.inputs,
        inputHash: event.payload.breach.inputHash,
        recordedAt: at,
      });
    }
    await tx.outbox.add(eventsToOutbox('trading_account', events));
    if (needsNotification(events)) {
      const user = await tx.users.findById(account.traderId);
      if (user) {
        const holder = { email: user.email, name: user.toState().displayName ?? user.email };
        await tx.outbox.add(tradingAccountNotifications(account, events, holder, this.link));
      }
    }
    await this.owners[account.owner.kind]?.react(tx, account, events);
    return events;
  }

  async afterCommit(owner: TradingAccountOwner, events: readonly TradingAccountEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.owners[owner.kind]?.afterCommit?.(owner, events);
  }
}
