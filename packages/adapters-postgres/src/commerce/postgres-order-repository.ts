import { Order } from '@tradesense/domain';
import type { CursorPage, OrderRepository, PageRequest } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';
import type { VersionTracker } from '../uow/version-tracker.js';
import { orderMapper, type OrderRow } from './order-mapper.js';
import { decodePageCursor, encodePageCursor } from './page-cursor.js';

export class PostgresOrderRepository implements OrderRepository {
  constructor(
    private readonly db: Queryable,
    private readonly versions: VersionTracker,
  ) {}

  async findById(id: string, options: { readonly forUpdate?: boolean } = {}): Promise<Order | null> {
    const query = this.db('orders').where({ id }).first();
    return this.one((await (options.forUpdate ? query.forUpdate() : query)) as OrderRow | undefined);
  }

  async findByPayment(gatewayId: string, providerPaymentId: string): Promise<Order | null> {
    return this.one(await this.db('orders').where({ gateway_id: gatewayId, provider_payment_id: providerPaymentId }).first());
  }

  async findByCheckoutReference(gatewayId: string, providerReference: string): Promise<Order | null> {
    return this.one(await this.db('orders').where({ gateway_id: gatewayId, checkout_reference: providerReference }).first());
  }

  async checkoutReference(orderId: string): Promise<string | null> {
    const row = (await this.db('orders').where({ id: orderId }).first('checkout_reference')) as { checkout_reference: string | null } | undefined;
    return row?.checkout_reference ?? null;
  }

  async listByBuyer(buyerId: string, page: PageRequest): Promise<CursorPage<Order>> {
    const after = decodePageCursor(page.cursor);
    const query = this.db('orders')
      .where({ buyer_id: buyerId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1);
    if (after) query.whereRaw('(created_at, id) < (?, ?)', [after.at, after.id]);
    const rows = (await query) as OrderRow[];
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => this.loaded(row)),
      nextCursor: rows.length > page.limit && last ? encodePageCursor({ at: last.created_at, id: last.id }) : null,
    };
  }

  async save(order: Order): Promise<void> {
    const state = order.toState();
    await this.versions.save(this.db, 'orders', 'order', order, state.id, orderMapper.toRow(state));
  }

  async recordCheckout(orderId: string, providerReference: string, at: Date): Promise<void> {
    await this.db('orders').where({ id: orderId }).update({ checkout_reference: providerReference, checkout_created_at: at });
  }

  private one(row: OrderRow | undefined): Order | null {
    return row ? this.loaded(row) : null;
  }

  private loaded(row: OrderRow): Order {
    return this.versions.loaded(Order.restore(orderMapper.toState(row)), row.version);
  }
}
