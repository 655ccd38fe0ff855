import { ChallengeErrorCode, domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { challengesErrors } from '../challenges-errors.js';

export interface ChallengeTradingResumed {
  readonly challengeId: string;
  /** The login trading was enabled on. */
  readonly account: string;
}

/**
 * Enables trading on the account of a challenge that trades again (after an
 * admin cleared its breach). Run right after the override commits and again
 * by the outbox follow-up until the platform accepts it; enabling twice is
 * harmless. A challenge that is not trading (breached again since, passed,
 * ended) stays disabled: `CHALLENGE.NOT_ACTIVE`.
 */
export class ResumeChallengeTrading {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
  ) {}

  async execute(input: { challengeId: string }): Promise<Result<ChallengeTradingResumed, DomainError>> {
    const challenge = await this.uow.run((tx) => tx.challenges.findById(input.challengeId));
    if (!challenge) return err(challengesErrors.notFound(input.challengeId));
    const account = challenge.account;
    if (!challenge.isTrading || !account) {
      return err(
        domainError(ChallengeErrorCode.NOT_ACTIVE, 'The challenge is not trading', { challengeId: challenge.id, status: challenge.status }),
      );
    }
    return orExternalFailure(async () => {
      await this.platform.enableTrading(account);
      return ok({ challengeId: challenge.id, account });
    });
  }
}
