import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { UNIT_OF_WORK } from '@tradesense/application';
import { ManualClock } from '@tradesense/application/testing';
import { createLogger, startPlatform, type Platform } from '@tradesense/bootstrap';
import { registerPerson } from '@tradesense/bootstrap/testing';
import { Challenge, ChallengeModel, DEFAULT_CALENDAR_SETTINGS, RuleSnapshot, STELLAR_2STEP, TradingAccount, TradingCalendar, unwrap } from '@tradesense/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processConfig, processDatabaseTargets, type DatabaseLocation } from '../testing/process-database.js';
import { TEST_PAUSE_FILE_VARIABLE, TEST_PAUSE_VARIABLE } from './test-pause.js';

/**
 * Scheduled jobs survive a worker killed with SIGKILL in the middle of a run:
 * real worker processes (packages/worker/src/main.ts through tsx) run every
 * platform job on the system clock. The first is stopped inside the day
 * rollover (after the challenges rolled, before the funded accounts) and
 * killed; the second takes the run over once its lease expired, finishes it,
 * and is stopped and killed inside another job (`competition-leaderboards`);
 * the third takes over from there. A test-only checkpoint hook
 * (TRADESENSE_TEST_PAUSE_AT, honoured only with NODE_ENV=test) stops a run at
 * a known point and writes a file, so each kill happens at that point.
 *
 * PGlite on disk runs too: the processes open the data directory one after
 * another (a killed process leaves it usable); PostgreSQL when
 * TEST_DATABASE_URL is set.
 */

const WORKER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
/** Generous: a worker process loads the whole platform through tsx first, which takes a while on a busy machine. */
const WAIT_MS = 90_000;
const ROLLOVER_DELAY_MS = 15_000;

interface WorkerProcess {
  readonly lines: Array<Record<string, unknown>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  output(): string;
}

