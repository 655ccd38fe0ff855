import type { AuditEntry, AuditLogQuery, AuditLogReader, AuditLogWriter, StoredAuditEntry } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: AuditEntry['actorRole'];
  action: string;
  subject_type: string;
  subject_id: string;
  details: Record<string, unknown>;
}

export class PostgresAuditLog implements AuditLogWriter, AuditLogReader {
  constructor(private readonly db: Queryable) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db('audit_log').insert({
      at: entry.at,
      actor_id: entry.actorId,
      actor_role: entry.actorRole,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details),
    });
  }

  async list(query: AuditLogQuery): Promise<StoredAuditEntry[]> {
    const q = this.db('audit_log').orderBy('id', 'desc').limit(query.limit);
    if (query.subjectType) q.where('subject_type', query.subjectType);
    if (query.subjectId) q.where('subject_id', query.subjectId);
    if (query.action) q.where('action', query.action);
    if (query.before) q.where('id', '<', query.before);
    const rows = (await q) as AuditRow[];
    return rows.map((row) => ({
      id: String(row.id),
      at: row.at,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      details: row.details,
    }));
  }
}
