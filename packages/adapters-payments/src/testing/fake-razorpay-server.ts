import { jsonOf, startFakeServer, type FakeResponse, type FakeServer } from './fake-http-server.js';

export const FAKE_RAZORPAY_KEY_ID = 'rzp_test_key';
export const FAKE_RAZORPAY_KEY_SECRET = 'rzp_test_secret';

export interface FakeRazorpay extends FakeServer {
  /** A payment the buyer made in Razorpay Checkout. */
  addPayment(payment: Record<string, unknown>): void;
  readonly counts: { refunds: number; captures: number };
  /** The Razorpay orders created, by id, as the API answered them (amount in paise). */
  readonly orders: ReadonlyMap<string, Record<string, unknown>>;
}

type Json = Record<string, unknown>;

const refused = (status: number, description: string): FakeResponse => ({
  status,
  body: { error: { code: 'BAD_REQUEST_ERROR', description, source: 'business', step: 'payment_initiation', reason: 'input_validation_failed' } },
});

/** Razorpay's REST API (v1) as the SDK calls it: basic auth with key id and secret, JSON entities. */
export async function startFakeRazorpay(): Promise<FakeRazorpay> {
  const payments = new Map<string, Json>();
  const orders = new Map<string, Json>();
  const refunds = new Map<string, Json[]>();
  const counts = { refunds: 0, captures: 0 };
  let sequence = 0;
  const basic = `Basic ${Buffer.from(`${FAKE_RAZORPAY_KEY_ID}:${FAKE_RAZORPAY_KEY_SECRET}`).toString('base64')}`;

  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== basic) return { status: 401, body: { error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed' } } };
    const [, version, collection, id, action] = request.path.split('/');
    if (version !== 'v1') return refused(404, 'The requested URL was not found on the server.');
    if (collection === 'orders' && request.method === 'POST' && !id) {
      const body = jsonOf(request);
      const order = {
        id: `order_Fake${++sequence}`,
        entity: 'order',
        amount: body['amount'],
        amount_paid: 0,
        amount_due: body['amount'],
        currency: body['currency'],
        receipt: body['receipt'],
        status: 'created',
        attempts: 0,
        notes: body['notes'],
        created_at: 1773144000,
      };
      orders.set(order.id, order);
      return { status: 200, body: order };
    }
    if (collection !== 'payments' || !id) return refused(404, 'The requested URL was not found on the server.');
    const payment = payments.get(id);
    if (!payment) return refused(400, 'The id provided does not exist');
    if (request.method === 'GET' && !action) return { status: 200, body: payment };
    if (request.method === 'POST' && action === 'capture') {
      if (payment['status'] !== 'authorized') return refused(400, 'This payment has already been captured');
      counts.captures++;
      payment['status'] = 'captured';
      payment['captured'] = true;
      return { status: 200, body: payment };
    }
    if (action === 'refunds' && request.method === 'GET') {
      const items = refunds.get(id) ?? [];
      return { status: 200, body: { entity: 'collection', count: items.length, items } };
    }
    if (action === 'refund' && request.method === 'POST') {
      const body = jsonOf(request);
      counts.refunds++;
      const refund = {
        id: `rfnd_Fake${++sequence}`,
        entity: 'refund',
        amount: body['amount'] ?? payment['amount'],
        currency: payment['currency'],
        payment_id: id,
        notes: body['notes'] ?? [],
        receipt: body['receipt'] ?? null,
        status: 'processed',
        speed_requested: body['speed'],
        created_at: 1773144100,
      };
      refunds.set(id, [...(refunds.get(id) ?? []), refund]);
      return { status: 200, body: refund };
    }
    return refused(404, 'The requested URL was not found on the server.');
  });

  return {
    ...server,
    counts,
    orders,
    addPayment(payment) {
      payments.set(String(payment['id']), { entity: 'payment', ...payment });
    },
  };
}
