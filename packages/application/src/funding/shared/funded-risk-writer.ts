import type { FundedAccount, FundedAccountEvent } from '@tradesense/domain';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { FundingLinks } from './funding-links.js';
import { fundedRiskNotifications, needsRiskNotification } from './funded-risk-notifications.js';
import { traderProfile } from './trader-profile.js';

/**
 * Saves a funded account after the breach engine changed it, with
 * everything its new events imply, in the caller's transaction: the events
 * and the e-mails they call for go to the outbox, and a detected breach
 * stores its verdict inputs for replay.
 */
export class FundedRiskWriter {
  constructor(
    private readonly ids: IdGenerator,
    private readonly links: FundingLinks,
  ) {}

  async save(tx: TransactionScope, account: FundedAccount, at: Date): Promise<FundedAccountEvent[]> {
    await tx.fundedAccounts.save(account);
    const events = account.pullEvents();
    if (events.length === 0) return events;
    for (const event of events) {
      if (event.type !== 'FundedAccountBreachDetected') continue;
      await tx.fundedBreachVerdicts.add({
        id: this.ids.newId(),
        fundedAccountId: account.id,
        login: event.payload.account,
        breach: event.payload.breach,
        inputs: event.payload.inputs,
        inputHash: event.payload.breach.inputHash,
        recordedAt: at,
      });
    }
    await tx.outbox.add(eventsToOutbox('funded_account', events));
    if (needsRiskNotification(events)) {
      const trader = await traderProfile(tx, account.traderId);
      if (trader) await tx.outbox.add(fundedRiskNotifications(account, events, trader, this.links));
    }
    return events;
  }
}
