import type { DomainEvent } from '../shared/domain-event.js';

export type TrialStarted = DomainEvent<
  'TrialStarted',
  { traderId: string; modelId: string; accountSize: string; currency: string; price: string; endsAt: string; reminderDueAt: string }
>;
export type TrialReminderSent = DomainEvent<'TrialReminderSent', { traderId: string; chargeAt: string; price: string; currency: string }>;
export type TrialCancelled = DomainEvent<'TrialCancelled', { traderId: string; actor: string }>;
export type TrialChargeFailed = DomainEvent<
  'TrialChargeFailed',
  { traderId: string; attempt: number; reason: string; nextAttemptAt: string | null }
>;
/** The off-session charge succeeded: the application starts the paid challenge. */
export type TrialConverted = DomainEvent<
  'TrialConverted',
  {
    traderId: string;
    attempt: number;
    providerPaymentId: string;
    modelId: string;
    modelVersion: number;
    accountSize: string;
    swapFree: boolean;
    currency: string;
    price: string;
  }
>;
export type TrialExpired = DomainEvent<'TrialExpired', { traderId: string; attempts: number; lastFailure: string }>;

export type TrialEvent = TrialStarted | TrialReminderSent | TrialCancelled | TrialChargeFailed | TrialConverted | TrialExpired;
