import { Decimal } from 'decimal.js';
import { err, ok, type DomainError, type Result, type TrialStatus } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { commerceErrors } from '../commerce-errors.js';
import { trialClaimKey } from '../shared/trial-outcomes.js';

export interface TrialView {
  readonly id: string;
  readonly status: TrialStatus;
  readonly modelId: string;
  readonly accountSize: string;
  readonly swapFree: boolean;
  readonly price: string;
  readonly currency: string;
  readonly startedAt: Date;
  readonly endsAt: Date;
  /** When the next charge attempt is due; null once the trial is settled. */
  readonly nextChargeAt: Date | null;
  readonly attempts: number;
  /** The trial's free challenge, once provisioned. */
  readonly challengeId: string | null;
}

/** The trader's trial, if they started one. */
export class GetTrial {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { readonly userId: string }): Promise<Result<TrialView, DomainError>> {
    return this.uow.run(async (tx) => {
      const trial = await tx.trials.findByTrader(input.userId);
      if (!trial) return err(commerceErrors.trialNotFound(input.userId));
      const claim = await tx.fulfilmentClaims.find(trialClaimKey(trial.id));
      const s = trial.toState();
      return ok({
        id: s.id,
        status: s.status,
        modelId: s.modelId,
        accountSize: new Decimal(s.accountSize).toFixed(2),
        swapFree: s.swapFree,
        price: trial.price.toFixed(),
        currency: s.currency,
        startedAt: s.startedAt,
        endsAt: s.endsAt,
        nextChargeAt: trial.nextChargeAt(),
        attempts: s.attempts.length,
        challengeId: claim?.outcome === 'fulfilled' ? claim.challengeId : null,
      });
    });
  }
}
