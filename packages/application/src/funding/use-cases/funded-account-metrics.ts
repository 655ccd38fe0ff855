import { err, fundedAccountMetrics, ok, type DomainError, type FundedAccount, type FundedAccountMetrics, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { platformFigures, storedFigures, type BalanceAndEquity } from '../../shared/account-figures.js';
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
 * The transparency view of rule book section 4 for one funded account, the
 * challenge's view without target and trading days: day-start balance and
 * equity, both floors, buffers in money and percent, the next reset instant
 * and for a breached account the full breach record. A trader sees only
 * their own accounts; any other id is `FUNDED.NOT_FOUND`.
 */
export class FundedAccountMetricsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
  ) {}

  async execute(input: FundedAccountMetricsInput): Promise<Result<FundedAccountMetricsView, DomainError>> {
    const loaded = await this.uow.run(async (tx) => {
      const account = await tx.fundedAccounts.findById(input.fundedAccountId);
      return account ? { account, feed: await tx.accountEquity.find(account.login) } : null;
    });
    const account = loaded?.account;
    if (!account || (input.requester.role !== 'admin' && account.traderId !== input.requester.userId)) {
      return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    }
    const live = account.isTrading ? await platformFigures(this.platform, account.login) : null;
    const figures = live ?? recordedFigures(account, loaded.feed);
    return ok({
      ...fundedAccountMetrics(account.toState(), { now: this.clock.now(), balance: figures.balance, equity: figures.equity }),
      account: account.login,
      figuresSource: live ? 'platform' : 'stored',
    });
  }
}

/**
 * A flat account's equity is its balance, and the funded account's balance
 * is the deal feed's (so a breached account shows where closing its
 * positions left it); with positions open, the last recorded figures stand.
 */
function recordedFigures(account: FundedAccount, feed: BalanceAndEquity | null): BalanceAndEquity {
  if (account.openPositionCount === 0) return { balance: account.balance.amount, equity: account.balance.amount };
  return storedFigures(account.drawdown, feed, account.rules.initialBalance.amount);
}
