import { Money, Trial, domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { PaymentEvent } from '../../ports/payment-gateway.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { commerceErrors } from '../commerce-errors.js';
import type { ProvisionTrialChallenge, TrialChallengeOutcome } from './provision-trial-challenge.js';

export interface TrialActivation {
  readonly trialId: string;
  /** `started`: this event started the trial; `duplicate`: it had already started. */
  readonly outcome: 'started' | 'duplicate';
  readonly endsAt: Date;
  readonly challenge: TrialChallengeOutcome | null;
  readonly challengeError: DomainError | null;
}

/**
 * A verified `payment_method_saved` event for a trial sign-up: the payment
 * method is kept for the end-of-trial charge, the 7-day trial starts with
 * its schedule fixed (reminder 24 h before the end, charge at the end,
 * retries 1 and 3 days after), and its free challenge is provisioned.
 */
export class ActivateTrial {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provisionChallenge: ProvisionTrialChallenge,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(event: PaymentEvent): Promise<Result<TrialActivation, DomainError>> {
    if (event.kind !== 'payment_method_saved') {
      return err(domainError('PAYMENT.UNEXPECTED_EVENT', `Not a saved payment method: ${event.kind}`, { kind: event.kind }));
    }
    const at = this.clock.now();
    const started = await this.uow.run((tx) => this.start(tx, event, at));
    if (!started.ok) return started;
    const challenge = await this.provisionChallenge.execute({ trialId: started.value.trialId });
    return ok({
      ...started.value,
      challenge: challenge.ok ? challenge.value : null,
      challengeError: challenge.ok ? null : challenge.error,
    });
  }

  private async start(
    tx: TransactionScope,
    event: PaymentEvent,
    at: Date,
  ): Promise<Result<{ trialId: string; outcome: 'started' | 'duplicate'; endsAt: Date }, DomainError>> {
    const signup =
      (event.orderId ? await tx.trialCheckouts.findById(event.orderId) : null) ??
      (await tx.trialCheckouts.findByReference(event.provider, event.providerPaymentId));
    if (!signup || signup.gatewayId !== event.provider) return err(commerceErrors.trialCheckoutNotFound(event.orderId));
    const existing = signup.trialId ? await tx.trials.findById(signup.trialId) : null;
    if (existing) return ok({ trialId: existing.id, outcome: 'duplicate', endsAt: existing.endsAt });
    if (!event.customerRef || !event.paymentMethodRef) {
      return err(domainError('TRIAL.PAYMENT_METHOD_MISSING', 'The gateway reported no reusable payment method', { signupId: signup.id }));
    }
    const model = await tx.challengeModels.findVersion(signup.modelId, signup.modelVersion);
    const size = model?.size(signup.accountSize);
    if (!model || !size) return err(commerceErrors.modelNotFound(`${signup.modelId}@${signup.modelVersion}`));
    if (!(await tx.webhookInbox.record(event.provider, event.providerEventId, event.kind, at))) {
      // A concurrent delivery of the same event started the trial meanwhile.
      const settled = await tx.trialCheckouts.findById(signup.id);
      const trial = settled?.trialId ? await tx.trials.findById(settled.trialId) : null;
      if (trial) return ok({ trialId: trial.id, outcome: 'duplicate', endsAt: trial.endsAt });
      return err(commerceErrors.trialCheckoutNotFound(signup.id));
    }
    const methodId = this.ids.newId();
    const started = Trial.start({
      id: this.ids.newId(),
      traderId: signup.traderId,
      plan: {
        modelId: model.id,
        modelVersion: model.version,
        accountSize: Money.of(signup.accountSize, model.currency),
        swapFree: signup.swapFree,
        price: size.price,
      },
      paymentMethodId: methodId,
      at,
    });
    if (!started.ok) return started;
    const trial = started.value;
    await tx.savedPaymentMethods.add({
      id: methodId,
      traderId: signup.traderId,
      gatewayId: event.provider,
      customerRef: event.customerRef,
      paymentMethodRef: event.paymentMethodRef,
      fingerprint: event.paymentMethodFingerprint,
      savedAt: at,
    });
    await tx.trials.save(trial);
    await tx.trialCheckouts.complete(signup.id, trial.id, at);
    await tx.outbox.add(eventsToOutbox('trial', trial.pullEvents()));
    return ok({ trialId: trial.id, outcome: 'started', endsAt: trial.endsAt });
  }
}
