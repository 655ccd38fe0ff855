import type { OutboxHandler } from '../ports/outbox-handler.js';
import type { StoredOutboxMessage } from '../ports/outbox.js';
import { settleFollowUp } from '../shared/settle-follow-up.js';
import type { ResumeChallengeTrading } from './use-cases/resume-challenge-trading.js';

/**
 * Refusals that settle a follow-up for good: the challenge is gone or no
 * longer trading (breached again since), so retrying would get the same
 * answer. Anything else (platform down) is thrown, so the dispatcher retries
 * with backoff.
 */
const SETTLED = new Set(['CHALLENGE.NOT_FOUND', 'CHALLENGE.NOT_ACTIVE']);

/**
 * Re-enables trading on a challenge whose breach an admin cleared. The
 * override does it right after commit too; this handler makes sure it
 * happens when that attempt failed. Idempotent.
 */
export class ChallengeFollowUpHandler implements OutboxHandler {
  readonly topics = ['ChallengeBreachOverridden'] as const;

  constructor(private readonly useCases: { readonly resumeChallengeTrading: ResumeChallengeTrading }) {}

  async handle(message: StoredOutboxMessage): Promise<void> {
    if (message.topic !== 'ChallengeBreachOverridden') {
      throw new Error(`ChallengeFollowUpHandler does not handle ${message.topic}`);
    }
    settleFollowUp(await this.useCases.resumeChallengeTrading.execute({ challengeId: String(message.aggregateId) }), SETTLED);
  }
}
