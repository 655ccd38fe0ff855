import {
  FundedErrorCode,
  ok,
  type DomainError,
  type FundedAccountEvent,
  type LocalDate,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import type { FundedDayStartSnapshot } from '../ports/funding-repositories.js';
import type { FundedRiskWriter } from '../shared/funded-risk-writer.js';
import type { HandleFundedBreach } from './handle-funded-breach.js';

export interface RollFundedTradingDayInput {
  /** The reset instant; defaults to now. Any instant of the new trading day rolls into it. */
  readonly at?: Date;
}

export interface FundedTradingDayRolled {
  readonly tradingDay: LocalDate;
  /** UTC ISO-8601 instant of the next reset. */
  readonly nextResetAt: string;
  /** Day-start snapshots written now (0 when the day was already snapshotted). */
  readonly snapshots: number;
  /** Funded accounts that entered the new day now. */
  readonly rolled: number;
  /** Funded accounts whose new floors they were already at (handled). */
  readonly breached: readonly string[];
}

const PAGE = 200;

/**
 * The firm's day rollover for funded accounts (rule book sections 1, 4 and
 * 5), as for challenges: one set-based statement records the day-start
 * balance and equity of every active funded account from the latest known
 * figures; then each account rolls from its snapshot (trailing end-of-day
 * high, new floors, warnings renewed) and is judged against the new floors.
 * Repeating a rollover for a day already rolled changes nothing.
 */
export class RollFundedTradingDay {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendar: TradingCalendar,
    private readonly writer: FundedRiskWriter,
    private readonly handleBreach: HandleFundedBreach,
    private readonly clock: Clock,
  ) {}

  async execute(input: RollFundedTradingDayInput = {}): Promise<Result<FundedTradingDayRolled, DomainError>> {
    const at = input.at ?? this.clock.now();
    const tradingDay = this.calendar.tradingDayOf(at);
    const snapshots = await this.uow.run((tx) => tx.fundedDayStarts.snapshot(tradingDay, at));
    let rolled = 0;
    const breached: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: FundedDayStartSnapshot[] = await this.uow.run((tx) => tx.fundedDayStarts.list(tradingDay, { after, limit: PAGE }));
      for (const snapshot of page) {
        const outcome = await this.rollOne(snapshot, at);
        if (outcome.rolled) rolled += 1;
        if (outcome.breach) {
          breached.push(snapshot.fundedAccountId);
          await this.handleBreach.execute({ fundedAccountId: snapshot.fundedAccountId });
        }
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.fundedAccountId;
    }
    return ok({ tradingDay, nextResetAt: this.calendar.nextReset(at).toISOString(), snapshots, rolled, breached });
  }

  private rollOne(snapshot: FundedDayStartSnapshot, at: Date): Promise<{ rolled: boolean; breach: boolean }> {
    return retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const account = await tx.fundedAccounts.findById(snapshot.fundedAccountId, { lock: true });
        if (!account || account.login !== snapshot.login) return { rolled: false, breach: false };
        const figures = { balance: snapshot.balance, equity: snapshot.equity, observedAt: snapshot.observedAt };
        const result = account.rollTradingDay(at, figures);
        if (!result.ok) {
          // A breach detected before whose handling has not finished: hand it on.
          const pending = result.error.code === FundedErrorCode.ALREADY_BREACHED && account.status === 'active';
          return { rolled: false, breach: pending };
        }
        if (!result.value.rolled) return { rolled: false, breach: false };
        const events: FundedAccountEvent[] = await this.writer.save(tx, account, at);
        return { rolled: true, breach: events.some((event) => event.type === 'FundedAccountBreachDetected') };
      }),
    );
  }
}
