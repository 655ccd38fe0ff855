import { err, ok, tradingAccountMetrics, type DomainError, type Result, type TradingAccount } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingLogin, TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { figuresNow } from '../../shared/account-figures.js';
import type {
  TradingAccountMetricsOptions,
  TradingAccountMetricsReader,
  TradingAccountMetricsView,
} from '../ports/trading-account-metrics-reader.js';
import { tradingAccountsErrors } from '../trading-accounts-errors.js';

export interface TradingAccountMetricsInput {
  readonly requester: Requester;
  readonly login: string;
}

/**
 * The transparency view of docs/rules.md §4 for one trading account, the same
 * for every kind: day-start balance and equity, both floors, buffers in money
 * and percent, the next reset instant and, once breached, the full breach
 * record. The figures are the platform's while the account trades (the last
 * recorded ones when it is out of reach or the account ended). A trader sees
 * only their own accounts; any other login is `TRADING_ACCOUNT.NOT_FOUND`.
 * The owners' views read the same metrics through `metricsOf`.
 */
export class TradingAccountMetricsQuery implements TradingAccountMetricsReader {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
  ) {}

  async execute(input: TradingAccountMetricsInput): Promise<Result<TradingAccountMetricsView, DomainError>> {
    const { requester } = input;
    const view = await this.read(input.login, {}, (account) => requester.role === 'admin' || account.traderId === requester.userId);
    return view ? ok(view) : err(tradingAccountsErrors.notFound(input.login));
  }

  metricsOf(login: TradingLogin, options: TradingAccountMetricsOptions = {}): Promise<TradingAccountMetricsView | null> {
    return this.read(login, options, () => true);
  }

  /** The platform is read only for an account the requester may see. */
  private async read(
    login: TradingLogin,
    options: TradingAccountMetricsOptions,
    visible: (account: TradingAccount) => boolean,
  ): Promise<TradingAccountMetricsView | null> {
    const loaded = await this.uow.run(async (tx) => {
      const account = await tx.tradingAccounts.find(login);
      return account ? { account, feed: await tx.accountEquity.find(account.login) } : null;
    });
    if (!loaded || !visible(loaded.account)) return null;
    const { account, feed } = loaded;
    const { figures, source } = await figuresNow(this.platform, account, account.isTrading, {
      feed,
      initial: account.rules.initialBalance.amount,
      recorded: options.recorded ?? null,
    });
    const live = { now: this.clock.now(), balance: figures.balance, equity: figures.equity };
    return { ...tradingAccountMetrics(account.toState(), live), figuresSource: source };
  }
}
