import { jsonOf, startFakeServer, type FakeServer } from './fake-http-server.js';

export const FAKE_COINBASE_API_KEY = 'cc-api-key-test';

/** Coinbase Commerce's charges endpoint: API key and version headers, `{ data }` envelopes, `{ error }` on refusal. */
export async function startFakeCoinbaseCommerce(): Promise<FakeServer> {
  let sequence = 0;
  return startFakeServer((request) => {
    if (request.headers['x-cc-api-key'] !== FAKE_COINBASE_API_KEY) {
      return { status: 401, body: { error: { type: 'authorization_error', message: 'No such API key.' } } };
    }
    if (request.method !== 'POST' || request.path !== '/charges' || request.headers['x-cc-version'] !== '2018-03-22') {
      return { status: 404, body: { error: { type: 'not_found', message: 'Not found' } } };
    }
    const body = jsonOf(request);
    const code = `CODE${++sequence}`;
    return {
      status: 201,
      body: {
        data: {
          id: `f765421f-2ec4-4d3a-b3b6-0a1c8f0c3c0${sequence}`,
          code,
          hosted_url: `https://commerce.coinbase.com/charges/${code}`,
          pricing_type: body['pricing_type'],
          pricing: { local: body['local_price'] },
          metadata: body['metadata'],
          redirect_url: body['redirect_url'],
          cancel_url: body['cancel_url'],
        },
      },
    };
  });
}
