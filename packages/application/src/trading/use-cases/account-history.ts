import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { pageLimit } from '../../shared-kernel/page-limit.js';
import { dealView, type DealView } from '../../shared/deal-view.js';
import { tradingErrors } from '../trading-errors.js';

export interface AccountHistoryInput {
  readonly traderId: string;
  readonly login: string;
  /**
   * `login` (the default): this login's deals. `owner`: the deals of every
   * login its owner has traded on, so a challenge's history spans its phases
   * and attempts, whichever of its logins names it.
   */
  readonly span?: 'login' | 'owner';
  readonly cursor?: string | null;
  readonly limit?: number;
}

/**
 * The deals taken in for one of a trader's watched trading accounts, newest
 * first, a page at a time. Another trader's login answers like one the firm
 * does not watch.
 */
export class AccountHistory {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: AccountHistoryInput): Promise<Result<CursorPage<DealView>, DomainError>> {
    const limit = pageLimit(input.limit);
    if (!limit.ok) return limit;
    return withCursor(() =>
      this.uow.run(async (tx) => {
        const account = await tx.tradingAccounts.find(input.login);
        if (!account || account.traderId !== input.traderId) return err(tradingErrors.loginNotFound(input.login));
        const page = { cursor: input.cursor ?? null, limit: limit.value };
        const deals =
          input.span === 'owner'
            ? await tx.accountDeals.listByOwner({ kind: account.owner.kind, id: account.owner.id }, page)
            : await tx.accountDeals.listByLogin(account.login, page);
        return ok({ items: deals.items.map(dealView), nextCursor: deals.nextCursor });
      }),
    );
  }
}
