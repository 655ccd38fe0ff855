import type { UseCases } from '@tradesense/application';
import type { DomainError, Result, TradingCalendar } from '@tradesense/domain';
import { atEachMonthStart, atEachReset, delayed, every } from '../scheduler/schedule.js';
import type { ScheduledJob } from '../scheduler/scheduler.js';

/** A use case's expected failure fails the job run (logged, retried at the next due time). */
async function succeed(result: Promise<Result<unknown, DomainError>>): Promise<void> {
  const outcome = await result;
  if (!outcome.ok) throw outcome.error;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const ROLLOVER_DELAY_MS = 15 * SECOND;

/**
 * Every scheduled job of the platform, in the firm's calendar. Each runs once
 * per due time across all workers (see Scheduler). docs/operations.md lists
 * them for operators.
 */
export function platformJobs(useCases: UseCases, calendar: TradingCalendar): ScheduledJob[] {
  return [
    {
      // A few seconds after the reset, so the risk monitors' closing figures
      // (written at the boundary) are in before the set-based snapshot reads them.
      name: 'day-rollover',
      schedule: delayed(atEachReset(calendar), ROLLOVER_DELAY_MS),
      run: async (dueAt) => {
        const at = new Date(dueAt.getTime() - ROLLOVER_DELAY_MS);
        // Funded accounts roll even when the challenges' rollover failed; the run still fails (and is retried) then.
        const [challenges, funded] = await Promise.allSettled([
          succeed(useCases.rollTradingDay.execute({ at })),
          succeed(useCases.rollFundedTradingDay.execute({ at })),
        ]);
        for (const outcome of [challenges, funded]) if (outcome.status === 'rejected') throw outcome.reason;
      },
    },
    { name: 'funded-deal-feed', schedule: every(15 * SECOND), run: () => succeed(useCases.recordFundedDeals.execute({})) },
    { name: 'payout-guarantee', schedule: every(MINUTE), run: () => succeed(useCases.compensateLatePayouts.execute()) },
    { name: 'scaling-review', schedule: atEachMonthStart(calendar), run: () => succeed(useCases.reviewAllScaling.execute()) },
    { name: 'affiliate-retier', schedule: atEachMonthStart(calendar), run: () => succeed(useCases.retierAffiliates.execute()) },
    { name: 'competition-status', schedule: every(MINUTE), run: () => succeed(useCases.closeCompetitions.execute()) },
    {
      name: 'competition-provisioning',
      schedule: every(MINUTE),
      run: () => succeed(useCases.provisionCompetitionAccounts.execute({})),
    },
    // The rule book asks for standings fresh within 60 seconds.
    { name: 'competition-leaderboards', schedule: every(30 * SECOND), run: () => succeed(useCases.updateLeaderboards.execute()) },
    {
      name: 'competition-prizes',
      schedule: every(5 * MINUTE),
      run: async () => {
        const listed = await useCases.listCompetitions.execute({});
        if (!listed.ok) throw listed.error;
        for (const competition of listed.value.competitions) {
          if (competition.status === 'ended' && !competition.prizesAwarded) {
            await succeed(useCases.awardPrizes.execute({ competitionId: competition.id, actorId: null }));
          }
        }
      },
    },
    { name: 'global-leaderboard', schedule: every(MINUTE), run: () => succeed(useCases.refreshGlobalLeaderboard.execute({})) },
    { name: 'trial-reminders', schedule: every(MINUTE), run: () => succeed(useCases.sendTrialReminders.execute({})) },
    { name: 'trial-charges', schedule: every(MINUTE), run: () => succeed(useCases.chargeDueTrials.execute({})) },
  ];
}
