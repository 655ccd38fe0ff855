export type TrialStatus = 'active' | 'cancelled' | 'converted' | 'expired';

export interface ChargeAttemptState {
  /** 1 at the trial end, then one per retry. */
  readonly number: number;
  readonly at: Date;
  readonly outcome: 'succeeded' | 'failed';
  readonly providerPaymentId: string | null;
  readonly failureReason: string | null;
}

/** Trial timing (section 9); durations are elapsed time, not trading days. */
export interface TrialSettings {
  readonly lengthDays: number;
  readonly reminderHoursBefore: number;
  /** Retries after a failed charge, in days after the trial end. */
  readonly retryDaysAfterEnd: readonly number[];
}

export const DEFAULT_TRIAL_SETTINGS: TrialSettings = {
  lengthDays: 7,
  reminderHoursBefore: 24,
  retryDaysAfterEnd: [1, 3],
};
