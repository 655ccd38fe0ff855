import {
  ChallengeErrorCode,
  domainError,
  err,
  ok,
  type Challenge,
  type ChallengeStatus,
  type DomainError,
  type Result,
} from '@tradesense/domain';
import type { AccountProvisioner } from '../../commerce/ports/account-provisioner.js';
import type { ProvisionedAccount } from '../../commerce/ports/commerce-repositories.js';
import type { Clock } from '../../ports/clock.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import { challengesErrors } from '../challenges-errors.js';
import { challengeAccountRequest, phaseAccountKey } from '../shared/challenge-account-request.js';
import type { ChallengeWriter } from '../shared/challenge-writer.js';

export interface PassPhaseInput {
  readonly challengeId: string;
}

export interface PhaseProgression {
  readonly challengeId: string;
  readonly status: ChallengeStatus;
  readonly phase: number;
  /** The login the challenge trades on now. */
  readonly account: string | null;
  /** True when this call started the next phase on a fresh account. */
  readonly started: boolean;
}

/**
 * Moves a challenge on after the domain passed a phase (rule book section
 * 3). A phase before the last continues on a fresh trading account with the
 * same initial balance and fresh counters, the passed phase staying in the
 * history; after the last phase the challenge waits in `pending_kyc` (its
 * `ChallengePassed` event is already in the outbox) and nothing is left to
 * do here. The account is claimed per challenge, attempt and phase before the
 * platform is asked, so retries and concurrent calls make one account.
 */
export class PassPhase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provisioner: AccountProvisioner,
    private readonly writer: ChallengeWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts the next phase when the current one is passed and not the last;
   * otherwise nothing (run after every committed deal or day start that may
   * have passed a phase).
   */
  async startIfPassed(challengeId: string): Promise<Result<PhaseProgression, DomainError> | null> {
    const challenge = await this.uow.run((tx) => tx.challenges.findById(challengeId));
    if (!challenge || challenge.status !== 'active' || !challenge.phasePassed) return null;
    return this.execute({ challengeId });
  }

  async execute(input: PassPhaseInput): Promise<Result<PhaseProgression, DomainError>> {
    const loaded = await this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(input.challengeId);
      if (!challenge) return null;
      const trader = await tx.users.findById(challenge.traderId);
      const swapFree = await tx.challenges.isSwapFree(challenge.id);
      return { challenge, trader, swapFree };
    });
    if (!loaded) return err(challengesErrors.notFound(input.challengeId));
    const { challenge, trader, swapFree } = loaded;
    if (challenge.status === 'pending_kyc') return ok(progression(challenge, false));
    if (challenge.status !== 'active' || !challenge.phasePassed) return err(notPassed(challenge));
    if (!trader) throw new Error(`Challenge ${challenge.id} has no trader ${challenge.traderId}`);

    const key = phaseAccountKey(challenge.id, challenge.attempt, challenge.phase + 1);
    const step = await this.provisioner.provision({
      key,
      challengeId: challenge.id,
      request: challengeAccountRequest(challenge, challenge.phase + 1, trader, swapFree),
    });
    switch (step.kind) {
      case 'failed':
        return err(challengesErrors.provisioningFailed(challenge.id, step.platformCode));
      case 'in_progress':
      case 'completed':
        return ok(progression(challenge, false));
      case 'ready':
        return this.uow.run((tx) => this.start(tx, input.challengeId, key, step.account, trader.email, trader.toState().displayName));
    }
  }

  private async start(
    tx: TransactionScope,
    challengeId: string,
    key: string,
    account: ProvisionedAccount,
    email: string,
    displayName: string | null,
  ): Promise<Result<PhaseProgression, DomainError>> {
    const at = this.clock.now();
    const challenge = await tx.challenges.findById(challengeId, { lock: true });
    if (!challenge) return err(challengesErrors.notFound(challengeId));
    // A concurrent call started the phase on this very account first.
    if (challenge.account === account.login) return ok(progression(challenge, false));
    const next = challenge.startNextPhase(account.login, at);
    if (!next.ok) return next;
    await this.writer.save(tx, challenge, at);
    await tx.fulfilmentClaims.complete(key, 'fulfilled', at);
    // Credentials are kept only until the first attempt hands them out.
    if (account.password === null) return ok(progression(challenge, true));
    await tx.outbox.add([
      {
        // The delivered message's secrets are scrubbed from the outbox once sent.
        topic: 'email.trading_account_ready',
        aggregateType: 'challenge',
        aggregateId: challenge.id,
        occurredAt: at,
        payload: {
          to: email,
          traderName: displayName ?? email,
          challengeId: challenge.id,
          phase: challenge.phase,
          modelName: challenge.rules.modelName,
          initialBalance: challenge.rules.initialBalance.amount.toFixed(2),
          currency: challenge.rules.currency,
          login: account.login,
          password: account.password,
          investorPassword: account.investorPassword,
          group: account.group,
        },
      },
    ]);
    return ok(progression(challenge, true));
  }
}

function notPassed(challenge: Challenge): DomainError {
  return domainError(ChallengeErrorCode.PHASE_NOT_PASSED, `Phase ${challenge.phase} is not passed`, {
    challengeId: challenge.id,
    status: challenge.status,
  });
}

function progression(challenge: Challenge, started: boolean): PhaseProgression {
  return { challengeId: challenge.id, status: challenge.status, phase: challenge.phase, account: challenge.account, started };
}
