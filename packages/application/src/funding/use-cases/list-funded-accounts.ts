import { ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { fundedAccountOverview, type FundedAccountOverview } from './funded-account-overview.js';

/** A trader's funded accounts, oldest first, each with its overview. */
export class ListFundedAccounts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: { userId: string }): Promise<Result<readonly FundedAccountOverview[], DomainError>> {
    const accounts = await this.uow.run((tx) => tx.fundedAccounts.listByTrader(input.userId));
    const now = this.clock.now();
    return ok(accounts.map((account) => fundedAccountOverview(account, now, this.calendar)));
  }
}
