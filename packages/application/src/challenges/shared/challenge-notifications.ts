import { DrawdownRules, ZERO, maxDecimal, type Challenge, type ChallengeEvent, type User } from '@tradesense/domain';
import type { OutboxMessage } from '../../ports/outbox.js';
import type { ChallengeLinks } from './challenge-links.js';

/** Events the trader is e-mailed about. */
const NOTIFIED: ReadonlySet<ChallengeEvent['type']> = new Set([
  'ChallengeEarlyWarningRaised',
  'ChallengeFailed',
  'ChallengePhasePassed',
]);

export const needsNotification = (events: readonly ChallengeEvent[]): boolean =>
  events.some((event) => NOTIFIED.has(event.type));

/**
 * The e-mails a challenge's events call for, as outbox messages. Each event
 * is recorded once by the aggregate (a warning once per limit per trading
 * day, a failure once), so each e-mail is written once.
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
    switch (event.type) {
      case 'ChallengeEarlyWarningRaised': {
        const { limit, floor, equity, usedPercent, tradingDay } = event.payload;
        const state = challenge.drawdown;
        if (!state) break;
        const floors = DrawdownRules.of(challenge.rules).floors(state);
        const level = limit === 'daily_loss' ? floors.dailyLoss : floors.maxLoss;
        const used = level.floor.plus(level.allowance).minus(equity);
        const remaining = maxDecimal(level.floor.negated().plus(equity), ZERO);
        messages.push({
          ...base,
          topic: 'email.early_warning',
          occurredAt: event.occurredAt,
          payload: {
            to,
            traderName,
            challengeId: challenge.id,
            accountLogin: challenge.account,
            limit,
            limitAmount: level.allowance.toFixed(2),
            usedAmount: used.toFixed(2),
            usedPercent,
            remainingAmount: remaining.toFixed(2),
            floor,
            equity,
            currency,
            tradingDay,
            metricsUrl: links.metrics(challenge.id),
          },
        });
        break;
      }
      case 'ChallengeFailed':
        messages.push({
          ...base,
          topic: 'email.breach',
          occurredAt: event.occurredAt,
          payload: {
            to,
            traderName,
            challengeId: challenge.id,
            accountLogin: challenge.account,
            currency,
            breach: event.payload.breach,
            metricsUrl: links.metrics(challenge.id),
          },
        });
        break;
      case 'ChallengePhasePassed':
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
        break;
      default:
        break;
    }
  }
  return messages;
}
