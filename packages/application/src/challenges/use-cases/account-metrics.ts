import { accountMetrics, err, ok, type AccountMetrics, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { figuresNow } from '../../shared/account-figures.js';
import { challengesErrors } from '../challenges-errors.js';

export interface AccountMetricsInput {
  readonly requester: Requester;
  readonly challengeId: string;
}

export interface AccountMetricsView extends AccountMetrics {
  /** The login of the current phase's account. */
  readonly account: string | null;
  /** `platform`: live figures read now; `stored`: the last figures the firm recorded. */
  readonly figuresSource: 'platform' | 'stored';
}

/**
 * The transparency view of docs/rules.md §4 for one challenge, from its
 * current phase's trading account (the view every kind has) with the
 * phase's target and trading days: day-start
 * balance and equity, both floors, buffers in money and percent, the next
 * reset instant, profit progress, trading days, and for a failed challenge
 * the full breach record. A trader sees only their own challenges; any other
 * id is `CHALLENGE.NOT_FOUND`.
 */
export class AccountMetricsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly platform: TradingPlatform,
    private readonly clock: Clock,
  ) {}

  async execute(input: AccountMetricsInput): Promise<Result<AccountMetricsView, DomainError>> {
    const loaded = await this.uow.run(async (tx) => {
      const challenge = await tx.challenges.findById(input.challengeId);
      if (!challenge) return null;
      const account = challenge.account ? await tx.tradingAccounts.find(challenge.account) : null;
      const figures = challenge.account ? await tx.accountEquity.find(challenge.account) : null;
      return { challenge, account, figures };
    });
    const challenge = loaded?.challenge;
    if (!challenge || (input.requester.role !== 'admin' && challenge.traderId !== input.requester.userId)) {
      return err(challengesErrors.notFound(input.challengeId));
    }
    const { account } = loaded;
    const { figures, source } = await figuresNow(this.platform, account, challenge.isTrading && account?.isTrading === true, {
      feed: loaded.figures,
      initial: challenge.rules.initialBalance.amount,
    });
    const live = { now: this.clock.now(), balance: figures.balance, equity: figures.equity };
    return ok({ ...accountMetrics(challenge.toState(), account?.toState() ?? null, live), account: challenge.account, figuresSource: source });
  }
}
