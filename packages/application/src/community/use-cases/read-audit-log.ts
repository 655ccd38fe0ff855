import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { StoredAuditEntry } from '../../ports/audit-log.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { communityErrors } from '../community-errors.js';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export interface ReadAuditLogInput {
  /** The admin reading. */
  readonly actorId: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly action?: string;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  readonly limit?: number;
}

export interface AuditLogPage {
  /** Newest first. */
  readonly entries: readonly StoredAuditEntry[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
}

/** An audit entry id: a positive int8 (19 digits pass 9223372036854775807 and would fail in the database). */
function isEntryId(cursor: string): boolean {
  return /^[1-9]\d{0,18}$/.test(cursor) && BigInt(cursor) <= 9_223_372_036_854_775_807n;
}

/** Admin query: the audit log filtered by subject and action, newest first, with cursor paging. */
export class ReadAuditLog {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: ReadAuditLogInput): Promise<Result<AuditLogPage, DomainError>> {
    if (input.cursor !== undefined && !isEntryId(input.cursor)) return err(communityErrors.invalidAuditCursor(input.cursor));
    const limit = Math.max(1, Math.min(Math.trunc(input.limit ?? AUDIT_PAGE_DEFAULT), AUDIT_PAGE_MAX));
    return this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.actorId, 'audit.read');
      if (!admin.ok) return admin;
      const rows = await tx.auditTrail.list({
        ...(input.subjectType ? { subjectType: input.subjectType } : {}),
        ...(input.subjectId ? { subjectId: input.subjectId } : {}),
        ...(input.action ? { action: input.action } : {}),
        ...(input.cursor ? { before: input.cursor } : {}),
        limit: limit + 1,
      });
      const entries = rows.slice(0, limit);
      return ok({ entries, nextCursor: rows.length > limit ? (entries[entries.length - 1]?.id ?? null) : null });
    });
  }
}
