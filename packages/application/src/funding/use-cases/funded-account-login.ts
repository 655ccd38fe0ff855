import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { fundingErrors } from '../funding-errors.js';

export interface FundedAccountLoginInput {
  readonly requester: Requester;
  readonly fundedAccountId: string;
}

export interface FundedAccountLogin {
  readonly fundedAccountId: string;
  /** The platform login the funded account trades on: its trading account's key. */
  readonly login: string;
  readonly traderId: string;
}

/**
 * The login a funded account trades on, for the routes that address a funded
 * account by its id but act on its trading account (metrics, verdict replay,
 * breach override). A trader resolves only their own accounts; any other id
 * is `FUNDED.NOT_FOUND`, so the funded routes keep disclosing nothing.
 */
export class FundedAccountLoginQuery {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: FundedAccountLoginInput): Promise<Result<FundedAccountLogin, DomainError>> {
    const funded = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!funded || (input.requester.role !== 'admin' && funded.traderId !== input.requester.userId)) {
      return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    }
    return ok({ fundedAccountId: funded.id, login: funded.login, traderId: funded.traderId });
  }
}
