import {
  TradingAccountErrorCode,
  ok,
  type DomainError,
  type LocalDate,
  type Result,
  type TradingAccountEvent,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { TradingDayStart } from '../ports/trading-account-repositories.js';
import type { TradingAccountWriter } from '../ports/trading-account-owner-reactions.js';
import type { HandleAccountBreach } from './handle-account-breach.js';

export interface RollAccountsTradingDayInput {
  /** The reset instant; defaults to now. Any instant of the new trading day rolls into it. */
  readonly at?: Date;
}

export interface TradingDayRolledSummary {
  readonly tradingDay: LocalDate;
  /** UTC ISO-8601 instant of the next reset. */
  readonly nextResetAt: string;
  /** Day-start snapshots written now (0 when the day was already snapshotted). */
  readonly snapshots: number;
  /** Trading accounts that entered the new day now. */
  readonly rolled: number;
  /** Logins whose new floors they were already at (handled). */
  readonly breached: readonly string[];
}

const PAGE = 200;

/**
 * The firm's day rollover (docs/rules.md §1 and §4), once for every kind of
 * account: one set-based statement records the day-start balance and equity
 * of every active trading account from the latest known figures; then each
 * account rolls from its snapshot (trailing end-of-day high, new floors,
 * warnings renewed) and is judged against the new floors, and its owner
 * reacts (a challenge checks its phase and its inactivity). Repeating a
 * rollover for a day already rolled changes nothing.
 */
export class RollAccountsTradingDay {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendar: TradingCalendar,
    private readonly writer: TradingAccountWriter,
    private readonly handleBreach: HandleAccountBreach,
    private readonly clock: Clock,
  ) {}

  async execute(input: RollAccountsTradingDayInput = {}): Promise<Result<TradingDayRolledSummary, DomainError>> {
    const at = input.at ?? this.clock.now();
    const tradingDay = this.calendar.tradingDayOf(at);
    const snapshots = await this.uow.run((tx) => tx.tradingDayStarts.snapshot(tradingDay, at));
    let rolled = 0;
    const breached: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: TradingDayStart[] = await this.uow.run((tx) => tx.tradingDayStarts.list(tradingDay, { after, limit: PAGE }));
      for (const snapshot of page) {
        const outcome = await this.rollOne(snapshot, at);
        if (outcome.rolled) rolled += 1;
        if (outcome.breach) {
          breached.push(snapshot.login);
          await this.handleBreach.execute({ login: snapshot.login });
        }
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.login;
    }
    return ok({ tradingDay, nextResetAt: this.calendar.nextReset(at).toISOString(), snapshots, rolled, breached });
  }

  private async rollOne(snapshot: TradingDayStart, at: Date): Promise<{ rolled: boolean; breach: boolean }> {
    const outcome = await retryOnConflict(() =>
      this.uow.run(async (tx): Promise<{ rolled: boolean; breach: boolean; events?: TradingAccountEvent[] }> => {
        const account = await tx.tradingAccounts.find(snapshot.login, { lock: true });
        if (!account) return { rolled: false, breach: false };
        const figures = { balance: snapshot.balance, equity: snapshot.equity, observedAt: snapshot.observedAt };
        const result = account.rollTradingDay(at, figures);
        if (!result.ok) {
          // A breach detected before whose handling has not finished: hand it on.
          const pending = result.error.code === TradingAccountErrorCode.ALREADY_BREACHED && account.status === 'active';
          return { rolled: false, breach: pending };
        }
        if (!result.value.rolled) return { rolled: false, breach: false };
        const events = await this.writer.save(tx, account, at);
        return { rolled: true, breach: events.some((event) => event.type === 'TradingAccountBreachDetected'), events };
      }),
    );
    // The owner's platform steps (a phase passed at the reset starts the next one) once the roll is committed.
    if (outcome.events) await this.writer.afterCommit(snapshot.owner, outcome.events);
    return { rolled: outcome.rolled, breach: outcome.breach };
  }
}
