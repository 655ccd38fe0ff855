import { token, type Token } from './token.js';

export interface AuditEntry {
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorRole: 'trader' | 'admin' | 'system';
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: string;
}

export interface AuditLogWriter {
  append(entry: AuditEntry): Promise<void>;
}

export interface AuditLogQuery {
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly action?: string;
  /** Entries with id below this cursor (newest first paging). */
  readonly before?: string;
  readonly limit: number;
}

export interface AuditLogReader {
  list(query: AuditLogQuery): Promise<StoredAuditEntry[]>;
}

export const AUDIT_LOG_READER: Token<AuditLogReader> = token<AuditLogReader>('AuditLogReader');
