import { Money, ok, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Decimal } from 'decimal.js';
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError, type TradingPlatform } from '../../ports/trading-platform.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { retryOnConflict } from '../../shared-kernel/retry-on-conflict.js';
import { eventsToOutbox } from '../../shared/events-to-outbox.js';
import { mapLimit } from '../shared/map-limit.js';

export interface UpdateLeaderboardsOutput {
  readonly competitions: number;
  /** Equity readings applied. */
  readonly readings: number;
  /** Accounts the platform could not report on now (kept at their last reading). */
  readonly unavailable: number;
}

interface Reading {
  readonly entryId: string;
  readonly equity: Decimal;
  readonly currency: string;
}

/**
 * Job (every ≤ 60 s): refreshes the standings of every running competition
 * from the platform's account equity. All readings of one competition take
 * the same instant, so equal ROIs reached in the same pass are separated by
 * registration time, as the ranking rule says.
 */
export class UpdateLeaderboards {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly platform: TradingPlatform,
    private readonly concurrency = 8,
  ) {}

  async execute(): Promise<Result<UpdateLeaderboardsOutput, DomainError>> {
    const day = this.calendar.tradingDayOf(this.clock.now());
    const ids = await this.uow.run((tx) => tx.competitions.idsRunningOn(day));
    let readings = 0;
    let unavailable = 0;
    for (const id of ids) {
      const outcome = await this.refresh(id);
      readings += outcome.readings;
      unavailable += outcome.unavailable;
    }
    return ok({ competitions: ids.length, readings, unavailable });
  }

  private async refresh(competitionId: string): Promise<{ readings: number; unavailable: number }> {
    const accounts = await this.uow.run(async (tx) => {
      const competition = await tx.competitions.findById(competitionId);
      if (!competition) return [];
      const active = new Set(competition.entries().filter((e) => e.status === 'active').map((e) => e.id));
      return (await tx.competitionAccounts.listForCompetition(competitionId)).filter(
        (a): a is typeof a & { login: string } => a.login !== null && active.has(a.entryId),
      );
    });
    const fetched = await mapLimit(accounts, this.concurrency, async (account): Promise<Reading | null> => {
      try {
        const state = await this.platform.getAccount(account.login);
        return { entryId: account.entryId, equity: state.equity, currency: state.currency };
      } catch (error) {
        if (isTradingPlatformError(error)) return null;
        throw error;
      }
    });
    const read = fetched.filter((r): r is Reading => r !== null);
    const at = this.clock.now();
    const applied = await retryOnConflict(() =>
      this.uow.run(async (tx) => {
        const competition = await tx.competitions.findById(competitionId);
        if (!competition) return 0;
        let count = 0;
        for (const reading of read) {
          const recorded = competition.recordEquity(
            { entryId: reading.entryId, equity: Money.of(reading.equity, reading.currency).booked(), at },
            this.calendar,
          );
          // An entry disqualified meanwhile, or a competition that just ended, keeps its last standing.
          if (recorded.ok) count++;
        }
        if (count > 0) {
          await tx.competitions.save(competition);
          await tx.outbox.add(eventsToOutbox('competition', competition.pullEvents()));
        }
        return count;
      }),
    );
    return { readings: applied, unavailable: fetched.length - read.length };
  }
}
