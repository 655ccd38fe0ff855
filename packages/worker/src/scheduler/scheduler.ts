import type { Clock, JobBacklog, JobLock, JobRun } from '@tradesense/application';
import type { JobMetrics } from '@tradesense/bootstrap';
import type { Logger } from 'pino';
import type { Schedule } from './schedule.js';

/** What a job may tell the scheduler while it runs. */
export interface JobRunContext {
  /** This run's attempt (1 for the first). */
  readonly attempt: number;
  /** Marks a named point of the job (no effect unless the scheduler was given a checkpoint hook). */
  checkpoint(name: string): Promise<void>;
}

export interface ScheduledJob {
  readonly name: string;
  readonly schedule: Schedule;
  /**
   * Safe to run again for the same due time, after a crash part-way or a
   * failure (idempotent): such runs are retried. A run of a job that is not
   * is never repeated: interrupted, it is `abandoned`; failed, it stays
   * `failed`; both are logged at error.
   */
  readonly repeatable: boolean;
  /** Runs the work due at `dueAt` (the instant it was due, not "now"). */
  run(dueAt: Date, context: JobRunContext): Promise<void>;
}

/** Called at each checkpoint of a run ('claimed' before the job, 'ran' after it, and the job's own). */
export type CheckpointHook = (job: string, dueAt: Date, name: string) => Promise<void>;

export interface SchedulerOptions {
  readonly workerId: string;
  readonly clock: Clock;
  readonly lock: JobLock;
  readonly logger: Logger;
  /** How far back due times are run; unfinished runs older than that are abandoned. */
  readonly lookbackMs?: number;
  /** A claim's lease; renewed every `renewEveryMs` while the run is in progress. */
  readonly leaseMs?: number;
  readonly renewEveryMs?: number;
  /** Retry delay after the n-th failed attempt: `baseMs * 2^(n-1)`, at most `maxMs`. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly checkpoint?: CheckpointHook;
  /** Told when each run this worker recorded finished, and how long it took. */
  readonly metrics?: JobMetrics;
}

export const DEFAULT_JOB_LEASE_MS = 30_000;
export const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 10 * 60_000 } as const;
const DEFAULT_LOOKBACK_MS = 7 * 86_400_000;

