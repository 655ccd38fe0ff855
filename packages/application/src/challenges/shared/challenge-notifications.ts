import type { Challenge, ChallengeEvent, User } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { ChallengeLinks } from './challenge-links.js';

/**
 * Events the trader is e-mailed about by the challenge itself. Early
 * warnings and the breach are its trading account's e-mails, the same for
 * every kind of account (docs/rules.md §4).
 */
export const needsNotification = (events: readonly ChallengeEvent[]): boolean =>
  events.some((event) => event.type === 'ChallengePhasePassed');

/**
 * The e-mails a challenge's events call for, as outbox messages. A phase is
 * passed once by the aggregate, so each e-mail is written once.
 */
export function challengeNotifications(
  challenge: Challenge,
  events: readonly ChallengeEvent[],
  trader: User,
  links: ChallengeLinks,
): OutboxMessage[] {
  const to = trader.email;
  const traderName = trader.toState().displayName ?? trader.email;
  const currency = challenge.rules.currency;
  const base = { aggregateType: 'challenge', aggregateId: challenge.id } as const;
  const messages: OutboxMessage[] = [];
  for (const event of events) {
    if (event.type !== 'ChallengePhasePassed') continue;
    messages.push({
      ...base,
      topic: 'email.phase_passed',
      occurredAt: event.occurredAt,
      payload: {
        to,
        traderName,
        challengeId: challenge.id,
        accountLogin: event.payload.account,
        phase: event.payload.phase,
        finalPhase: event.payload.lastPhase,
        profit: challenge.rules.initialBalance.amount.negated().plus(event.payload.balance).toFixed(2),
        currency,
        passedAt: event.occurredAt.toISOString(),
        dashboardUrl: links.dashboard(),
      },
    });
  }
  return messages;
}
