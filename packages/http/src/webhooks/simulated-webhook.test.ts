import { simulatedCheckoutToken, simulatedDelivery, simulatedTokenClaims } from '@tradesense/bootstrap/testing';
import { describeProviderWebhooks, type Checkout } from '../testing/payment-webhook-scenarios.js';

const SECRET = 'simulated-provider-secret-for-webhook-tests';

const tokenOf = (checkout: Checkout) => new URL(checkout.redirectUrl).searchParams.get('token') ?? '';

describeProviderWebhooks('simulated gateway: webhooks end to end', (clock) => ({
  gatewayId: 'simulated',
  start: async () => ({ SIMULATED_PAYMENTS_SECRET: SECRET }),
  stop: async () => undefined,
  pay: async (checkout) => simulatedDelivery(tokenOf(checkout)),
  // Another checkout of the same order (its own reference, so its own event id), signed with the configured secret.
  payOther: async (checkout, paid) => {
    const claims = simulatedTokenClaims(tokenOf(checkout));
    return simulatedDelivery(simulatedCheckoutToken(SECRET, { ...claims, ref: `${claims.ref}_${paid.amount}_${paid.currency}`, ...paid }));
  },
  refusals: async (checkout) => {
    const token = tokenOf(checkout);
    const claims = simulatedTokenClaims(token);
    const signature = token.split('.')[1];
    const altered = Buffer.from(JSON.stringify({ ...claims, amount: '1.00' }), 'utf8').toString('base64url');
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    return [
      { what: 'signed with another secret', delivery: simulatedDelivery(simulatedCheckoutToken(`${SECRET}-guessed`, claims)), code: 'WEBHOOK.SIGNATURE_INVALID' },
      { what: 'amount altered under the signature', delivery: simulatedDelivery(`${altered}.${signature}`), code: 'WEBHOOK.SIGNATURE_INVALID' },
      { what: 'no token', delivery: { body: '{}', headers: { 'content-type': 'application/json' } }, code: 'WEBHOOK.SIGNATURE_INVALID' },
      {
        what: 'expired link',
        delivery: simulatedDelivery(simulatedCheckoutToken(SECRET, { ...claims, expiresAt: nowSeconds - 1 })),
        code: 'WEBHOOK.TIMESTAMP_OUT_OF_TOLERANCE',
      },
    ];
  },
  // The simulated provider refunds and charges back whole payments only.
  refund: async (checkout) => simulatedDelivery(tokenOf(checkout), 'refund'),
  dispute: async (checkout) => simulatedDelivery(tokenOf(checkout), 'dispute'),
}));
