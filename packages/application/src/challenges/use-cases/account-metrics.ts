import { accountMetrics, err, ok, type AccountMetrics, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { Requester } from '../../shared-kernel/requester.js';
import { platformFigures, storedFigures } from '../../shared/account-figures.js';
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
 * The transparency view of rule book section 4 for one challenge: day-start
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
      const figures = challenge.account ? await tx.accountEquity.find(challenge.account) : null;
      return { challenge, figures };
    });
    const challenge = loaded?.challenge;
    if (!challenge || (input.requester.role !== 'admin' && challenge.traderId !== input.requester.userId)) {
      return err(challengesErrors.notFound(input.challengeId));
    }
    const state = challenge.toState();
    const now = this.clock.now();
    const live = challenge.isTrading && challenge.account ? await platformFigures(this.platform, challenge.account) : null;
    const stored = storedFigures(challenge.drawdown, loaded.figures, challenge.rules.initialBalance.amount);
    const figures = live ?? stored;
    return ok({
      ...accountMetrics(state, { now, balance: figures.balance, equity: figures.equity }),
      account: state.account,
      figuresSource: live ? 'platform' : 'stored',
    });
  }
}
