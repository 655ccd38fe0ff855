import type { ChallengeEvent, DomainError, Result } from '@tradesense/domain';
import type { BreachHandled, HandleBreach } from '../use-cases/handle-breach.js';
import type { PassPhase, PhaseProgression } from '../use-cases/pass-phase.js';

/** What ran after a challenge change was committed. */
export interface FollowUpOutcome {
  /** Set when the change detected a breach (or found one still pending). */
  readonly breach: Result<BreachHandled, DomainError> | null;
  /** Set when the change passed a phase that is not the last. */
  readonly nextPhase: Result<PhaseProgression, DomainError> | null;
}

export const NO_FOLLOW_UP: FollowUpOutcome = { breach: null, nextPhase: null };

/**
 * The steps that talk to the trading platform after a change is committed:
 * they must not run inside the transaction, and they run only once the change
 * they follow is durable.
 */
export class ChallengeFollowUps {
  constructor(
    private readonly handleBreach: HandleBreach,
    private readonly passPhase: PassPhase,
  ) {}

  async after(challengeId: string, events: readonly ChallengeEvent[]): Promise<FollowUpOutcome> {
    if (events.some((event) => event.type === 'ChallengeBreachDetected')) return this.handlePendingBreach(challengeId);
    const passed = events.find((event) => event.type === 'ChallengePhasePassed');
    if (passed && passed.type === 'ChallengePhasePassed' && !passed.payload.lastPhase) return this.startNextPhase(challengeId);
    return NO_FOLLOW_UP;
  }

  async startNextPhase(challengeId: string): Promise<FollowUpOutcome> {
    return { breach: null, nextPhase: await this.passPhase.execute({ challengeId }) };
  }

  async handlePendingBreach(challengeId: string): Promise<FollowUpOutcome> {
    return { breach: await this.handleBreach.execute({ challengeId }), nextPhase: null };
  }
}
