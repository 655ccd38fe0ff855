import { err, fundedAccountMetrics, ok, type DomainError, type FundedAccountMetrics, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { figuresNow } from '../../shared/account-figures.js';
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
 * trading account's loss limits (the view every kind of account has), with
 * the funded account's status and split. A trader sees only their own
 * accounts; any other id is `FUNDED.NOT_FOUND`.
 */
export class FundedAccountMetricsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
  ) {}

  async execute(input: FundedAccountMetricsInput): Promise<Result<FundedAccountMetricsView, DomainError>> {
    const loaded = await this.uow.run(async (tx) => {
      const funded = await tx.fundedAccounts.findById(input.fundedAccountId);
      if (!funded) return null;
      const account = await tx.tradingAccounts.find(funded.login);
      return account ? { funded, account, feed: await tx.accountEquity.find(funded.login) } : null;
    });
    if (!loaded || (input.requester.role !== 'admin' && loaded.funded.traderId !== input.requester.userId)) {
      return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    }
    const { funded, account, feed } = loaded;
    // A flat account's equity is its balance, and the funded ledger's balance is the deal feed's
    // (so an ended account shows where closing its positions left it).
    const flat = funded.openPositionCount === 0 ? { balance: funded.balance.amount, equity: funded.balance.amount } : null;
    const { figures, source } = await figuresNow(this.platform, account, account.isTrading, {
      feed,
      initial: account.rules.initialBalance.amount,
      recorded: flat,
    });
    const live = { now: this.clock.now(), balance: figures.balance, equity: figures.equity };
    return ok({ ...fundedAccountMetrics(funded.toState(), account.toState(), live), account: funded.login, figuresSource: source });
  }
}
