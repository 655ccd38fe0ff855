import { FundedErrorCode, domainError, err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { fundingErrors } from '../funding-errors.js';

export interface FundedTradingResumed {
  readonly fundedAccountId: string;
  /** The login trading was enabled on. */
  readonly login: string;
}

/**
 * Enables trading on the platform login of a funded account that trades
 * again (after an admin cleared its breach). Run right after the override
 * commits and again by the outbox follow-up until the platform accepts it;
 * enabling twice is harmless. An account that is not trading (breached again
 * since) stays disabled: `FUNDED.NOT_ACTIVE`.
 */
export class ResumeFundedTrading {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
  ) {}

  async execute(input: { fundedAccountId: string }): Promise<Result<FundedTradingResumed, DomainError>> {
    const account = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!account) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    if (!account.isTrading) {
      return err(
        domainError(FundedErrorCode.NOT_ACTIVE, 'The funded account is not trading', { fundedAccountId: account.id, status: account.status }),
      );
    }
    const login = account.login;
    return orExternalFailure(async () => {
      await this.platform.enableTrading(login);
      return ok({ fundedAccountId: account.id, login });
    });
  }
}