/** The delay before retrying after `attempts` failed attempts. */
export function backoffDelay(attempts: number, backoff: { readonly baseMs: number; readonly maxMs: number } = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  return Math.min(backoff.baseMs * 2 ** exponent, backoff.maxMs);
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${'code' in error && typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}` : String(error);

type Outcome = 'succeeded' | 'failed' | 'lost';

/**
 * Runs each job once per due time across all workers. Every worker computes
 * the same due instants; a run is claimed in the database with a lease the
 * holder renews while it works. A run whose worker died (lease expired) or
 * that failed is taken over by any worker and retried with exponential
 * backoff if its job is safe to repeat; otherwise it is abandoned and logged.
 *
 * The cursor of a job is its earliest unfinished due time: a job whose
 * schedule catches up every missed due time (the day rollover) runs them in
 * order and does not start a later one before the earlier ones finished; a
 * job that catches up only its latest due time runs that one, and an older
 * unfinished run is superseded once a later one is claimed (the later run
 * does all of its work).
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Runs in progress in this worker, whose leases the renewal extends. */
  /** Per job, the start of the look-back window when this scheduler first ran it. */
  private readonly floors = new Map<string, Date>();
  private readonly inProgress = new Set<{ job: string; dueAt: Date; attempt: number; lost: boolean }>();
  private readonly leaseMs: number;
  private readonly backoff: { readonly baseMs: number; readonly maxMs: number };

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly options: SchedulerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_JOB_LEASE_MS;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Runs whatever is due or retryable now; returns the (job, due) pairs this worker completed. */
  async runDue(): Promise<Array<{ job: string; dueAt: Date }>> {
    const ran: Array<{ job: string; dueAt: Date }> = [];
    const backlogs = await this.options.lock.backlog(this.jobs.map((job) => job.name));
    for (const job of this.jobs) {
      const backlog = backlogs.get(job.name) ?? { lastDue: null, unfinished: [] };
      try {
        if (job.schedule.catchUp > 1) await this.runInOrder(job, backlog, ran);
        else await this.runLatest(job, backlog, ran);
      } catch (error) {
        // The lock itself failed (database unreachable): the next pass tries again.
        this.options.logger.error({ err: error, job: job.name }, 'scheduler pass failed for a job');
      }
    }
    return ran;
  }

  /** Extends the lease of every run in progress in this worker (the heartbeat of the runs). */
  async renewLeases(): Promise<void> {
    const leaseUntil = new Date(this.options.clock.now().getTime() + this.leaseMs);
    for (const run of [...this.inProgress]) {
      if (run.lost) continue;
      if (!(await this.options.lock.renew(run.job, run.dueAt, this.options.workerId, run.attempt, leaseUntil))) {
        run.lost = true;
        this.options.logger.warn({ job: run.job, dueAt: run.dueAt, attempt: run.attempt }, 'scheduled job lost its lease; its outcome will not be recorded');
      }
    }
  }

  start(pollMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runDue().then(() => undefined)).catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'scheduler pass failed');
      });
    }, pollMs);
    this.timer.unref();
    const renewal = setInterval(() => {
      this.renewLeases().catch((error: unknown) => this.options.logger.warn({ err: error }, 'renewing job leases failed'));
    }, this.options.renewEveryMs ?? Math.max(1, Math.floor(this.leaseMs / 3)));
    renewal.unref();
    this.renewal = renewal;
  }

  private renewal: NodeJS.Timeout | undefined;

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
  }

  /** Every due time matters and they run oldest first: stop at the first one that is held, backing off or failing. */
  private async runInOrder(job: ScheduledJob, backlog: JobBacklog, ran: Array<{ job: string; dueAt: Date }>): Promise<void> {
    const now = this.options.clock.now();
    const unfinished = await this.closeTooOld(job, backlog.unfinished, now);
    const fresh = job.schedule.dueBetween(this.resumeAfter(job, backlog, now), now).slice(-job.schedule.catchUp);
    const work: Array<JobRun | Date> = [...unfinished, ...fresh].sort((a, b) => dueOf(a).getTime() - dueOf(b).getTime());
    for (const item of work) {
      const at = this.options.clock.now();
      const claimed = item instanceof Date ? await this.claimNew(job, item, at) : await this.takeOver(job, item, at);
      if (claimed === 'skip') continue;
      if (!claimed) return;
      const outcome = await this.execute(job, claimed);
      if (outcome === 'succeeded') ran.push({ job: job.name, dueAt: claimed.dueAt });
      // A failure of a job safe to repeat blocks the later due times until its retry succeeds.
      else if (job.repeatable) return;
    }
  }

  /** Only the latest due time matters: run it, and supersede older unfinished runs once a later one is claimed. */
  private async runLatest(job: ScheduledJob, backlog: JobBacklog, ran: Array<{ job: string; dueAt: Date }>): Promise<void> {
    const now = this.options.clock.now();
    const unfinished = await this.closeTooOld(job, backlog.unfinished, now);
    const latest = job.schedule.dueBetween(this.resumeAfter(job, backlog, now), now).at(-1);
    let claimed: JobRun | null = latest ? await this.claimNew(job, latest, now) : null;
    const newest = claimed ? claimed.dueAt : backlog.lastDue;
    for (const run of unfinished) {
      if (newest && run.dueAt < newest) {
        if (!job.repeatable && run.status === 'running') await this.abandon(job, run, now, 'interrupted; not safe to repeat');
        else if (await this.options.lock.close(job.name, run.dueAt, 'superseded', now, `superseded by the run due ${newest.toISOString()}`)) {
          this.options.logger.info({ job: job.name, dueAt: run.dueAt, by: newest }, 'scheduled job run superseded by a later run');
        }
      } else if (!claimed) {
        const taken = await this.takeOver(job, run, now);
        if (taken !== 'skip') claimed = taken;
      }
    }
    if (claimed && (await this.execute(job, claimed)) === 'succeeded') ran.push({ job: job.name, dueAt: claimed.dueAt });
  }

  /** First claim of a due time; null when another worker made it. */
  private claimNew(job: ScheduledJob, dueAt: Date, at: Date): Promise<JobRun | null> {
    return this.options.lock.claim(job.name, dueAt, this.options.workerId, at, new Date(at.getTime() + this.leaseMs));
  }

  /**
   * An unfinished run: held (null: wait), waiting for its next attempt (null),
   * or free to take: retried when the job is safe to repeat, else abandoned
   * ('skip': it is finished, go on).
   */
  private async takeOver(job: ScheduledJob, run: JobRun, at: Date): Promise<JobRun | null | 'skip'> {
    const held = run.status === 'running' && run.leaseExpiresAt !== null && run.leaseExpiresAt >= at;
    const waiting = run.status === 'failed' && run.nextAttemptAt !== null && run.nextAttemptAt > at;
    if (held || waiting) return null;
    if (!job.repeatable) {
      await this.abandon(job, run, at, run.status === 'running' ? 'interrupted; not safe to repeat' : 'failed; not safe to repeat');
      return 'skip';
    }
    const taken = await this.options.lock.claim(job.name, run.dueAt, this.options.workerId, at, new Date(at.getTime() + this.leaseMs), { retry: true });
    if (taken) {
      const why = run.status === 'running' ? 'its worker stopped renewing the lease' : 'it failed';
      this.options.logger.warn({ job: job.name, dueAt: run.dueAt, attempt: taken.attempts, previousHolder: run.claimedBy, lastError: run.lastError }, `retrying a scheduled job run: ${why}`);
    }
    return taken;
  }

  private async abandon(job: ScheduledJob, run: JobRun, at: Date, reason: string): Promise<void> {
    if (await this.options.lock.close(job.name, run.dueAt, 'abandoned', at, reason)) {
      this.options.logger.error(
        { job: job.name, dueAt: run.dueAt, attempts: run.attempts, previousHolder: run.claimedBy, lastError: run.lastError, reason },
        'scheduled job run abandoned: it did not finish and is not retried; check what it did and run its work by hand if needed',
      );
    }
  }

  /** Unfinished runs due before the look-back window are abandoned (they would never be run again); the rest are returned. */
  private async closeTooOld(job: ScheduledJob, unfinished: readonly JobRun[], now: Date): Promise<JobRun[]> {
    const horizon = this.horizon(now);
    const kept: JobRun[] = [];
    for (const run of unfinished) {
      const held = run.status === 'running' && run.leaseExpiresAt !== null && run.leaseExpiresAt >= now;
      if (run.dueAt > horizon || held) kept.push(run);
      else await this.abandon(job, run, now, 'unfinished beyond the catch-up window');
    }
    return kept;
  }

  private async execute(job: ScheduledJob, claimed: JobRun): Promise<Outcome> {
    const { lock, clock, workerId, logger } = this.options;
    const run = { job: job.name, dueAt: claimed.dueAt, attempt: claimed.attempts, lost: false };
    const checkpoint = async (name: string) => {
      if (this.options.checkpoint) await this.options.checkpoint(job.name, claimed.dueAt, name);
    };
    this.inProgress.add(run);
    const started = performance.now();
    const finished = (outcome: 'succeeded' | 'failed', at: Date) =>
      this.options.metrics?.runFinished({ job: job.name, outcome, finishedAt: at, seconds: (performance.now() - started) / 1000 });
    try {
      await checkpoint('claimed');
      await job.run(claimed.dueAt, { attempt: claimed.attempts, checkpoint });
      await checkpoint('ran');
    } catch (error) {
      this.inProgress.delete(run);
      const at = clock.now();
      const next = job.repeatable ? new Date(at.getTime() + backoffDelay(claimed.attempts, this.backoff)) : null;
      const recorded = await lock.fail(job.name, claimed.dueAt, workerId, claimed.attempts, at, describe(error), next);
      if (recorded) finished('failed', at);
      logger.error(
        { err: error, job: job.name, dueAt: claimed.dueAt, attempt: claimed.attempts, nextAttemptAt: next, recorded },
        next ? 'scheduled job failed; it will be retried' : 'scheduled job failed; it is not safe to repeat and is not retried',
      );
      return recorded ? 'failed' : 'lost';
    }
    this.inProgress.delete(run);
    const at = clock.now();
    if (!(await lock.succeed(job.name, claimed.dueAt, workerId, claimed.attempts, at))) {
      logger.warn({ job: job.name, dueAt: claimed.dueAt, attempt: claimed.attempts }, 'scheduled job finished after losing its lease; another attempt owns the run');
      return 'lost';
    }
    finished('succeeded', at);
    const fields = { job: job.name, dueAt: claimed.dueAt, attempt: claimed.attempts };
    if (claimed.attempts > 1) logger.info(fields, 'scheduled job succeeded');
    else logger.debug(fields, 'scheduled job succeeded');
    return 'succeeded';
  }

  private horizon(now: Date): Date {
    return new Date(now.getTime() - (this.options.lookbackMs ?? DEFAULT_LOOKBACK_MS));
  }

  /**
   * New due times come after the latest claimed one (unfinished earlier ones
   * are in the backlog), never before the look-back window as it was when
   * this scheduler first looked at the job.
   */
  private resumeAfter(job: ScheduledJob, backlog: JobBacklog, now: Date): Date {
    const floor = this.floors.get(job.name) ?? this.horizon(now);
    this.floors.set(job.name, floor);
    return backlog.lastDue && backlog.lastDue > floor ? backlog.lastDue : floor;
  }
}

const dueOf = (item: JobRun | Date): Date => (item instanceof Date ? item : item.dueAt);
