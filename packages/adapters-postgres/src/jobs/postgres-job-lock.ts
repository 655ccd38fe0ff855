import type { JobBacklog, JobLock, JobRun, JobRunStatus } from '@tradesense/application';
import type { Knex } from 'knex';

interface JobRunRow {
  job: string;
  due_at: Date;
  status: JobRunStatus;
  claimed_by: string;
  claimed_at: Date;
  lease_expires_at: Date | null;
  attempts: number | string;
  next_attempt_at: Date | null;
  last_error: string | null;
  finished_at: Date | null;
}

const toRun = (row: JobRunRow): JobRun => ({
  job: row.job,
  dueAt: row.due_at,
  status: row.status,
  claimedBy: row.claimed_by,
  claimedAt: row.claimed_at,
  leaseExpiresAt: row.lease_expires_at,
  attempts: Number(row.attempts),
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  finishedAt: row.finished_at,
});

/** Long errors are cut: the row is for operators, the log has the whole error. */
const MAX_ERROR_LENGTH = 2_000;

/**
 * (job, due_at) is the primary key: the first insert wins, whoever makes it.
 * Taking over a run is one conditional UPDATE, so of several workers that
 * see the same expired lease or due retry only one gets it (PostgreSQL
 * re-checks the condition on the updated row version).
 */
export class PostgresJobLock implements JobLock {
  constructor(private readonly knex: Knex) {}

  async claim(job: string, dueAt: Date, claimant: string, at: Date, leaseUntil: Date, options: { readonly retry?: boolean } = {}): Promise<JobRun | null> {
    const inserted = (await this.knex('job_runs')
      .insert({ job, due_at: dueAt, claimed_by: claimant, claimed_at: at, status: 'running', attempts: 1, lease_expires_at: leaseUntil })
      .onConflict(['job', 'due_at'])
      .ignore()
      .returning('*')) as JobRunRow[];
    if (inserted[0]) return toRun(inserted[0]);
    if (!options.retry) return null;
    const taken = (await this.knex('job_runs')
      .where({ job, due_at: dueAt })
      .andWhere((q) =>
        q
          .where((failed) => failed.where('status', 'failed').whereNotNull('next_attempt_at').andWhere('next_attempt_at', '<=', at))
          .orWhere((expired) =>
            expired.where('status', 'running').andWhere((lease) => lease.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', at)),
          ),
      )
      .update({
        status: 'running',
        claimed_by: claimant,
        claimed_at: at,
        lease_expires_at: leaseUntil,
        attempts: this.knex.raw('attempts + 1'),
        next_attempt_at: null,
        finished_at: null,
      })
      .returning('*')) as JobRunRow[];
    return taken[0] ? toRun(taken[0]) : null;
  }

  async renew(job: string, dueAt: Date, claimant: string, attempt: number, leaseUntil: Date): Promise<boolean> {
    const updated = await this.held(job, dueAt, claimant, attempt).update({ lease_expires_at: leaseUntil });
    return updated > 0;
  }

  async succeed(job: string, dueAt: Date, claimant: string, attempt: number, at: Date): Promise<boolean> {
    const updated = await this.held(job, dueAt, claimant, attempt).update({ status: 'succeeded', finished_at: at, lease_expires_at: null });
    return updated > 0;
  }

  async fail(job: string, dueAt: Date, claimant: string, attempt: number, at: Date, error: string, nextAttemptAt: Date | null): Promise<boolean> {
    const updated = await this.held(job, dueAt, claimant, attempt).update({
      status: 'failed',
      finished_at: at,
      lease_expires_at: null,
      next_attempt_at: nextAttemptAt,
      last_error: error.slice(0, MAX_ERROR_LENGTH),
    });
    return updated > 0;
  }

  async close(job: string, dueAt: Date, status: 'abandoned' | 'superseded', at: Date, reason: string): Promise<boolean> {
    const updated = await this.knex('job_runs')
      .where({ job, due_at: dueAt })
      .andWhere((q) =>
        q
          .where((failed) => failed.where('status', 'failed').whereNotNull('next_attempt_at'))
          .orWhere((expired) =>
            expired.where('status', 'running').andWhere((lease) => lease.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', at)),
          ),
      )
      .update({
        status,
        finished_at: at,
        lease_expires_at: null,
        next_attempt_at: null,
        last_error: this.knex.raw(`coalesce(last_error || ' / ', '') || ?`, [reason.slice(0, MAX_ERROR_LENGTH)]),
      });
    return updated > 0;
  }

  async backlog(jobs: readonly string[]): Promise<Map<string, JobBacklog>> {
    const result = new Map<string, { lastDue: Date | null; unfinished: JobRun[] }>(jobs.map((job) => [job, { lastDue: null, unfinished: [] }]));
    if (jobs.length === 0) return result;
    const latest = (await this.knex('job_runs').whereIn('job', jobs).groupBy('job').select('job').max({ due: 'due_at' })) as Array<{
      job: string;
      due: Date | null;
    }>;
    for (const row of latest) result.get(row.job)!.lastDue = row.due;
    const open = (await this.knex('job_runs')
      .whereIn('job', jobs)
      .andWhere((q) => q.where('status', 'running').orWhere((failed) => failed.where('status', 'failed').whereNotNull('next_attempt_at')))
      .orderBy(['job', 'due_at'])) as JobRunRow[];
    for (const row of open) result.get(row.job)!.unfinished.push(toRun(row));
    return result;
  }

  async release(claimants: readonly string[], at: Date): Promise<number> {
    if (claimants.length === 0) return 0;
    return this.knex('job_runs')
      .where('status', 'running')
      .whereIn('claimed_by', claimants)
      .andWhere((q) => q.whereNull('lease_expires_at').orWhere('lease_expires_at', '>=', at))
      .update({ lease_expires_at: new Date(at.getTime() - 1) });
  }

  async lastDue(job: string): Promise<Date | null> {
    const row = (await this.knex('job_runs').where({ job }).max({ due: 'due_at' }).first()) as { due: Date | null } | undefined;
    return row?.due ?? null;
  }

  /** The row of one attempt, only while that attempt still holds it. */
  private held(job: string, dueAt: Date, claimant: string, attempt: number): Knex.QueryBuilder {
    return this.knex('job_runs').where({ job, due_at: dueAt, claimed_by: claimant, attempts: attempt, status: 'running' });
  }
}
