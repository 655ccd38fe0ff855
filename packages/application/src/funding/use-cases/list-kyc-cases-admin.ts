import { ok, type DomainError, type KycCaseState, type KycStatus, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';

/** The KYC cases in one status for an admin (e.g. `in_progress`: the manual review queue), oldest update first. */
export class ListKycCasesAdmin {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: {
    adminId: string;
    status: KycStatus;
    cursor?: string | null;
    limit?: number;
  }): Promise<Result<CursorPage<KycCaseState>, DomainError>> {
    return withCursor(() =>
      this.uow.run(async (tx) => {
        const admin = await requireAdmin(tx, input.adminId, 'kyc.list');
        if (!admin.ok) return admin;
        const page = await tx.kycCases.listByStatus(input.status, { cursor: input.cursor ?? null, limit: Math.min(Math.max(input.limit ?? 50, 1), 100) });
        return ok({ items: page.items.map((kyc) => kyc.toState()), nextCursor: page.nextCursor });
      }),
    );
  }
}
