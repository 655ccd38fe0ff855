import { ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import type { CursorPage } from '../../shared-kernel/cursor-page.js';
import { withCursor } from '../../shared-kernel/invalid-cursor.js';
import { orderView, type OrderView } from '../shared/order-view.js';

export interface OrderHistoryInput {
  readonly userId: string;
  /** The `nextCursor` of the previous page; absent for the first page. */
  readonly cursor?: string | null;
  /** 1 to 100, default 20. */
  readonly limit?: number;
}

/** A trader's orders, newest first, one page at a time. */
export class OrderHistory {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: OrderHistoryInput): Promise<Result<CursorPage<OrderView>, DomainError>> {
    const limit = Math.min(Math.max(Math.trunc(input.limit ?? 20), 1), 100);
    return withCursor(async () => {
      const page = await this.uow.run((tx) => tx.orders.listByBuyer(input.userId, { cursor: input.cursor ?? null, limit }));
      return ok({ items: page.items.map(orderView), nextCursor: page.nextCursor });
    });
  }
}
