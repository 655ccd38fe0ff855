import type { AuditLogWriter } from './audit-log.js';
import type { OutboxWriter } from './outbox.js';
import type { WebhookInbox } from './webhook-inbox.js';
import type { RiskWatchAnnouncer } from './risk-watch-signals.js';
import { token, type Token } from './token.js';

/**
 * The repositories the contexts bring into a transaction. Empty here on
 * purpose: each context declares its own repositories into it from its
 * `ports/` (declaration merging), so no file lists every context's
 * repositories and the transaction knows no context by name.
 */
export interface ContextRepositories {}

/**
 * Everything a use case may read or write inside one transaction: the
 * repositories the contexts declared (`ContextRepositories`) and the
 * platform's writers. Every repository here is bound to that transaction, so
 * the state change, its outbox messages and its audit entries commit or roll
 * back together.
 */
export interface TransactionScope extends ContextRepositories {
  readonly outbox: OutboxWriter;
  readonly audit: AuditLogWriter;
  readonly webhookInbox: WebhookInbox;
  /** Tells the risk monitor, once this transaction commits, to watch a subject now. */
  readonly riskWatch: RiskWatchAnnouncer;
}

export interface UnitOfWork {
  /** Runs `work` in one transaction; a thrown error rolls everything back. */
  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
}

export const UNIT_OF_WORK: Token<UnitOfWork> = token<UnitOfWork>('UnitOfWork');
