import { Writable } from 'node:stream';
import { JOB_LOCK, type JobLock } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { describeEachPlatform } from '@tradesense/bootstrap/testing';
import { TradingCalendar } from '@tradesense/domain';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { atEachReset, every } from './schedule.js';
import { backoffDelay, Scheduler, type ScheduledJob } from './scheduler.js';

const clock = new ManualClock('2026-10-30T12:00:00Z');

/** A promise the test settles by hand, to hold a job run in progress. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** A logger whose lines the test reads. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string; job?: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

interface Row {
  due_at: Date;
  status: string;
  claimed_by: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  lease_expires_at: Date | null;
}

describe('retry backoff', () => {
  it('doubles from the base after each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 40].map((n) => backoffDelay(n))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 600_000, 600_000, 600_000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, { baseMs: 1_000, maxMs: 3_000 }))).toEqual([1_000, 2_000, 3_000]);
  });
});

describeEachPlatform(
  'scheduler with two workers',
  (ctx) => {
    const lockOf = (): JobLock => ctx.platform.get(JOB_LOCK);
    const rows = async (job: string): Promise<Row[]> =>
      (await ctx.platform.database.knex('job_runs').where({ job }).orderBy('due_at')) as Row[];
    const make = (id: string, jobs: ScheduledJob[], logger = ctx.platform.logger) =>
      new Scheduler(jobs, { workerId: id, clock, lock: lockOf(), logger, lookbackMs: 3 * 86_400_000, leaseMs: 30_000 });

    it('runs every due job exactly once across workers, catching up missed resets', async () => {
      clock.set('2026-10-30T12:00:00Z'); // the clock is shared by the per-driver suites
      const runs: string[] = [];
      const jobs = (worker: string): ScheduledJob[] => [
        { name: 'day-rollover', schedule: atEachReset(new TradingCalendar()), repeatable: true, run: async (due) => void runs.push(`rollover ${due.toISOString()} by ${worker}`) },
        { name: 'leaderboard', schedule: every(60_000), repeatable: true, run: async (due) => void runs.push(`leaderboard ${due.toISOString()} by ${worker}`) },
      ];
      const lock = lockOf();
      const mk = (id: string) => new Scheduler(jobs(id), { workerId: id, clock, lock, logger: ctx.platform.logger, lookbackMs: 60_000 });
      const a = mk('w1');
      const b = mk('w2');
      await Promise.all([a.runDue(), b.runDue()]);
      runs.length = 0;
      // Three days pass (including the 25-hour day of 2026-11-01) while both run.
      clock.set('2026-11-02T22:00:30Z');
      const ran = await Promise.all([a.runDue(), b.runDue()]);
      const rollovers = runs.filter((r) => r.startsWith('rollover')).map((r) => r.split(' ')[1]);
      // In order, each once, whichever worker got them.
      expect(rollovers).toEqual(['2026-10-30T21:00:00.000Z', '2026-10-31T21:00:00.000Z', '2026-11-01T22:00:00.000Z', '2026-11-02T22:00:00.000Z']);
      // Interval jobs catch up only the latest missed run.
      expect(runs.filter((r) => r.startsWith('leaderboard')).map((r) => r.split(' ')[1])).toEqual(['2026-11-02T22:00:00.000Z']);
      expect(ran.flat()).toHaveLength(5);
      // Nothing new is due: nobody runs anything again.
      expect([...(await a.runDue()), ...(await b.runDue())]).toEqual([]);
    });

    it('a restarted worker resumes after the last claimed due time', async () => {
      const runs: string[] = [];
      const job: ScheduledJob = { name: 'day-rollover', schedule: atEachReset(new TradingCalendar()), repeatable: true, run: async (due) => void runs.push(due.toISOString()) };
      clock.set('2026-11-03T22:00:10Z');
      const restarted = new Scheduler([job], { workerId: 'w3', clock, lock: lockOf(), logger: ctx.platform.logger });
      await restarted.runDue();
      expect(runs).toEqual(['2026-11-03T22:00:00.000Z']);
    });

    it('keeps a renewed run with its worker, and lets another take it over once the lease expires', async () => {
      clock.set('2026-11-10T12:00:00Z');
      const runs: string[] = [];
      const first = gate();
      const job = (worker: string, hold?: Promise<void>): ScheduledJob => ({
        name: 'leased-rollover',
        schedule: atEachReset(new TradingCalendar()),
        repeatable: true,
        run: async (due, context) => {
          runs.push(`${due.toISOString()} by ${worker} attempt ${context.attempt}`);
          if (hold && due.toISOString() === '2026-11-10T22:00:00.000Z') await hold;
        },
      });
      const w1 = make('w1', [job('w1', first.promise)]);
      const w2 = make('w2', [job('w2')]);
      await w2.runDue(); // runs the look-back window
      runs.length = 0;

      // Two resets are due; w1 starts the older one and holds it.
      clock.set('2026-11-11T22:00:05Z');
      const w1Pass = w1.runDue();
      await expect.poll(() => runs.length).toBe(1);
      // Within the lease (renewed at 20 s, so valid until 50 s) w2 neither takes it nor jumps ahead to the later reset.
      clock.advance(20_000);
      await w1.renewLeases();
      clock.advance(25_000);
      expect(await w2.runDue()).toEqual([]);
      expect((await rows('leased-rollover')).filter((r) => r.due_at >= new Date('2026-11-10T22:00:00Z')).map((r) => [r.status, r.claimed_by, r.attempts])).toEqual([
        ['running', 'w1', 1],
      ]);

      // w1 stops renewing (it died): after the lease w2 takes the run over, then runs the later reset.
      clock.advance(10_000);
      expect((await w2.runDue()).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-10T22:00:00.000Z', '2026-11-11T22:00:00.000Z']);
      expect(runs.slice(1)).toEqual(['2026-11-10T22:00:00.000Z by w2 attempt 2', '2026-11-11T22:00:00.000Z by w2 attempt 1']);
      // The old holder finishing late records nothing over the attempt that took over.
      first.open();
      expect(await w1Pass).toEqual([]);
      expect((await rows('leased-rollover')).filter((r) => r.due_at >= new Date('2026-11-10T22:00:00Z')).map((r) => [r.status, r.claimed_by, r.attempts, r.lease_expires_at])).toEqual([
        ['succeeded', 'w2', 2, null],
        ['succeeded', 'w2', 1, null],
      ]);
    });

    it('retries a failed run with exponential backoff and records the error, holding later due times back', async () => {
      clock.set('2026-11-20T12:00:00Z');
      const { logger, lines } = capturingLogger();
      let failures = 2;
      const runs: string[] = [];
      const job: ScheduledJob = {
        name: 'flaky-rollover',
        schedule: atEachReset(new TradingCalendar()),
        repeatable: true,
        run: async (due, context) => {
          runs.push(`${due.toISOString()} attempt ${context.attempt}`);
          if (due.toISOString() === '2026-11-20T22:00:00.000Z' && failures-- > 0) throw new Error(`platform unreachable (${context.attempt})`);
        },
      };
      const w1 = make('w1', [job], logger);
      const w2 = make('w2', [job], logger);
      await w1.runDue(); // the look-back window
      runs.length = 0;
      const since = async () => (await rows('flaky-rollover')).filter((r) => r.due_at >= new Date('2026-11-20T22:00:00Z'));
      clock.set('2026-11-21T22:00:01Z'); // two resets due
      expect(await w1.runDue()).toEqual([]);
      let [failed] = await since();
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, last_error: 'platform unreachable (1)', next_attempt_at: new Date('2026-11-21T22:00:06Z') });
      expect((await since()).length).toBe(1); // the later reset waits for the earlier one
      expect(lines.some((line) => line.level === 50 && line.msg === 'scheduled job failed; it will be retried')).toBe(true);

      clock.advance(4_999);
      expect(await w2.runDue()).toEqual([]);
      clock.advance(1);
      expect(await w2.runDue()).toEqual([]);
      [failed] = await since();
      expect(failed).toMatchObject({ status: 'failed', attempts: 2, claimed_by: 'w2', last_error: 'platform unreachable (2)', next_attempt_at: new Date('2026-11-21T22:00:16Z') });

      clock.set('2026-11-21T22:00:16Z');
      expect((await w1.runDue()).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-20T22:00:00.000Z', '2026-11-21T22:00:00.000Z']);
      expect(runs).toEqual([
        '2026-11-20T22:00:00.000Z attempt 1',
        '2026-11-20T22:00:00.000Z attempt 2',
        '2026-11-20T22:00:00.000Z attempt 3',
        '2026-11-21T22:00:00.000Z attempt 1',
      ]);
      expect((await since()).map((r) => [r.status, r.attempts, r.last_error, r.next_attempt_at])).toEqual([
        ['succeeded', 3, 'platform unreachable (2)', null],
        ['succeeded', 1, null, null],
      ]);
    });

    it('a new worker starts from the earliest unfinished due time, not after the last claimed one', async () => {
      clock.set('2026-11-25T12:00:00Z');
      const runs: string[] = [];
      const job: ScheduledJob = { name: 'cursor-rollover', schedule: atEachReset(new TradingCalendar()), repeatable: true, run: async (due) => void runs.push(due.toISOString()) };
      await make('w1', [job]).runDue();
      runs.length = 0;
      // A worker claimed the reset of the 25th and died; the 26th was claimed and finished by another.
      const lock = lockOf();
      await lock.claim('cursor-rollover', new Date('2026-11-25T22:00:00Z'), 'dead', clock.now(), new Date('2026-11-25T22:00:30Z'));
      const later = (await lock.claim('cursor-rollover', new Date('2026-11-26T22:00:00Z'), 'other', clock.now(), new Date('2026-11-26T22:00:30Z')))!;
      await lock.succeed('cursor-rollover', later.dueAt, 'other', 1, clock.now());
      clock.set('2026-11-27T22:00:01Z');
      const fresh = make('w9', [job]);
      expect((await fresh.runDue()).map((r) => r.dueAt.toISOString())).toEqual(['2026-11-25T22:00:00.000Z', '2026-11-27T22:00:00.000Z']);
      expect(runs).toEqual(['2026-11-25T22:00:00.000Z', '2026-11-27T22:00:00.000Z']);
    });

    it('abandons an interrupted run of a job that is not safe to repeat, and never retries its failures', async () => {
      clock.set('2026-12-01T12:00:00Z');
      const { logger, lines } = capturingLogger();
      const runs: string[] = [];
      const hold = gate();
      let fail = false;
      const job = (worker: string, held?: Promise<void>): ScheduledJob => ({
        name: 'once-only',
        schedule: atEachReset(new TradingCalendar()),
        repeatable: false,
        run: async (due) => {
          runs.push(`${due.toISOString()} by ${worker}`);
          if (held) await held;
          if (fail) throw new Error('refused');
        },
      });
      const w1 = make('w1', [job('w1', hold.promise)], logger);
      const w2 = make('w2', [job('w2')], logger);
      await w2.runDue(); // the look-back window
      runs.length = 0;
      const since = async () => (await rows('once-only')).filter((r) => r.due_at >= new Date('2026-12-01T22:00:00Z'));
      clock.set('2026-12-02T22:00:01Z'); // two resets due
      const w1Pass = w1.runDue(); // dies inside the first one
      await expect.poll(() => runs.length).toBe(1);
      clock.advance(31_000);
      // Not run twice: abandoned, logged at error; the next due time goes on.
      expect((await w2.runDue()).map((r) => r.dueAt.toISOString())).toEqual(['2026-12-02T22:00:00.000Z']);
      expect(runs).toEqual(['2026-12-01T22:00:00.000Z by w1', '2026-12-02T22:00:00.000Z by w2']);
      expect((await since()).map((r) => [r.status, r.attempts, r.last_error])).toEqual([
        ['abandoned', 1, 'interrupted; not safe to repeat'],
        ['succeeded', 1, null],
      ]);
      expect(lines.filter((line) => line.level === 50 && line.msg.startsWith('scheduled job run abandoned')).map((line) => line.job)).toEqual(['once-only']);
      // A failure is final.
      fail = true;
      clock.set('2026-12-03T22:00:01Z');
      expect(await w2.runDue()).toEqual([]);
      clock.advance(86_400_000);
      expect(await w2.runDue()).toEqual([]);
      expect((await since()).map((r) => [r.status, r.next_attempt_at])).toEqual([
        ['abandoned', null],
        ['succeeded', null],
        ['failed', null],
        ['failed', null],
      ]);
      expect(runs).toHaveLength(4);
      hold.open();
      expect(await w1Pass).toEqual([]);
    });

    it('retries the latest run of an interval job, and supersedes an unfinished one once a later run is claimed', async () => {
      clock.set('2026-12-10T12:00:30Z');
      const runs: string[] = [];
      let fail = true;
      const job: ScheduledJob = {
        name: 'refresh',
        schedule: every(60_000),
        repeatable: true,
        run: async (due, context) => {
          runs.push(`${due.toISOString()} attempt ${context.attempt}`);
          if (fail) throw new Error('busy');
        },
      };
      const w1 = make('w1', [job]);
      expect(await w1.runDue()).toEqual([]); // 12:00 failed, retry at 12:00:35
      clock.set('2026-12-10T12:00:35Z');
      expect(await w1.runDue()).toEqual([]); // retried: attempt 2 failed, retry at 12:00:45
      fail = false;
      clock.set('2026-12-10T12:01:00Z'); // a later due time: it is run, and 12:00 is superseded instead of retried
      expect((await w1.runDue()).map((r) => r.dueAt.toISOString())).toEqual(['2026-12-10T12:01:00.000Z']);
      expect(runs).toEqual(['2026-12-10T12:00:00.000Z attempt 1', '2026-12-10T12:00:00.000Z attempt 2', '2026-12-10T12:01:00.000Z attempt 1']);
      expect((await rows('refresh')).map((r) => [r.due_at.toISOString(), r.status, r.attempts, r.last_error])).toEqual([
        ['2026-12-10T12:00:00.000Z', 'superseded', 2, 'busy / superseded by the run due 2026-12-10T12:01:00.000Z'],
        ['2026-12-10T12:01:00.000Z', 'succeeded', 1, null],
      ]);
    });

    it('abandons unfinished runs that fell out of the catch-up window', async () => {
      clock.set('2026-12-20T12:00:00Z');
      const lock = lockOf();
      await lock.claim('old-rollover', new Date('2026-12-14T22:00:00Z'), 'dead', clock.now(), new Date('2026-12-14T22:00:30Z'));
      const runs: string[] = [];
      const job: ScheduledJob = { name: 'old-rollover', schedule: atEachReset(new TradingCalendar()), repeatable: true, run: async (due) => void runs.push(due.toISOString()) };
      await make('w1', [job]).runDue();
      expect(runs).toEqual(['2026-12-17T22:00:00.000Z', '2026-12-18T22:00:00.000Z', '2026-12-19T22:00:00.000Z']);
      expect((await rows('old-rollover'))[0]).toMatchObject({ status: 'abandoned', last_error: 'unfinished beyond the catch-up window' });
    });
  },
  { clock },
);
