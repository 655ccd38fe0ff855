import { ok, type Competition, type CompetitionStatus, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import { isTradingPlatformError, type TradingPlatform } from '../../ports/trading-platform.js';
import type { TransactionScope, UnitOfWork } from '../../ports/unit-of-work.js';
import type { TradingAccountWriter } from '../../trading-accounts/ports/trading-account-owner-reactions.js';

export interface CompetitionStatusChange {
  readonly competitionId: string;
  readonly status: CompetitionStatus;
  /** The firm-calendar instant the status began. */
  readonly at: Date;
}

export interface CloseCompetitionsOutput {
  readonly changes: readonly CompetitionStatusChange[];
}

/**
 * Job: follows each competition through registration → active → ended as
 * its dates pass in the firm calendar, announcing each change once
 * (`competition.status_changed` in the outbox). At the start the entries'
 * accounts, kept off until then, may trade; at the end every account stops
 * trading. Both happen before the change is recorded, so a platform failure
 * is retried on the next run. Recording the end closes the entries'
 * watched trading accounts (cause `competition_ended`) in the same
 * transaction: the risk engine stops judging them.
 */
export class CloseCompetitions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly platform: TradingPlatform,
    private readonly tradingAccounts: TradingAccountWriter,
  ) {}

  async execute(): Promise<Result<CloseCompetitionsOutput, DomainError>> {
    const now = this.clock.now();
    const ids = await this.uow.run((tx) => tx.competitionMilestones.idsNotEnded());
    const changes: CompetitionStatusChange[] = [];
    for (const id of ids) changes.push(...(await this.advance(id, now)));
    return ok({ changes });
  }

  private async advance(competitionId: string, now: Date): Promise<CompetitionStatusChange[]> {
    const loaded = await this.uow.run(async (tx) => {
      const competition = await tx.competitions.findById(competitionId);
      if (!competition) return null;
      return { competition, reached: new Set(await tx.competitionMilestones.reached(competitionId)) };
    });
    if (!loaded) return [];
    const { competition, reached } = loaded;
    const schedule = competition.schedule(this.calendar);
    const due = (
      [
        ['registration', schedule.registrationOpensAt],
        ['active', schedule.startsAt],
        ['ended', schedule.endsAt],
      ] as const
    ).filter(([status, at]) => now >= at && !reached.has(status));
    if (due.length === 0) return [];
    const ending = due.some(([status]) => status === 'ended');
    if (!ending && due.some(([status]) => status === 'active') && !(await this.startTrading(competition))) {
      // The start waits until every entry's account may trade.
      due.splice(due.findIndex(([status]) => status === 'active'));
    }
    if (ending && !(await this.stopTrading(competitionId))) {
      // Record what came before the end; the end waits until every account is switched off.
      due.splice(due.findIndex(([status]) => status === 'ended'));
    }
    return this.uow.run(async (tx) => {
      const recorded: CompetitionStatusChange[] = [];
      for (const [status, at] of due) {
        if (!(await tx.competitionMilestones.record(competitionId, status, now))) continue;
        recorded.push({ competitionId, status, at });
        if (status === 'ended') await this.closeTradingAccounts(tx, competitionId, now);
        await tx.outbox.add([
          {
            topic: 'competition.status_changed',
            aggregateType: 'competition',
            aggregateId: competitionId,
            payload: { competitionId, name: competition.toState().name, status, at: at.toISOString() },
            occurredAt: at,
          },
        ]);
      }
      return recorded;
    });
  }

  /**
   * Closes the entries' watched trading accounts. One whose breach was
   * detected but not yet handled stays open: handling it ends the account
   * (and disqualifies the entry); an account already ended stays as it is.
   */
  private async closeTradingAccounts(tx: TransactionScope, competitionId: string, at: Date): Promise<void> {
    for (const record of await tx.competitionAccounts.listForCompetition(competitionId)) {
      if (record.login === null) continue;
      const account = await tx.tradingAccounts.find(record.login, { lock: true });
      if (!account || account.status !== 'active' || account.breach) continue;
      const closed = account.close('competition_ended', at);
      if (!closed.ok) continue;
      await this.tradingAccounts.save(tx, account, at);
    }
  }

  /** Switches on the accounts of the entries still in, kept off until the start; false when the platform failed for one. */
  private async startTrading(competition: Competition): Promise<boolean> {
    const inPlay = new Set(competition.entries().filter((e) => e.status === 'active').map((e) => e.id));
    const accounts = await this.uow.run((tx) => tx.competitionAccounts.listForCompetition(competition.id));
    const started: string[] = [];
    let complete = true;
    for (const account of accounts) {
      if (account.login === null || account.tradingDisabledAt === null || !inPlay.has(account.entryId)) continue;
      try {
        await this.platform.enableTrading(account.login);
        started.push(account.entryId);
      } catch (error) {
        if (!isTradingPlatformError(error)) throw error;
        complete = false;
      }
    }
    if (started.length > 0) await this.uow.run((tx) => tx.competitionAccounts.markTradingEnabled(started));
    return complete;
  }

  /** Switches off every provisioned entry account not yet switched off; false when the platform failed for one. */
  private async stopTrading(competitionId: string): Promise<boolean> {
    const accounts = await this.uow.run((tx) => tx.competitionAccounts.listForCompetition(competitionId));
    const stopped: string[] = [];
    let complete = true;
    for (const account of accounts) {
      if (account.login === null || account.tradingDisabledAt !== null) continue;
      try {
        await this.platform.disableTrading(account.login);
        stopped.push(account.entryId);
      } catch (error) {
        if (!isTradingPlatformError(error)) throw error;
        // An account the platform no longer has cannot trade either.
        if (isTradingPlatformError(error, 'PLATFORM.ACCOUNT_NOT_FOUND')) stopped.push(account.entryId);
        else complete = false;
      }
    }
    if (stopped.length > 0) await this.uow.run((tx) => tx.competitionAccounts.markTradingDisabled(stopped, this.clock.now()));
    return complete;
  }
}
