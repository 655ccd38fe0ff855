import { TradingAccount, type Challenge, type ChallengeEvent } from '@tradesense/domain';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';
import type { ChallengeStore } from '../ports/challenge-store.js';
import type { ChallengeProvisioning } from '../ports/challenges-repositories.js';
import type { ChallengeLinks } from './challenge-links.js';
import { challengeNotifications, needsNotification } from './challenge-notifications.js';

/** Challenge events after which the current phase trades on a new login. */
const PHASE_OPENED: ReadonlySet<ChallengeEvent['type']> = new Set(['ChallengeActivated', 'ChallengePhaseStarted', 'ChallengeReset']);

/**
 * Saves a challenge with everything its new events imply, in the caller's
 * transaction: the events and the e-mails they call for go to the outbox,
 * and its trading accounts follow it. A phase that starts (activation, next
 * phase, reset) opens a trading account for its login, under the frozen
 * rules, owned by that phase and attempt; a phase that ends without a breach
 * (passed, expired, cancelled, refunded) closes it, so it is no longer
 * watched. A breached account ended itself: the challenge failed because of it.
 */
export class ChallengeWriter implements ChallengeStore {
  constructor(
    private readonly links: ChallengeLinks,
    private readonly tradingAccounts: TradingAccountWriter,
  ) {}

  async save(tx: TransactionScope, challenge: Challenge, at: Date, provisioning?: ChallengeProvisioning): Promise<ChallengeEvent[]> {
    await tx.challenges.save(challenge, provisioning);
    const events = challenge.pullEvents();
    if (events.length === 0) return events;
    await tx.outbox.add(eventsToOutbox('challenge', events));
    if (needsNotification(events)) {
      const trader = await tx.users.findById(challenge.traderId);
      if (trader) await tx.outbox.add(challengeNotifications(challenge, events, trader, this.links));
    }
    for (const event of events) await this.follow(tx, challenge, event);
    return events;
  }

  private async follow(tx: TransactionScope, challenge: Challenge, event: ChallengeEvent): Promise<void> {
    if (PHASE_OPENED.has(event.type)) {
      const login = challenge.account;
      if (!login || (await tx.tradingAccounts.find(login))) return;
      const owner = { kind: 'challenge_phase', id: challenge.id, phase: challenge.phase, attempt: challenge.attempt } as const;
      const opened = TradingAccount.open({ login, traderId: challenge.traderId, owner, rules: challenge.rules, at: event.occurredAt });
      if (!opened.ok) throw new Error(`Trading account ${login} not opened: ${opened.error.message}`);
      await this.tradingAccounts.save(tx, opened.value, event.occurredAt);
      return;
    }
    switch (event.type) {
      case 'ChallengePhasePassed':
        return this.close(tx, event.payload.account, 'phase_passed', event.occurredAt);
      case 'ChallengeExpired':
      case 'ChallengeCancelled':
      case 'ChallengeRefunded':
        return challenge.account ? this.close(tx, challenge.account, `challenge_${event.payload.to}`, event.occurredAt) : undefined;
      default:
        return;
    }
  }

  /** Stops watching a login whose phase ended; a detected breach still being handled keeps it open until handled. */
  private async close(tx: TransactionScope, login: string, cause: string, at: Date): Promise<void> {
    const account = await tx.tradingAccounts.find(login, { lock: true });
    if (!account || account.status !== 'active') return;
    if (account.close(cause, at).ok) await this.tradingAccounts.save(tx, account, at);
  }
}
