import { ok, type DomainError, type Result, type TradingAccount, type TradingAccountEvent } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import type { HandleAccountBreach } from './handle-account-breach.js';

export interface CheckWeekendCutOffInput {
  /** The instant to judge at; defaults to now. Each account judges its own latest cut-off at or before it. */
  readonly at?: Date;
}

export interface WeekendCutOffSummary {
  /** Active accounts whose snapshot has the weekend holding ban on. */
  readonly checked: number;
  /** Logins that recorded a weekend violation now (none for a cut-off already judged). */
  readonly violated: readonly string[];
  /** Logins whose violation (action `breach`) failed the account. */
  readonly breached: readonly string[];
}

const PAGE = 200;

/**
 * The weekend holding ban (docs/rules.md §14): every active trading account
 * whose snapshot has the ban on judges the positions it still holds against
 * its own latest cut-off, under the row lock, and is saved through the
 * writer, which stores the violation and puts its action's events in the
 * outbox (a `close` is carried out once by the position-close handler). The
 * violation's id is its cut-off instant, so a second run for the same
 * cut-off records nothing.
 */
export class CheckWeekendCutOff {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: TradingAccountWriter,
    private readonly handleBreach: HandleAccountBreach,
    private readonly clock: Clock,
  ) {}

  async execute(input: CheckWeekendCutOffInput = {}): Promise<Result<WeekendCutOffSummary, DomainError>> {
    const at = input.at ?? this.clock.now();
    let checked = 0;
    const violated: string[] = [];
    const breached: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: TradingAccount[] = await this.uow.run((tx) => tx.tradingAccounts.listActive({ after, limit: PAGE }));
      for (const listed of page) {
        if (!listed.rules.restrictions.weekendHoldingBan) continue;
        checked += 1;
        const outcome = await this.checkOne(listed.login, at);
        if (outcome.violated) violated.push(listed.login);
        if (outcome.breach) {
          breached.push(listed.login);
          await this.handleBreach.execute({ login: listed.login });
        }
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.login;
    }
    return ok({ checked, violated, breached });
  }

  private async checkOne(login: string, at: Date): Promise<{ violated: boolean; breach: boolean }> {
    const outcome = await retryOnConflict(() =>
      this.uow.run(async (tx): Promise<{ violated: boolean; breach: boolean; account?: TradingAccount; events?: TradingAccountEvent[] }> => {
        const account = await tx.tradingAccounts.find(login, { lock: true });
        if (!account || !account.rules.restrictions.weekendHoldingBan) return { violated: false, breach: false };
        const checked = account.checkWeekendCutOff(at);
        // An account no longer trading (breached or closed meanwhile) has nothing to judge.
        if (!checked.ok || checked.value === null) return { violated: false, breach: false };
        const events = await this.writer.save(tx, account, at);
        return { violated: true, breach: events.some((event) => event.type === 'TradingAccountBreachDetected'), account, events };
      }),
    );
    if (outcome.account && outcome.events) await this.writer.afterCommit(outcome.account.owner, outcome.events);
    return { violated: outcome.violated, breach: outcome.breach };
  }
}
