import { err, fundedAccountMetrics, ok, type DomainError, type FundedAccountMetrics, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import type { TradingAccountMetricsReader } from '../../trading-accounts/ports/trading-account-metrics-reader.js';
import { fundingErrors } from '../funding-errors.js';

export interface FundedAccountMetricsInput {
  readonly requester: Requester;
  readonly fundedAccountId: string;
}

export interface FundedAccountMetricsView extends FundedAccountMetrics {
  /** The login of the funded trading account. */
  readonly account: string;
  /** `platform`: live figures read now; `stored`: the last figures the firm recorded. */
  readonly figuresSource: 'platform' | 'stored';
}

/**
 * The transparency view of docs/rules.md §4 for one funded account: its
 * trading account's metrics (the view every kind of account has), with the
 * funded account's status and split. A trader sees only their own accounts;
 * any other id is `FUNDED.NOT_FOUND`.
 */
export class FundedAccountMetricsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: TradingAccountMetricsReader,
  ) {}

  async execute(input: FundedAccountMetricsInput): Promise<Result<FundedAccountMetricsView, DomainError>> {
    const funded = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!funded || (input.requester.role !== 'admin' && funded.traderId !== input.requester.userId)) {
      return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    }
    // A flat account shows the funded ledger's balance, the one its payouts are checked against: the funded deal
    // feed and the account's deal intake follow the platform on their own cursors, so the ledger may have taken in
    // the deals that closed the account before its stored figures have (a flat account's equity is its balance).
    const flat = funded.openPositionCount === 0 ? { balance: funded.balance.amount, equity: funded.balance.amount } : null;
    const account = await this.accounts.metricsOf(funded.login, { recorded: flat });
    if (!account) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    return ok({ ...fundedAccountMetrics(funded.toState(), account), account: funded.login, figuresSource: account.figuresSource });
  }
}
