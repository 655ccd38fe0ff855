import { err, ok, tradingAccountMetrics, type DomainError, type Result, type TradingAccountMetrics } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { figuresNow } from '../../shared/account-figures.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface TradingAccountMetricsInput {
  readonly requester: Requester;
  readonly login: string;
}

export interface TradingAccountMetricsView extends TradingAccountMetrics {
  /** `platform`: live figures read now; `stored`: the last figures the firm recorded. */
  readonly figuresSource: 'platform' | 'stored';
}

/**
 * The transparency view of docs/rules.md §4 for one trading account, the same
 * for every kind: day-start balance and equity, both floors, buffers in money
 * and percent, the next reset instant and, once breached, the full breach
 * record. The figures are the platform's while the account trades (the last
 * recorded ones when it is out of reach or the account ended). A trader sees
 * only their own accounts; any other login is `TRADING_ACCOUNT.NOT_FOUND`.
 */
export class TradingAccountMetricsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
  ) {}

  async execute(input: TradingAccountMetricsInput): Promise<Result<TradingAccountMetricsView, DomainError>> {
    const loaded = await this.uow.run(async (tx) => {
      const account = await tx.tradingAccounts.find(input.login);
      return account ? { account, feed: await tx.accountEquity.find(account.login) } : null;
    });
    const account = loaded?.account;
    if (!account || (input.requester.role !== 'admin' && account.traderId !== input.requester.userId)) {
      return err(tradingAccountsErrors.notFound(input.login));
    }
    const { figures, source } = await figuresNow(this.platform, account, account.isTrading, {
      feed: loaded.feed,
      initial: account.rules.initialBalance.amount,
    });
    const live = { now: this.clock.now(), balance: figures.balance, equity: figures.equity };
    return ok({ ...tradingAccountMetrics(account.toState(), live), figuresSource: source });
  }
}
