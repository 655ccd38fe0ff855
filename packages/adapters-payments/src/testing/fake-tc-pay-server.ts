import { createHmac, timingSafeEqual } from 'node:crypto';
import { jsonOf, startFakeServer, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-http-server.js';

export const FAKE_TC_PAY_MERCHANT = 'merchant_ma_001';
export const FAKE_TC_PAY_API_SECRET = 'tcpay-api-secret';

export interface FakeTcPay extends FakeServer {
  readonly counts: { checkouts: number; refunds: number };
  /** Requests refused because their signature did not verify. */
  readonly refusedSignatures: number;
}

/**
 * TC Pay as docs/payments.md describes it, checking every request signature
 * independently from the documented recipe and replaying the answer for a
 * reused Idempotency-Key.
 */
export async function startFakeTcPay(knownPayments: readonly string[]): Promise<FakeTcPay> {
  const replies = new Map<string, FakeResponse>();
  const counts = { checkouts: 0, refunds: 0 };
  let refusedSignatures = 0;
  let sequence = 0;

  const signatureValid = (request: RecordedRequest): boolean => {
    const timestamp = String(request.headers['x-tcpay-timestamp'] ?? '');
    const pathWithQuery = `${request.path}${request.query.size > 0 ? `?${request.query.toString()}` : ''}`;
    const expected = createHmac('sha256', FAKE_TC_PAY_API_SECRET)
      .update(`${timestamp}\n${request.method}\n${pathWithQuery}\n`)
      .update(request.body)
      .digest();
    const given = Buffer.from(String(request.headers['x-tcpay-signature'] ?? ''), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const route = (request: RecordedRequest): FakeResponse => {
    const parts = request.path.split('/').filter(Boolean);
    if (request.method === 'POST' && request.path === '/v1/checkouts') {
      counts.checkouts++;
      const id = `chk_${++sequence}`;
      const body = jsonOf(request);
      return { status: 201, body: { id, status: 'open', checkout_url: `https://pay.tcpay.test/c/${id}`, merchant_reference: body['merchant_reference'] } };
    }
    if (request.method === 'POST' && parts[0] === 'v1' && parts[1] === 'payments' && parts[3] === 'refunds') {
      if (!knownPayments.includes(parts[2] ?? '')) return { status: 404, body: { error: { code: 'payment_not_found', message: 'No such payment' } } };
      counts.refunds++;
      const body = jsonOf(request);
      return { status: 201, body: { id: `rfd_${++sequence}`, status: 'succeeded', amount: body['amount'] ?? '549.99', currency: body['currency'] ?? 'USD' } };
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'No route' } } };
  };

  const server = await startFakeServer((request) => {
    if (request.headers['x-tcpay-merchant'] !== FAKE_TC_PAY_MERCHANT || !signatureValid(request)) {
      refusedSignatures++;
      return { status: 401, body: { error: { code: 'signature_invalid', message: 'Signature does not verify' } } };
    }
    const key = request.headers['idempotency-key'];
    const cacheKey = typeof key === 'string' ? `${request.path} ${key}` : null;
    const cached = cacheKey ? replies.get(cacheKey) : undefined;
    if (cached) return cached;
    const reply = route(request);
    if (cacheKey) replies.set(cacheKey, reply);
    return reply;
  });

  return {
    ...server,
    counts,
    get refusedSignatures() {
      return refusedSignatures;
    },
  };
}
