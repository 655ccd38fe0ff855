import { accountMetrics, err, ok, type AccountMetrics, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import type { TradingAccountMetricsReader } from '../../trading-accounts/ports/trading-account-metrics-reader.js';
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
 * The transparency view of docs/rules.md §4 for one challenge: its current
 * phase's trading account metrics (the view every kind has: day-start
 * balance and equity, both floors, buffers in money and percent, the next
 * reset instant, for a failed challenge the full breach record) with the
 * phase's profit progress and trading days. A trader sees only their own
 * challenges; any other id is `CHALLENGE.NOT_FOUND`.
 */
export class AccountMetricsQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: TradingAccountMetricsReader,
    private readonly clock: Clock,
  ) {}

  async execute(input: AccountMetricsInput): Promise<Result<AccountMetricsView, DomainError>> {
    const challenge = await this.uow.run((tx) => tx.challenges.findById(input.challengeId));
    if (!challenge || (input.requester.role !== 'admin' && challenge.traderId !== input.requester.userId)) {
      return err(challengesErrors.notFound(input.challengeId));
    }
    // Before payment there is no phase account yet: the view starts from the initial balance.
    const account = challenge.account ? await this.accounts.metricsOf(challenge.account) : null;
    return ok({
      ...accountMetrics(challenge.toState(), account, this.clock.now()),
      account: challenge.account,
      figuresSource: account?.figuresSource ?? 'stored',
    });
  }
}
