import { token, type Token } from './token.js';

/** What waits in the outbox, for monitoring. */
export interface OutboxBacklog {
  /** Messages not yet delivered (pending, due now or waiting for a retry); parked ones are counted apart. */
  readonly undelivered: number;
  /** When the oldest undelivered message was written; null when none waits. */
  readonly oldestUndeliveredAt: Date | null;
  /** Messages that kept failing and wait for an admin. */
  readonly parked: number;
}

/** Reads the backlog in one cheap query (monitoring reads it at every scrape). */
export interface OutboxBacklogReader {
  backlog(): Promise<OutboxBacklog>;
}

export const OUTBOX_BACKLOG: Token<OutboxBacklogReader> = token<OutboxBacklogReader>('OutboxBacklogReader');
