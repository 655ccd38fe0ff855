import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { pageLimit } from '../../shared-kernel/page-limit.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { identityErrors } from '../identity-errors.js';
import type { StoredClientActivity } from '../ports/client-activity.js';

export interface UserActivityInput {
  /** The admin reading. */
  readonly actorId: string;
  readonly userId: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/**
 * Admin query: where a user signed in and traded from, newest first. The
 * addresses are personal data, so only an admin reads them, and only here.
 */
export class UserActivity {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: UserActivityInput): Promise<Result<CursorPage<StoredClientActivity>, DomainError>> {
    const limit = pageLimit(input.limit);
    if (!limit.ok) return limit;
    return withCursor(() =>
      this.uow.run(async (tx) => {
        const admin = await requireAdmin(tx, input.actorId, 'client_activity.read');
        if (!admin.ok) return admin;
        // The page first: a forged cursor is refused as such whoever it names.
        const page = await tx.clientActivity.listByUser(input.userId, { cursor: input.cursor ?? null, limit: limit.value });
        if (page.items.length === 0 && !(await tx.users.findById(input.userId))) return err(identityErrors.userNotFound(input.userId));
        return ok(page);
      }),
    );
  }
}
