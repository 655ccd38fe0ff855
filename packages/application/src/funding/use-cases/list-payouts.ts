import { err, ok, type DomainError, type PayoutStatus, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { requireAdmin } from '../../shared-kernel/require-admin.js';
import { sharedErrors } from '../../shared-kernel/shared-errors.js';
import type { PayoutListItem } from '../ports/funding-repositories.js';

export const MAX_PAYOUT_PAGE = 100;

export interface PayoutPageInput {
  readonly cursor?: string | null;
  readonly limit?: number;
}

function pageSize(limit: number | undefined): Result<number, DomainError> {
  const size = limit ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAYOUT_PAGE) {
    return err(sharedErrors.invalidPageSize(MAX_PAYOUT_PAGE));
  }
  return ok(size);
}

/** A trader's payouts over all their funded accounts, newest request first. */
export class ListPayouts {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { userId: string } & PayoutPageInput): Promise<Result<CursorPage<PayoutListItem>, DomainError>> {
    const limit = pageSize(input.limit);
    if (!limit.ok) return limit;
    return withCursor(async () =>
      ok(await this.uow.run((tx) => tx.payouts.list({ traderId: input.userId, cursor: input.cursor ?? null, limit: limit.value }))),
    );
  }
}

/** Every trader's payouts, optionally in one status (the admin's payout queue), newest request first. */
export class ListPayoutsAdmin {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(
    input: { adminId: string; status?: PayoutStatus } & PayoutPageInput,
  ): Promise<Result<CursorPage<PayoutListItem>, DomainError>> {
    const limit = pageSize(input.limit);
    if (!limit.ok) return limit;
    return withCursor(() => this.uow.run(async (tx) => {
      const admin = await requireAdmin(tx, input.adminId, 'payout.list');
      if (!admin.ok) return admin;
      return ok(
        await tx.payouts.list({
          ...(input.status ? { status: input.status } : {}),
          cursor: input.cursor ?? null,
          limit: limit.value,
        }),
      );
    }));
  }
}