function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const inherited = { ...process.env };
  delete inherited['DATABASE_URL'];
  const child = spawn(process.execPath, ['--conditions=@tradesense/source', '--import', 'tsx', MAIN], {
    cwd: WORKER_DIR,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let text = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      text += `${line}\n`;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { lines, exited, kill: (signal) => void child.kill(signal), output: () => text.slice(-4_000) };
}

async function until(what: string, condition: () => boolean, processes: readonly WorkerProcess[]): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${processes.map((p) => p.output()).join('\n---\n')}`);
    await sleep(50);
  }
}

interface RunRow {
  job: string;
  due_at: Date;
  status: string;
  claimed_by: string;
  attempts: number;
  lease_expires_at: Date | null;
  last_error: string | null;
}

for (const target of processDatabaseTargets()) {
  describe(`scheduled jobs across worker processes killed mid-run [${target.driver}]`, () => {
    let workDir = '';
    let location: DatabaseLocation | undefined;
    let dispose: (() => Promise<void>) | undefined;
    const running: WorkerProcess[] = [];

    beforeAll(async () => {
      workDir = mkdtempSync(join(tmpdir(), 'ts-scheduler-kill-'));
      const created = await target.create();
      // Embedded workers find PGlite under TRADESENSE_DATA_DIR/pgdata.
      location = 'dataDir' in created.location ? { dataDir: join(workDir, 'pgdata') } : created.location;
      dispose = created.dispose;
    });
    afterAll(async () => {
      for (const child of running) child.kill('SIGKILL');
      await Promise.all(running.map((child) => child.exited));
      await dispose?.();
      rmSync(workDir, { recursive: true, force: true });
    });

    /** The test's own look at the database, closed again so a PGlite directory is free for the workers. */
    async function withPlatform<T>(work: (platform: Platform) => Promise<T>, options: { migrate?: boolean; clock?: ManualClock } = {}): Promise<T> {
      const config = processConfig(location!, workDir, {}, { migrate: options.migrate ?? false });
      const platform = await startPlatform(config, createLogger('silent'), options.clock ? { clock: options.clock } : {});
      try {
        return await work(platform);
      } finally {
        await platform.close();
      }
    }

    const runs = (platform: Platform, job: string): Promise<RunRow[]> =>
      platform.database.knex('job_runs').where({ job }).orderBy('due_at') as Promise<RunRow[]>;

    const start = (workerId: string, pause?: { at: string; file: string }): WorkerProcess => {
      const env: Record<string, string> = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        WORKER_ID: workerId,
        WORKER_HEARTBEAT_SECONDS: '1',
        MIGRATE_ON_START: 'false',
        TRADESENSE_DATA_DIR: workDir,
        JWT_SECRET: 'process-secret-process-secret-process!',
        KYC_DOCUMENT_HASH_KEY: 'process-kyc-key-process-kyc-key-process!',
        ...('url' in location! ? { DATABASE_URL: location.url, DATABASE_POOL_MAX: '3' } : {}),
        ...(pause ? { [TEST_PAUSE_VARIABLE]: pause.at, [TEST_PAUSE_FILE_VARIABLE]: pause.file } : {}),
      };
      const child = startWorkerProcess(env);
      running.push(child);
      return child;
    };

    /** Waits until the wall clock is past `instant` (a lease's end, a due time): what the next worker sees does not depend on how fast this machine is. */
    const waitPast = async (instant: Date): Promise<void> => {
      while (Date.now() <= instant.getTime() + 250) await sleep(100);
    };

    it('completes the interrupted day rollover and the interrupted job exactly once', async () => {
      const calendar = new TradingCalendar();
      // The latest reset whose rollover is due now, and the one before it (already rolled).
      const resets = calendar.resetsBetween(new Date(Date.now() - 3 * 86_400_000), new Date(Date.now() - ROLLOVER_DELAY_MS));
      const reset = resets.at(-1)!;
      const previous = resets.at(-2)!;
      const rolloverDue = new Date(reset.getTime() + ROLLOVER_DELAY_MS);
      const day = calendar.tradingDayOf(reset);

      // Three active challenges whose phase accounts opened in the trading day before the reset.
      const seedClock = new ManualClock(new Date(reset.getTime() - 3_600_000));
      const challengeIds = await withPlatform(
        async (platform) => {
          const { userId } = await registerPerson(platform, { name: 'rollover' });
          const rules = unwrap(RuleSnapshot.freeze(ChallengeModel.restore(STELLAR_2STEP), '100000', DEFAULT_CALENDAR_SETTINGS));
          const ids: string[] = [];
          for (const n of [1, 2, 3]) {
            const challenge = Challenge.create({ id: `kill-ch-${n}`, traderId: userId, rules, at: seedClock.now() });
            unwrap(challenge.activate(`kill-login-${n}`, seedClock.now()));
            const owner = { kind: 'challenge_phase', id: challenge.id, phase: 1, attempt: 1 } as const;
            const account = unwrap(TradingAccount.open({ login: `kill-login-${n}`, traderId: userId, owner, rules, at: seedClock.now() }));
            await platform.get(UNIT_OF_WORK).run(async (tx) => {
              await tx.challenges.save(challenge);
              await tx.tradingAccounts.save(account);
            });
            ids.push(challenge.id);
          }
          // The day before was rolled: the rollover of `reset` is the only one due.
          await platform.database.knex('job_runs').insert({
            job: 'day-rollover',
            due_at: new Date(previous.getTime() + ROLLOVER_DELAY_MS),
            claimed_by: 'earlier-worker',
            claimed_at: previous,
            finished_at: previous,
            status: 'succeeded',
          });
          return ids;
        },
        { migrate: true, clock: seedClock },
      );

      // 1. The first worker stops inside the rollover, after the accounts rolled: kill it there.
      const firstPause = join(workDir, 'first.paused');
      const first = start('kill-w1', { at: 'day-rollover:accounts-rolled', file: firstPause });
      await until('the first worker to pause inside the day rollover', () => existsSync(firstPause), [first]);
      expect(JSON.parse(readFileSync(firstPause, 'utf8'))).toMatchObject({ job: 'day-rollover', dueAt: rolloverDue.toISOString() });
      first.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

      const interrupted = await withPlatform(async (platform) => {
        const [row] = (await runs(platform, 'day-rollover')).filter((r) => r.due_at.getTime() === rolloverDue.getTime());
        const snapshots = await platform.database.knex('trading_account_day_starts').where({ trading_day: day }).count({ n: '*' });
        return { row: row!, snapshots: Number(snapshots[0]!.n) };
      });
      // Left claimed and unfinished, half done: the accounts' snapshots are in.
      expect(interrupted.row).toMatchObject({ status: 'running', claimed_by: 'kill-w1', attempts: 1 });
      expect(interrupted.snapshots).toBe(3);

      // 2. Once the dead worker's lease ran out, a second worker takes the rollover over and finishes it,
      //    then stops inside another job: kill it there too.
      await waitPast(interrupted.row.lease_expires_at!);
      const secondPause = join(workDir, 'second.paused');
      const second = start('kill-w2', { at: 'competition-leaderboards:claimed', file: secondPause });
      await until('the second worker to pause inside competition-leaderboards', () => existsSync(secondPause), [second]);
      const otherDue = new Date((JSON.parse(readFileSync(secondPause, 'utf8')) as { dueAt: string }).dueAt);
      second.kill('SIGKILL');
      expect(await second.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const otherLease = await withPlatform(async (platform) => {
        const [row] = (await runs(platform, 'competition-leaderboards')).filter((r) => r.due_at.getTime() === otherDue.getTime());
        expect(row).toMatchObject({ status: 'running', claimed_by: 'kill-w2', attempts: 1 });
        return row!.lease_expires_at!;
      });

      // 3. A third worker starts after that lease and after the job's next due time (every 30 s): the
      //    next run is claimed and does the interrupted run's work, which is closed as superseded.
      await waitPast(new Date(Math.max(otherLease.getTime(), otherDue.getTime() + 30_000)));
      const third = start('kill-w3');
      const succeeded = (child: WorkerProcess, job: string) =>
        child.lines.some((line) => line['msg'] === 'scheduled job succeeded' && line['job'] === job && new Date(String(line['dueAt'])) > otherDue);
      await until('the third worker to run competition-leaderboards', () => succeeded(third, 'competition-leaderboards'), [third]);
      third.kill('SIGTERM');
      expect(await third.exited).toEqual({ code: 0, signal: null });

      const final = await withPlatform(async (platform) => {
        const knex = platform.database.knex;
        const snapshots = (await knex('trading_account_day_starts').where({ trading_day: day }).select('login')) as Array<{ login: string }>;
        const rollovers = (await runs(platform, 'day-rollover')).filter((r) => r.due_at >= rolloverDue);
        const others = (await runs(platform, 'competition-leaderboards')).filter((r) => r.due_at >= otherDue);
        const accounts = await Promise.all(challengeIds.map((_, n) => platform.get(UNIT_OF_WORK).run((tx) => tx.tradingAccounts.find(`kill-login-${n + 1}`))));
        const stillRunning = (await knex('job_runs').where({ status: 'running' }).whereIn('claimed_by', ['kill-w1', 'kill-w2'])) as RunRow[];
        return { snapshots, rollovers, others, accounts, stillRunning };
      });
      // The day-start snapshots of that trading day exist exactly once per account.
      expect(final.snapshots.map((s) => s.login).sort()).toEqual(challengeIds.map((_, n) => `kill-login-${n + 1}`));
      // Each phase account is in the new trading day (rolled once: its day-start floors are those of the snapshot).
      for (const account of final.accounts) expect(account!.drawdown).toMatchObject({ tradingDay: day });
      // One run of the rollover, taken over and succeeded on its second attempt.
      expect(final.rollovers[0]).toMatchObject({ status: 'succeeded', claimed_by: 'kill-w2', attempts: 2, lease_expires_at: null });
      expect(final.rollovers.filter((r) => r.due_at.getTime() === rolloverDue.getTime())).toHaveLength(1);
      // The interrupted leaderboard run is closed, and a later run by the third worker succeeded.
      expect(final.others[0]).toMatchObject({ status: 'superseded', claimed_by: 'kill-w2', attempts: 1 });
      expect(final.others.slice(1).some((r) => r.status === 'succeeded' && r.claimed_by === 'kill-w3')).toBe(true);
      expect(final.stillRunning).toEqual([]);
    }, 6 * WAIT_MS);
  });
}
