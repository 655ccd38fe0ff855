import { Challenge, RuleSnapshot, err, ok, type DomainError, type Result, type TradingCalendar, type Trial } from '@tradesense/domain';
import { ConcurrencyConflict } from '../../errors/concurrency-conflict.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { challengeAccountGroup } from '../../shared-kernel/trading-group.js';
import { commerceErrors } from '../commerce-errors.js';
import type { AccountProvisioner } from '../ports/account-provisioner.js';
import type { ProvisionedAccount } from '../ports/commerce-repositories.js';
import { tradingAccountReadyEmail } from '../shared/commerce-emails.js';
import { disableTradingMessage } from '../shared/platform-commands.js';
import { trialClaimKey } from '../shared/trial-outcomes.js';
import type { ChallengeStore } from '../../challenges/ports/challenge-store.js';

export interface ProvisionTrialChallengeInput {
  readonly trialId: string;
}

export interface TrialChallengeOutcome {
  readonly trialId: string;
  /** `not_active`: the trial ended before its challenge could start. */
  readonly outcome: 'provisioned' | 'already_provisioned' | 'in_progress' | 'not_active';
  readonly challengeId: string | null;
  readonly account: string | null;
}

/**
 * The trial's free challenge (a challenge with the `trial` flag, section 3)
 * on its own trading account in the trial group, provisioned once per trial
 * exactly like an order's (see `AccountProvisioner`). It runs until the
 * trial ends or is cancelled.
 */
export class ProvisionTrialChallenge {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provisioner: AccountProvisioner,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly challenges: ChallengeStore,
  ) {}

  async execute(input: ProvisionTrialChallengeInput): Promise<Result<TrialChallengeOutcome, DomainError>> {
    const key = trialClaimKey(input.trialId);
    const prepared = await this.uow.run(async (tx) => {
      const trial = await tx.trials.findById(input.trialId);
      if (!trial) return err(commerceErrors.trialNotFound(input.trialId));
      const claim = await tx.fulfilmentClaims.find(key);
      if (claim?.completedAt) return ok({ done: outcomeOf(trial.id, claim.outcome === 'fulfilled' ? 'already_provisioned' : 'not_active', claim.challengeId) });
      if (trial.status !== 'active') {
        // An account made by an attempt that died before the trial ended is switched off here.
        if (claim?.account) {
          const at = this.clock.now();
          await tx.fulfilmentClaims.complete(key, 'orphaned', at);
          await tx.outbox.add([disableTradingMessage({ login: claim.account.login, reason: 'trial_not_active', challengeId: claim.challengeId, at })]);
        }
        return ok({ done: outcomeOf(trial.id, 'not_active', null) });
      }
      const user = await tx.users.findById(trial.traderId);
      if (!user) return err(commerceErrors.userNotFound(trial.traderId));
      const s = trial.toState();
      const model = await tx.challengeModels.findVersion(s.modelId, s.modelVersion);
      if (!model) return err(commerceErrors.modelNotFound(`${s.modelId}@${s.modelVersion}`));
      const rules = RuleSnapshot.freeze(model, s.accountSize, { timeZone: this.calendar.timeZone, resetTime: this.calendar.resetTime });
      if (!rules.ok) return rules;
      return ok({ rules: rules.value, swapFree: s.swapFree, user: { email: user.email, country: user.country, name: user.toState().displayName ?? user.email } });
    });
    if (!prepared.ok) return prepared;
    if ('done' in prepared.value) return ok(prepared.value.done);
    const { rules, swapFree, user } = prepared.value;
    const step = await this.provisioner.provision({
      key,
      challengeId: this.ids.newId(),
      request: {
        group: challengeAccountGroup({ modelId: rules.modelId, phase: 1, trial: true }),
        leverage: rules.parameters.leverage,
        initialBalance: rules.initialBalance.amount,
        swapFree,
        name: user.name,
        email: user.email,
        country: user.country,
      },
    });
    switch (step.kind) {
      case 'failed':
        return err(commerceErrors.provisioningFailed(input.trialId, step.platformCode));
      case 'in_progress':
        return ok(outcomeOf(input.trialId, 'in_progress', step.claim.challengeId));
      case 'completed':
        return ok(outcomeOf(input.trialId, step.claim.outcome === 'fulfilled' ? 'already_provisioned' : 'not_active', step.claim.challengeId));
      case 'ready':
        break;
    }
    try {
      return await this.uow.run((tx) => this.complete(tx, key, input.trialId, step.claim.challengeId, rules, swapFree, step.account));
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      return ok(outcomeOf(input.trialId, 'already_provisioned', step.claim.challengeId));
    }
  }

  private async complete(
    tx: TransactionScope,
    key: string,
    trialId: string,
    challengeId: string,
    rules: RuleSnapshot,
    swapFree: boolean,
    account: ProvisionedAccount,
  ): Promise<Result<TrialChallengeOutcome, DomainError>> {
    const at = this.clock.now();
    const trial: Trial | null = await tx.trials.findById(trialId, { forUpdate: true });
    const claim = await tx.fulfilmentClaims.find(key);
    if (claim?.completedAt) return ok(outcomeOf(trialId, 'already_provisioned', challengeId));
    if (!trial || trial.status !== 'active' || at >= trial.endsAt) {
      await tx.fulfilmentClaims.complete(key, 'orphaned', at);
      await tx.outbox.add([disableTradingMessage({ login: account.login, reason: 'trial_not_active', challengeId, at })]);
      return ok(outcomeOf(trialId, 'not_active', null));
    }
    const challenge = Challenge.create({ id: challengeId, traderId: trial.traderId, rules, trial: true, at });
    const activated = challenge.activate(account.login, at);
    if (!activated.ok) return activated;
    await this.challenges.save(tx, challenge, at, { orderId: null, swapFree });
    await tx.fulfilmentClaims.complete(key, 'fulfilled', at);
    const user = await tx.users.findById(trial.traderId);
    if (user) await tx.outbox.add([tradingAccountReadyEmail({ user, challengeId, rules, account, at })]);
    return ok({ trialId, outcome: 'provisioned', challengeId, account: account.login });
  }
}

function outcomeOf(trialId: string, outcome: TrialChallengeOutcome['outcome'], challengeId: string | null): TrialChallengeOutcome {
  return { trialId, outcome, challengeId, account: null };
}
