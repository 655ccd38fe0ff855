import { verify, X509Certificate } from 'node:crypto';
import { crc32 } from '../paypal/crc32.js';
import { jsonOf, startFakeServer, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-http-server.js';
import { TEST_PAYPAL_CERTIFICATE } from './paypal-test-certificate.js';

export const FAKE_PAYPAL_CLIENT_ID = 'client-id-test';
export const FAKE_PAYPAL_CLIENT_SECRET = 'client-secret-test';
const ACCESS_TOKEN = 'A21AA-fake-access-token';

export interface FakePayPal extends FakeServer {
  /** The buyer approves the order on PayPal's page. */
  approve(orderId: string, payerId: string): void;
  /** Drops remembered PayPal-Request-Ids, as PayPal does after its retention window. */
  forgetRequestIds(): void;
  /** The order as PayPal holds it (with its captures once captured). */
  order(orderId: string): Readonly<Json> | undefined;
  /** How many captures and refunds actually happened (replays excluded). */
  readonly counts: { captures: number; refunds: number; tokens: number };
}

type Json = Record<string, unknown>;

const issue = (status: number, name: string, issueCode: string): FakeResponse => ({
  status,
  body: { name, message: issueCode, debug_id: 'dbg123', details: [{ issue: issueCode, description: issueCode }] },
});

/**
 * PayPal's REST API as the gateway uses it: client-credentials OAuth, Orders
 * v2 (create, capture, get), Payments v2 refunds, PayPal-Request-Id replay,
 * and verify-webhook-signature checking the signature for real against the
 * test certificate.
 */
export async function startFakePayPal(webhookId: string): Promise<FakePayPal> {
  const orders = new Map<string, Json>();
  const approvals = new Map<string, string>();
  const replies = new Map<string, FakeResponse>();
  const counts = { captures: 0, refunds: 0, tokens: 0 };
  let sequence = 0;
  const publicKey = new X509Certificate(TEST_PAYPAL_CERTIFICATE).publicKey;

  const authorized = (request: RecordedRequest) => request.headers.authorization === `Bearer ${ACCESS_TOKEN}`;

  const route = (request: RecordedRequest): FakeResponse => {
    if (request.method === 'POST' && request.path === '/v1/oauth2/token') {
      const expected = `Basic ${Buffer.from(`${FAKE_PAYPAL_CLIENT_ID}:${FAKE_PAYPAL_CLIENT_SECRET}`).toString('base64')}`;
      if (request.headers.authorization !== expected) return { status: 401, body: { error: 'invalid_client' } };
      counts.tokens++;
      return { status: 200, body: { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 32400, scope: 'https://uri.paypal.com/services/payments' } };
    }
    if (!authorized(request)) return { status: 401, body: { name: 'AUTHENTICATION_FAILURE', message: 'no token' } };

    const parts = request.path.split('/').filter(Boolean);
    if (request.method === 'POST' && request.path === '/v2/checkout/orders') {
      const body = jsonOf(request);
      const id = `5O190127TN36471${String(++sequence).padStart(2, '0')}`;
      const order: Json = { id, intent: body['intent'], status: 'PAYER_ACTION_REQUIRED', purchase_units: body['purchase_units'] };
      orders.set(id, order);
      return {
        status: 200,
        body: {
          id,
          status: 'PAYER_ACTION_REQUIRED',
          links: [
            { href: `https://api-m.sandbox.paypal.com/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
            { href: `https://www.sandbox.paypal.com/checkoutnow?token=${id}`, rel: 'payer-action', method: 'GET' },
          ],
        },
      };
    }
    if (parts[0] === 'v2' && parts[1] === 'checkout' && parts[2] === 'orders' && parts[3]) {
      const order = orders.get(parts[3]);
      if (!order) return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      if (request.method === 'GET') return { status: 200, body: order };
      if (parts[4] === 'capture') {
        if (order['status'] === 'COMPLETED') return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED');
        const payerId = approvals.get(parts[3]);
        if (!payerId) return issue(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
        counts.captures++;
        const unit = (order['purchase_units'] as Json[])[0]!;
        const capture = {
          id: `3C679366HH9086${String(++sequence).padStart(3, '0')}`,
          status: 'COMPLETED',
          amount: unit['amount'],
          custom_id: unit['custom_id'],
          final_capture: true,
          create_time: '2027-02-01T11:59:30Z',
        };
        Object.assign(order, {
          status: 'COMPLETED',
          payer: { payer_id: payerId, email_address: 'buyer@example.test' },
          purchase_units: [{ ...unit, payments: { captures: [capture] } }],
        });
        return { status: 201, body: order };
      }
    }
    if (request.method === 'POST' && parts[0] === 'v2' && parts[1] === 'payments' && parts[2] === 'captures' && parts[4] === 'refund') {
      counts.refunds++;
      const body = jsonOf(request);
      return {
        status: 201,
        body: {
          id: `1JU08902781691${String(++sequence).padStart(3, '0')}`,
          status: 'COMPLETED',
          amount: body['amount'] ?? { currency_code: 'USD', value: '549.99' },
          links: [{ href: `https://api-m.sandbox.paypal.com/v2/payments/captures/${parts[3]}`, rel: 'up', method: 'GET' }],
        },
      };
    }
    if (request.method === 'POST' && request.path === '/v1/notifications/verify-webhook-signature') {
      const body = jsonOf(request);
      const message = `${String(body['transmission_id'])}|${String(body['transmission_time'])}|${String(body['webhook_id'])}|${crc32(
        Buffer.from(JSON.stringify(body['webhook_event'])),
      )}`;
      const genuine =
        body['webhook_id'] === webhookId &&
        body['auth_algo'] === 'SHA256withRSA' &&
        verify('sha256', Buffer.from(message), publicKey, Buffer.from(String(body['transmission_sig']), 'base64'));
      return { status: 200, body: { verification_status: genuine ? 'SUCCESS' : 'FAILURE' } };
    }
    return issue(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
  };

  const server = await startFakeServer((request) => {
    const requestId = request.headers['paypal-request-id'];
    const key = request.method === 'POST' && typeof requestId === 'string' ? `${request.path} ${requestId}` : null;
    const cached = key ? replies.get(key) : undefined;
    if (cached) return cached;
    const reply = route(request);
    if (key && reply.status < 300) replies.set(key, reply);
    return reply;
  });

  return {
    ...server,
    counts,
    forgetRequestIds: () => replies.clear(),
    order: (orderId) => orders.get(orderId),
    approve(orderId, payerId) {
      approvals.set(orderId, payerId);
      const order = orders.get(orderId);
      if (order) order['status'] = 'APPROVED';
    },
  };
}
