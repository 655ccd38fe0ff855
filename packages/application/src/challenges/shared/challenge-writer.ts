import type { Challenge, ChallengeEvent } from '@tradesense/domain';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import type { ChallengeProvisioning } from '../ports/challenges-repositories.js';
import type { ChallengeLinks } from './challenge-links.js';
import { challengeNotifications, needsNotification } from './challenge-notifications.js';

/**
 * Saves a challenge with everything its new events imply, in the caller's
 * transaction: the events and the e-mails they call for go to the outbox,
 * and a detected breach stores its verdict inputs for replay.
 */
export class ChallengeWriter {
  constructor(
    private readonly ids: IdGenerator,
    private readonly links: ChallengeLinks,
  ) {}

  async save(
    tx: TransactionScope,
    challenge: Challenge,
    at: Date,
    provisioning?: ChallengeProvisioning,
  ): Promise<ChallengeEvent[]> {
    await tx.challenges.save(challenge, provisioning);
    const events = challenge.pullEvents();
    if (events.length === 0) return events;
    for (const event of events) {
      if (event.type !== 'ChallengeBreachDetected') continue;
      await tx.breachVerdicts.add({
        id: this.ids.newId(),
        challengeId: challenge.id,
        login: event.payload.account,
        phase: challenge.phase,
        attempt: challenge.attempt,
        breach: event.payload.breach,
        inputs: event.payload.inputs,
        inputHash: event.payload.breach.inputHash,
        recordedAt: at,
      });
    }
    await tx.outbox.add(eventsToOutbox('challenge', events));
    if (needsNotification(events)) {
      const trader = await tx.users.findById(challenge.traderId);
      if (trader) await tx.outbox.add(challengeNotifications(challenge, events, trader, this.links));
    }
    return events;
  }
}
