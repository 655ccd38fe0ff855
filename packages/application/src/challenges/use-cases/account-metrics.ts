import type { Decimal } from 'decimal.js';
import { accountMetrics, err, ok, type AccountMetrics, type DomainError, type Result } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { challengesErrors } from '../challenges-errors.js';
import type { Requester } from '../shared/requester.js';

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
    const live = challenge.isTrading && challenge.account ? await this.liveFigures(challenge.account) : null;
    const stored = storedFigures(challenge.drawdown, loaded.figures, challenge.rules.initialBalance.amount);
    const figures = live ?? stored;
    return ok({
      ...accountMetrics(state, { now, balance: figures.balance, equity: figures.equity }),
      account: state.account,
      figuresSource: live ? 'platform' : 'stored',
    });
  }

  private async liveFigures(login: string): Promise<{ balance: Decimal; equity: Decimal } | null> {
    try {
      const account = await this.platform.getAccount(login);
      return { balance: account.balance, equity: account.equity };
    } catch {
      // The platform being out of reach must not hide the metrics: the stored figures stand in.
      return null;
    }
  }
}

/**
 * What the firm recorded last: the account's figures (written with every
 * evaluation and every deal taken in, so also the positions a breach closed),
 * or the challenge's last evaluated figures, or the initial balance. The
 * evaluated figures stop at the breach; the account's final balance comes
 * later, from the deals that closed it.
 */
function storedFigures(
  drawdown: { lastBalance: Decimal; lastEquity: Decimal } | null,
  feed: { balance: Decimal; equity: Decimal } | null,
  initial: Decimal,
): { balance: Decimal; equity: Decimal } {
  if (feed) return { balance: feed.balance, equity: feed.equity };
  if (drawdown) return { balance: drawdown.lastBalance, equity: drawdown.lastEquity };
  return { balance: initial, equity: initial };
}
