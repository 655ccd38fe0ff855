import type { Clock, JobLock } from '@tradesense/application';
import type { Logger } from 'pino';
import type { Schedule } from './schedule.js';

export interface ScheduledJob {
  readonly name: string;
  readonly schedule: Schedule;
  /** Runs the work due at `dueAt` (the instant it was due, not "now"). */
  run(dueAt: Date): Promise<void>;
}

export interface SchedulerOptions {
  readonly workerId: string;
  readonly clock: Clock;
  readonly lock: JobLock;
  readonly logger: Logger;
  /** How far back a fresh worker looks for due times it may have to run. */
  readonly lookbackMs?: number;
}

/**
 * Runs each job once per due time across all workers: every worker computes
 * the same due instants, and the first to claim (job, due) in the database
 * runs it. A worker that was down catches up the missed due times its
 * schedule allows.
 */
export class Scheduler {
  private readonly cursors = new Map<string, Date>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly options: SchedulerOptions,
  ) {}

  /** Runs whatever is due now; returns the (job, due) pairs this worker ran. */
  async runDue(): Promise<Array<{ job: string; dueAt: Date }>> {
    const ran: Array<{ job: string; dueAt: Date }> = [];
    const now = this.options.clock.now();
    for (const job of this.jobs) {
      const cursor = await this.cursorOf(job, now);
      const due = job.schedule.dueBetween(cursor, now).slice(-job.schedule.catchUp);
      for (const dueAt of due) {
        if (!(await this.options.lock.claim(job.name, dueAt, this.options.workerId, now))) continue;
        try {
          await job.run(dueAt);
          await this.options.lock.finish(job.name, dueAt, 'succeeded', this.options.clock.now());
          ran.push({ job: job.name, dueAt });
        } catch (error) {
          await this.options.lock.finish(job.name, dueAt, 'failed', this.options.clock.now());
          this.options.logger.error({ err: error, job: job.name, dueAt }, 'scheduled job failed');
        }
      }
      this.cursors.set(job.name, now);
    }
    return ran;
  }

  start(pollMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runDue().then(() => undefined)).catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'scheduler pass failed');
      });
    }, pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async cursorOf(job: ScheduledJob, now: Date): Promise<Date> {
    const known = this.cursors.get(job.name);
    if (known) return known;
    const last = await this.options.lock.lastDue(job.name);
    const lookback = new Date(now.getTime() - (this.options.lookbackMs ?? 7 * 86_400_000));
    // Resume after the last claimed due time; a job never run starts from the lookback.
    return last && last > lookback ? last : lookback;
  }
}
