import { Order } from '@tradesense/domain';
import { ConcurrencyConflict, type CursorPage, type OrderRepository, type PageRequest, type RecordedCheckout } from '@tradesense/application';
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

  async checkoutOf(orderId: string): Promise<RecordedCheckout | null> {
    const row = (await this.db('orders').where({ id: orderId }).first('checkout_reference', 'checkout_redirect_url', 'checkout_client_parameters')) as
      | { checkout_reference: string | null; checkout_redirect_url: string | null; checkout_client_parameters: Record<string, string> | null }
      | undefined;
    if (!row?.checkout_reference || row.checkout_redirect_url === null) return null;
    return { providerReference: row.checkout_reference, redirectUrl: row.checkout_redirect_url, clientParameters: row.checkout_client_parameters ?? {} };
  }

  async findByRequestKey(buyerId: string, requestKey: string): Promise<Order | null> {
    return this.one(await this.db('orders').where({ buyer_id: buyerId, request_key: requestKey }).first());
  }

  async recordRequestKey(orderId: string, buyerId: string, requestKey: string): Promise<void> {
    try {
      await this.db('orders').where({ id: orderId, buyer_id: buyerId }).update({ request_key: requestKey });
    } catch (error) {
      // Another attempt with the same key placed its order first (orders_buyer_request_key).
      if ((error as { code?: unknown }).code === '23505') throw new ConcurrencyConflict('order', orderId, 0);
      throw error;
    }
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

  async recordCheckout(orderId: string, checkout: RecordedCheckout, at: Date): Promise<void> {
    await this.db('orders').where({ id: orderId }).update({
      checkout_reference: checkout.providerReference,
      checkout_redirect_url: checkout.redirectUrl,
      checkout_client_parameters: JSON.stringify(checkout.clientParameters),
      checkout_created_at: at,
    });
  }

  private one(row: OrderRow | undefined): Order | null {
    return row ? this.loaded(row) : null;
  }

  private loaded(row: OrderRow): Order {
    return this.versions.loaded(Order.restore(orderMapper.toState(row)), row.version);
  }
}
