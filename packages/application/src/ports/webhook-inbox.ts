/**
 * Provider events already processed, keyed by (provider, event id). Recorded
 * in the same transaction as the effect, so a retried webhook is a no-op.
 */
export interface WebhookInbox {
  /** True when the event is new (and is now recorded), false when already seen. */
  record(provider: string, eventId: string, eventType: string, at: Date): Promise<boolean>;
}
