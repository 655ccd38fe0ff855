import type { StoredOutboxMessage } from './outbox.js';
import { token, type Token } from './token.js';

/**
 * Delivers outbox messages of some topics (send an e-mail, command the
 * trading platform, render a document). Delivery is at-least-once, so a
 * handler must be safe to run twice for one message: use `message.id` as the
 * idempotency key wherever the receiving side accepts one.
 */
export interface OutboxHandler {
  /** Exact topics, or prefixes ending in ".*" (e.g. "email.*"). */
  readonly topics: readonly string[];
  /** Topics whose payload holds secrets (passwords): emptied once delivered. */
  readonly sensitiveTopics?: readonly string[];
  handle(message: StoredOutboxMessage): Promise<void>;
}

/** Multi-bound: every adapter or application module that delivers something adds one. */
export const OUTBOX_HANDLER: Token<OutboxHandler> = token<OutboxHandler>('OutboxHandler');

export function handlesTopic(handler: OutboxHandler, topic: string): boolean {
  return handler.topics.some((t) => (t.endsWith('.*') ? topic.startsWith(t.slice(0, -1)) : t === topic));
}
