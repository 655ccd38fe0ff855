import { err, ok, type DomainError, type Result } from '@tradesense/domain';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { commerceErrors } from '../commerce-errors.js';
import { orderView, type OrderView } from '../shared/order-view.js';

export interface GetOrderInput {
  readonly userId: string;
  readonly orderId: string;
}

/** One of the trader's orders; another trader's order is reported as not found. */
export class GetOrder {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(input: GetOrderInput): Promise<Result<OrderView, DomainError>> {
    const order = await this.uow.run((tx) => tx.orders.findById(input.orderId));
    if (!order || order.buyerId !== input.userId) return err(commerceErrors.orderNotFound(input.orderId));
    return ok(orderView(order));
  }
}
