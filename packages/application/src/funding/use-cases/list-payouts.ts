import { DomainError, domainError, err, ok, type PayoutStatus, type Result } from '@tradesense/domain';
import { INVALID_CURSOR } from '../../challenges/challenges-errors.js';
import type { CursorPage } from '../../challenges/ports/challenges-repositories.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { PayoutListItem } from '../ports/funding-repositories.js';
import { requireAdmin } from '../shared/require-admin.js';

export const MAX_PAYOUT_PAGE = 100;

export interface PayoutPageInput {
  readonly cursor?: string | null;
  readonly limit?: number;
}

function pageSize(limit: number | undefined): Result<number, DomainError> {
  const size = limit ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAYOUT_PAGE) {
    return err(domainError('PAGE.INVALID_LIMIT', `A page holds 1 to ${MAX_PAYOUT_PAGE} items`, { max: MAX_PAYOUT_PAGE }));
  }
  return ok(size);
}

/** A cursor the repository did not issue is the caller's mistake, answered as a result. */
async function paged<T>(work: () => Promise<Result<T, DomainError>>): Promise<Result<T, DomainError>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.code === INVALID_CURSOR) return err(error);
    throw error;
  }
}

/** A trader's payouts over all their funded accounts, newest request first. */
export class ListPayouts {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: { userId: string } & PayoutPageInput): Promise<Result<CursorPage<PayoutListItem>, DomainError>> {
    const limit = pageSize(input.limit);
    if (!limit.ok) return limit;
    return paged(async () =>
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
    return paged(() => this.uow.run(async (tx) => {
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
