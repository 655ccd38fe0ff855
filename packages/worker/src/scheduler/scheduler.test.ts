import { JOB_LOCK } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { TradingCalendar } from '@tradesense/domain';
import { expect, it } from 'vitest';
import { atEachReset, every } from './schedule.js';
import { Scheduler, type ScheduledJob } from './scheduler.js';

const clock = new ManualClock('2026-10-30T12:00:00Z');

describeEachPlatform(
  'scheduler with two workers',
  (ctx) => {
    it('runs every due job exactly once across workers, catching up missed resets', async () => {
      clock.set('2026-10-30T12:00:00Z'); // the clock is shared by the per-driver suites
      const runs: string[] = [];
      const jobs = (worker: string): ScheduledJob[] => [
        { name: 'day-rollover', schedule: atEachReset(new TradingCalendar()), run: async (due) => void runs.push(`rollover ${due.toISOString()} by ${worker}`) },
        { name: 'leaderboard', schedule: every(60_000), run: async (due) => void runs.push(`leaderboard ${due.toISOString()} by ${worker}`) },
      ];
      const lock = ctx.platform.get(JOB_LOCK);
      const make = (id: string) => new Scheduler(jobs(id), { workerId: id, clock, lock, logger: ctx.platform.logger, lookbackMs: 60_000 });
      const a = make('w1');
      const b = make('w2');
      await Promise.all([a.runDue(), b.runDue()]);
      runs.length = 0;
      // Three days pass (including the 25-hour day of 2026-11-01) while both run.
      clock.set('2026-11-02T22:00:30Z');
      const ran = await Promise.all([a.runDue(), b.runDue()]);
      const rollovers = runs.filter((r) => r.startsWith('rollover')).map((r) => r.split(' ')[1]).sort();
      expect(rollovers).toEqual([
        '2026-10-30T21:00:00.000Z',
        '2026-10-31T21:00:00.000Z',
        '2026-11-01T22:00:00.000Z',
        '2026-11-02T22:00:00.000Z',
      ]);
      // Interval jobs catch up only the latest missed run.
      expect(runs.filter((r) => r.startsWith('leaderboard')).map((r) => r.split(' ')[1])).toEqual(['2026-11-02T22:00:00.000Z']);
      expect(ran.flat()).toHaveLength(5);
      // Nothing new is due: nobody runs anything again.
      expect([...(await a.runDue()), ...(await b.runDue())]).toEqual([]);
    });

    it('a restarted worker resumes after the last claimed due time', async () => {
      const runs: string[] = [];
      const lock = ctx.platform.get(JOB_LOCK);
      const job: ScheduledJob = { name: 'day-rollover', schedule: atEachReset(new TradingCalendar()), run: async (due) => void runs.push(due.toISOString()) };
      clock.set('2026-11-03T22:00:10Z');
      const restarted = new Scheduler([job], { workerId: 'w3', clock, lock, logger: ctx.platform.logger });
      await restarted.runDue();
      expect(runs).toEqual(['2026-11-03T22:00:00.000Z']);
    });
  },
  { clock },
);
