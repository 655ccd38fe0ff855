import type { UseCases } from '@tradesense/application';
import { MAX_WEEKEND_CUT_OFF_MINUTES, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import { atEachMonthStart, atEachReset, beforeResetsOpening, delayed, every } from '../scheduler/schedule.js';
import type { ScheduledJob } from '../scheduler/scheduler.js';

/** A use case's expected failure fails the job run (logged, then retried with backoff). */
async function succeed(result: Promise<Result<unknown, DomainError>>): Promise<void> {
  const outcome = await result;
  if (!outcome.ok) throw outcome.error;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const ROLLOVER_DELAY_MS = 15 * SECOND;
/** The firm reset that starts the weekend opens the trading day named Saturday. */
const SATURDAY = 6;

/**
 * Every scheduled job of the platform, in the firm's calendar. Each runs once
 * per due time across all workers (see Scheduler). Every one is safe to
 * repeat: each works from the current state and records what it did per
 * subject (an account's trading day, a payout's compensation, a trial's
 * charge attempt under its idempotency key, a scale under its decision id, an
 * affiliate's month, a competition's prizes), so a retry after a crash or a
 * failure does the rest and nothing twice. docs/operations.md lists them.
 */
export function platformJobs(useCases: UseCases, calendar: TradingCalendar): ScheduledJob[] {
  return [
    {
      // A few seconds after the reset, so the risk monitors' closing figures
      // (written at the boundary) are in before the set-based snapshot reads them.
      name: 'day-rollover',
      schedule: delayed(atEachReset(calendar), ROLLOVER_DELAY_MS),
      // Idempotent per (account, trading day): snapshots are inserted once per
      // (login, day) and an account already in the day does not roll again, so
      // a retry after a crash part-way finishes the rest and repeats nothing.
      repeatable: true,
      run: async (dueAt, context) => {
        const at = new Date(dueAt.getTime() - ROLLOVER_DELAY_MS);
        // Every watched account, whatever it belongs to, rolls in one pass (docs/rules.md §4); its owner reacts.
        await succeed(useCases.rollAccountsTradingDay.execute({ at }));
        await context.checkpoint('accounts-rolled');
        // The safety net of a passed phase whose next account did not start right after the pass.
        await succeed(useCases.startAwaitingPhases.execute());
      },
    },
    {
      // The weekend holding ban (docs/rules.md §14) violates at each account's
      // cut-off: Friday's reset minus its snapshot's whole minutes (0 to
      // MAX_WEEKEND_CUT_OFF_MINUTES), which differ between models and are not
      // known here. Running every minute of that window, up to and including
      // the reset, is due at every possible cut-off instant exactly; each run
      // lets every account judge its own latest cut-off, and one already
      // judged records nothing (the violation id is the cut-off instant).
      // After downtime the latest missed run is the reset itself, at which
      // every account's cut-off of the week has passed.
      name: 'weekend-cut-off',
      schedule: beforeResetsOpening(calendar, SATURDAY, MAX_WEEKEND_CUT_OFF_MINUTES * MINUTE, MINUTE),
      repeatable: true,
      run: (dueAt) => succeed(useCases.checkWeekendCutOff.execute({ at: dueAt })),
    },
    { name: 'funded-deal-feed', schedule: every(15 * SECOND), repeatable: true, run: () => succeed(useCases.recordFundedDeals.execute({})) },
    { name: 'payout-guarantee', schedule: every(MINUTE), repeatable: true, run: () => succeed(useCases.compensateLatePayouts.execute()) },
    { name: 'scaling-review', schedule: atEachMonthStart(calendar), repeatable: true, run: () => succeed(useCases.reviewAllScaling.execute()) },
    { name: 'affiliate-retier', schedule: atEachMonthStart(calendar), repeatable: true, run: () => succeed(useCases.retierAffiliates.execute()) },
    { name: 'competition-status', schedule: every(MINUTE), repeatable: true, run: () => succeed(useCases.closeCompetitions.execute()) },
    {
      name: 'competition-provisioning',
      schedule: every(MINUTE),
      repeatable: true,
      run: () => succeed(useCases.provisionCompetitionAccounts.execute({})),
    },
    // The rule book asks for standings fresh within 60 seconds.
    { name: 'competition-leaderboards', schedule: every(30 * SECOND), repeatable: true, run: () => succeed(useCases.updateLeaderboards.execute()) },
    {
      name: 'competition-prizes',
      schedule: every(5 * MINUTE),
      // Each competition's prizes are awarded once (`prizesAwarded`).
      repeatable: true,
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
    { name: 'global-leaderboard', schedule: every(MINUTE), repeatable: true, run: () => succeed(useCases.refreshGlobalLeaderboard.execute({})) },
    { name: 'trial-reminders', schedule: every(MINUTE), repeatable: true, run: () => succeed(useCases.sendTrialReminders.execute({})) },
    { name: 'trial-charges', schedule: every(MINUTE), repeatable: true, run: () => succeed(useCases.chargeDueTrials.execute({})) },
  ];
}
