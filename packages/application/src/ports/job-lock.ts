import { token, type Token } from './token.js';

/**
 * - `running`: claimed; in progress while its lease is renewed, interrupted once the lease expired.
 * - `succeeded`: done.
 * - `failed`: the run threw; retried at `nextAttemptAt`, or final when that is null.
 * - `abandoned`: interrupted (or unfinished for too long) and not retried; needs an operator.
 * - `superseded`: not retried because a later run of the same job does all of its work.
 */
export type JobRunStatus = 'running' | 'succeeded' | 'failed' | 'abandoned' | 'superseded';

/** One (job, due time) run of a scheduled job. */
export interface JobRun {
  readonly job: string;
  readonly dueAt: Date;
  readonly status: JobRunStatus;
  /** The worker holding (or that last held) the run. */
  readonly claimedBy: string;
  readonly claimedAt: Date;
  /** Until when the holder may run it without renewing; null once finished. */
  readonly leaseExpiresAt: Date | null;
  /** Attempts started so far, this one included (a fencing token for renew and finish). */
  readonly attempts: number;
  /** When a failed run may be retried; null unless it is waiting for a retry. */
  readonly nextAttemptAt: Date | null;
  readonly lastError: string | null;
  readonly finishedAt: Date | null;
}

/** Unfinished runs and the latest claimed due time of one job. */
export interface JobBacklog {
  /** The latest due time ever claimed, finished or not. */
  readonly lastDue: Date | null;
  /** Runs `running` or `failed` with a retry planned, oldest first. */
  readonly unfinished: readonly JobRun[];
}

/**
 * Makes a scheduled job run once per due time across any number of workers.
 * A claim is a lease: the holder renews it while the run is in progress, and
 * a run whose lease expired (its worker died) or that failed can be claimed
 * again (a retry) by any worker. Every write after the claim is fenced by
 * (claimant, attempt), so a holder that lost its lease cannot overwrite the
 * outcome of the run that took over.
 */
export interface JobLock {
  /**
   * Claims (job, dueAt) for `claimant` until `leaseUntil`: the first claim of
   * a due time, or with `retry` a run that failed and whose next attempt is
   * due, or whose lease expired, at `at`. Null when the run is held, finished
   * or waiting for its next attempt.
   */
  claim(job: string, dueAt: Date, claimant: string, at: Date, leaseUntil: Date, options?: { readonly retry?: boolean }): Promise<JobRun | null>;
  /** Extends the lease of a run in progress; false when `claimant` no longer holds that attempt. */
  renew(job: string, dueAt: Date, claimant: string, attempt: number, leaseUntil: Date): Promise<boolean>;
  succeed(job: string, dueAt: Date, claimant: string, attempt: number, at: Date): Promise<boolean>;
  /** Records a failure; the run is retried from `nextAttemptAt`, or never when it is null. */
  fail(job: string, dueAt: Date, claimant: string, attempt: number, at: Date, error: string, nextAttemptAt: Date | null): Promise<boolean>;
  /**
   * Ends an unfinished run that nobody holds at `at` (failed, or running with
   * an expired lease) as `abandoned` or `superseded`, recording `reason`;
   * false when it is held or finished meanwhile.
   */
  close(job: string, dueAt: Date, status: 'abandoned' | 'superseded', at: Date, reason: string): Promise<boolean>;
  /** What each of `jobs` has left to do (one round trip for a scheduler pass). */
  backlog(jobs: readonly string[]): Promise<Map<string, JobBacklog>>;
  /** Ends the leases `claimants` hold (workers found dead), so their runs can be taken over at once; returns how many. */
  release(claimants: readonly string[], at: Date): Promise<number>;
  /** The latest due time a job was claimed for (to resume a schedule after a restart). */
  lastDue(job: string): Promise<Date | null>;
}

export const JOB_LOCK: Token<JobLock> = token<JobLock>('JobLock');
