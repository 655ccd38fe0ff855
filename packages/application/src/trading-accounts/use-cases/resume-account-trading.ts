import { err, ok, type DomainError, type Result, type TradingAccountOwner } from '@tradesense/domain';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { orExternalFailure } from '../../shared-kernel/external-failure.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface AccountTradingResumed {
  readonly login: string;
  readonly owner: TradingAccountOwner;
}

/**
 * Enables trading on a login that trades again (after an admin cleared its
 * breach). Run right after the override commits and again by the outbox
 * follow-up until the platform accepts it; enabling twice is harmless. An
 * account that is not trading (breached again since, or closed) stays
 * disabled: `TRADING_ACCOUNT.NOT_ACTIVE`.
 */
export class ResumeAccountTrading {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
  ) {}

  async execute(input: { login: string }): Promise<Result<AccountTradingResumed, DomainError>> {
    const account = await this.uow.run((tx) => tx.tradingAccounts.find(input.login));
    if (!account) return err(tradingAccountsErrors.notFound(input.login));
    if (!account.isTrading) return err(tradingAccountsErrors.notTrading(account.login, account.status));
    return orExternalFailure(async () => {
      await this.platform.enableTrading(account.login);
      return ok({ login: account.login, owner: account.owner });
    });
  }
}
