import { token, type Token } from './token.js';

/** A side effect to perform after commit (e-mail, platform command, document). */
export interface OutboxMessage {
  /** What to do, e.g. "email.breach", "platform.disable-trading", or a domain event type. */
  readonly topic: string;
  readonly aggregateType?: string;
  readonly aggregateId?: string;
  /** Plain JSON: amounts as decimal strings, instants as ISO strings. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
}

/** Written inside the unit of work, so a message exists iff its state change committed. */
export interface OutboxWriter {
  add(messages: readonly OutboxMessage[]): Promise<void>;
}

export interface StoredOutboxMessage extends OutboxMessage {
  readonly id: string;
  readonly attempts: number;
  readonly status: 'pending' | 'delivered' | 'parked';
  readonly lastError?: string | undefined;
  /** W3C traceparent of the work that added the message, when tracing was on: its delivery continues that trace. */
  readonly traceParent?: string | undefined;
}

/** The dispatcher's side: claim due messages, then settle each one. */
export interface OutboxStore {
  /** Claims up to `limit` due messages for `claimant` until `claimUntil` (others skip them). */
  claimDue(claimant: string, now: Date, claimUntil: Date, limit: number, topics?: readonly string[]): Promise<StoredOutboxMessage[]>;
  /** `scrub` empties the stored payload (it held secrets that must not outlive delivery). */
  markDelivered(id: string, claimant: string, at: Date, scrub?: boolean): Promise<void>;
  /** Schedules a retry at `retryAt`, or parks the message when `park` is true. */
  markFailed(id: string, claimant: string, error: string, retryAt: Date, park: boolean): Promise<void>;
  listParked(limit: number): Promise<StoredOutboxMessage[]>;
  /** Puts a parked message back in the queue (admin action). */
  requeue(id: string, at: Date): Promise<boolean>;
}

export const OUTBOX_STORE: Token<OutboxStore> = token<OutboxStore>('OutboxStore');
