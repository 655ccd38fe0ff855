import { formOf, startFakeServer, type FakeResponse, type FakeServer, type RecordedRequest } from './fake-http-server.js';

/** A payment method the fake declines off-session, like Stripe's "attaches but fails" test card. */
export const DECLINING_PAYMENT_METHOD = 'pm_card_chargeDeclinedInsufficientFunds';

export interface FakeStripe extends FakeServer {
  /** Payment methods known to the fake, by id, with their card fingerprint. */
  addPaymentMethod(id: string, fingerprint: string, customer: string | null): void;
  addPaymentIntent(intent: Record<string, unknown>): void;
  addSetupIntent(intent: Record<string, unknown>): void;
  /** How many objects each POST endpoint actually created (idempotent replays excluded). */
  readonly created: Record<string, number>;
}

/**
 * The parts of Stripe's REST API the gateway uses, in Stripe's wire format:
 * form-encoded requests, JSON objects with `object` tags, `{ error }` bodies
 * with 402 for card declines, and replay of a response for a reused
 * Idempotency-Key.
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const paymentMethods = new Map<string, Record<string, unknown>>();
  const paymentIntents = new Map<string, Record<string, unknown>>();
  const setupIntents = new Map<string, Record<string, unknown>>();
  const replies = new Map<string, FakeResponse>();
  const created: Record<string, number> = {};
  let sequence = 0;
  const next = (prefix: string) => `${prefix}_fake${++sequence}`;

  const expand = (request: RecordedRequest, object: Record<string, unknown>): Record<string, unknown> => {
    // The SDK encodes `expand: ['a']` as expand[0]=a.
    const fields = [...request.query.entries()].filter(([key]) => key.startsWith('expand[')).map(([, value]) => value);
    const copy = { ...object };
    for (const field of fields) {
      const id = copy[field];
      if (typeof id === 'string' && paymentMethods.has(id)) copy[field] = paymentMethods.get(id);
    }
    return copy;
  };

  const create = (request: RecordedRequest): FakeResponse => {
    const form = formOf(request);
    const endpoint = request.path;
    created[endpoint] = (created[endpoint] ?? 0) + 1;
    switch (endpoint) {
      case '/v1/customers':
        return { status: 200, body: { id: next('cus'), object: 'customer', email: form.get('email') } };
      case '/v1/checkout/sessions': {
        const id = next('cs_test');
        return {
          status: 200,
          body: {
            id,
            object: 'checkout.session',
            mode: form.get('mode'),
            url: `https://checkout.stripe.test/c/pay/${id}`,
            client_reference_id: form.get('client_reference_id'),
            metadata: { order_id: form.get('metadata[order_id]') },
          },
        };
      }
      case '/v1/payment_intents': {
        const id = next('pi');
        const amount = Number(form.get('amount'));
        const currency = form.get('currency');
        if (form.get('payment_method') === DECLINING_PAYMENT_METHOD) {
          const intent = { id, object: 'payment_intent', status: 'requires_payment_method', amount, currency };
          paymentIntents.set(id, intent);
          return {
            status: 402,
            body: {
              error: {
                type: 'card_error',
                code: 'card_declined',
                decline_code: 'insufficient_funds',
                message: 'Your card has insufficient funds.',
                payment_intent: intent,
              },
            },
          };
        }
        const intent = {
          id,
          object: 'payment_intent',
          status: 'succeeded',
          amount,
          amount_received: amount,
          currency,
          customer: form.get('customer'),
          payment_method: form.get('payment_method'),
          metadata: { order_id: form.get('metadata[order_id]') },
        };
        paymentIntents.set(id, intent);
        return { status: 200, body: intent };
      }
      case '/v1/refunds': {
        const intent = paymentIntents.get(form.get('payment_intent') ?? '');
        if (!intent) {
          return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } } };
        }
        const amount = form.has('amount') ? Number(form.get('amount')) : intent['amount'];
        return { status: 200, body: { id: next('re'), object: 'refund', status: 'succeeded', amount, currency: intent['currency'] } };
      }
      default:
        return { status: 404, body: { error: { type: 'invalid_request_error', message: `No route ${endpoint}` } } };
    }
  };

  const server = await startFakeServer((request) => {
    if (request.method === 'POST') {
      const key = request.headers['idempotency-key'];
      const cacheKey = typeof key === 'string' ? `${request.path} ${key}` : null;
      const cached = cacheKey ? replies.get(cacheKey) : undefined;
      if (cached) return cached;
      const reply = create(request);
      if (cacheKey) replies.set(cacheKey, reply);
      return reply;
    }
    const [, version, collection, id] = request.path.split('/');
    const store =
      collection === 'payment_intents' ? paymentIntents : collection === 'setup_intents' ? setupIntents : collection === 'payment_methods' ? paymentMethods : null;
    const object = version === 'v1' && store && id ? store.get(id) : undefined;
    if (!object) {
      return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' } } };
    }
    return { status: 200, body: expand(request, object) };
  });

  return {
    ...server,
    created,
    addPaymentMethod(id, fingerprint, customer) {
      paymentMethods.set(id, { id, object: 'payment_method', type: 'card', customer, card: { brand: 'visa', last4: '4242', fingerprint } });
    },
    addPaymentIntent(intent) {
      paymentIntents.set(String(intent['id']), { object: 'payment_intent', ...intent });
    },
    addSetupIntent(intent) {
      setupIntents.set(String(intent['id']), { object: 'setup_intent', ...intent });
    },
  };
}
