import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage, PageRequest } from '../../shared-kernel/cursor-page.js';
import type { Requester } from '../../shared-kernel/requester.js';
import type { StoredTradingAccountViolation } from '../ports/trading-account-violation-repository.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface ListAccountViolationsInput {
  readonly requester: Requester;
  readonly login: string;
}

/**
 * One account's restriction violations, cleared ones included, newest first
 * (docs/rules.md §14). A trader reads only their own logins; another's
 * answers as if it did not exist.
 */
export class ListAccountViolations {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ListAccountViolationsInput): Promise<Result<{ login: string; items: StoredTradingAccountViolation[] }, DomainError>> {
    return this.uow.run(async (tx) => {
      const account = await tx.tradingAccounts.find(input.login);
      if (!account || (input.requester.role !== 'admin' && account.traderId !== input.requester.userId)) {
        return err(tradingAccountsErrors.notFound(input.login));
      }
      return ok({ login: account.login, items: await tx.tradingAccountViolations.listByLogin(account.login) });
    });
  }
}

/** The admin review queue: open violations of every account, newest first, a page at a time (docs/rules.md §14). */
export class ListOpenViolations {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(page: PageRequest): Promise<Result<CursorPage<StoredTradingAccountViolation>, DomainError>> {
    return ok(await this.uow.run((tx) => tx.tradingAccountViolations.listOpen(page)));
  }
}
