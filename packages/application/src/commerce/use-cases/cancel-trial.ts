import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import { endTrialChallenge } from '../shared/trial-outcomes.js';
import type { ChallengeStore } from '../../challenges/ports/challenge-store.js';

export interface CancelTrialInput {
  /** The trader who owns the trial, or an admin. */
  readonly actorId: string;
  readonly trialId: string;
}

/**
 * Cancels a trial before its end: nothing will be charged, and the trial's
 * free challenge ends now (trading switched off).
 */
export class CancelTrial {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly challenges: ChallengeStore,
  ) {}

  async execute(input: CancelTrialInput): Promise<Result<{ trialId: string; cancelledAt: Date }, DomainError>> {
    const at = this.clock.now();
    return this.uow.run(async (tx) => {
      const trial = await tx.trials.findById(input.trialId, { forUpdate: true });
      const actor = await tx.users.findById(input.actorId);
      const isAdmin = actor?.role === 'admin';
      // Another trader's trial is reported as missing, not as forbidden.
      if (!trial || !actor || (trial.traderId !== actor.id && !isAdmin)) return err(commerceErrors.trialNotFound(input.trialId));
      const cancelled = trial.cancel({ actor: actor.id, at });
      if (!cancelled.ok) return cancelled;
      await tx.trials.save(trial);
      await tx.outbox.add(eventsToOutbox('trial', trial.pullEvents()));
      await endTrialChallenge(tx, this.challenges, trial.id, 'cancel', at);
      if (isAdmin && trial.traderId !== actor.id) {
        await tx.audit.append({
          at,
          actorId: actor.id,
          actorRole: 'admin',
          action: 'trial.cancelled',
          subjectType: 'trial',
          subjectId: trial.id,
          details: { traderId: trial.traderId },
        });
      }
      return ok({ trialId: trial.id, cancelledAt: at });
    });
  }
}
