/** Stable codes for trial refusals. */
export const TrialErrorCode = {
  INVALID_PLAN: 'TRIAL.INVALID_PLAN',
  NOT_ACTIVE: 'TRIAL.NOT_ACTIVE',
  ALREADY_ENDED: 'TRIAL.ALREADY_ENDED',
  REMINDER_NOT_DUE: 'TRIAL.REMINDER_NOT_DUE',
  REMINDER_ALREADY_SENT: 'TRIAL.REMINDER_ALREADY_SENT',
  CHARGE_NOT_DUE: 'TRIAL.CHARGE_NOT_DUE',
} as const;
export type TrialErrorCode = (typeof TrialErrorCode)[keyof typeof TrialErrorCode];
