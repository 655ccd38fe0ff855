import { token, type Token } from './token.js';

/**
 * Makes a scheduled job run once per due time across any number of workers:
 * the first claimant of (job, dueAt) wins, the others skip.
 */
export interface JobLock {
  claim(job: string, dueAt: Date, claimant: string, at: Date): Promise<boolean>;
  finish(job: string, dueAt: Date, outcome: 'succeeded' | 'failed', at: Date): Promise<void>;
  /** The latest due time a job was claimed for (to resume a schedule after a restart). */
  lastDue(job: string): Promise<Date | null>;
}

export const JOB_LOCK: Token<JobLock> = token<JobLock>('JobLock');
