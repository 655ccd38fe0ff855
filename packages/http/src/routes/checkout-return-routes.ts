import type { CheckoutReturnView, UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { CheckoutReturnPage, CheckoutReturnParams, CheckoutReturnQuery } from '../schemas/commerce-schemas.js';
import { reply } from './route-helpers.js';

/** A sentence for the buyer who lands on the page; it says no more than the status does. */
function messageFor(view: CheckoutReturnView): string {
  switch (view.status) {
    case 'fulfilled':
      return view.kind === 'trial'
        ? 'Your payment method is saved and your free trial has started. Sign in to see its trading account.'
        : 'Payment received: your challenge is ready. Sign in to see its trading account.';
    case 'paid':
      return 'Payment received: your challenge is being set up.';
    case 'cancelled':
      return 'This checkout is closed without payment.';
    case 'refunded':
      return 'This order was refunded.';
    case 'pending':
      return view.outcome === 'cancel'
        ? 'You left the checkout before paying: nothing was charged.'
        : 'Waiting for the payment provider to confirm your payment; reload this page to see the latest status.';
  }
}

/**
 * The two return links a checkout is created with (`links.checkoutReturn`):
 * the payment provider redirects the buyer's browser here, without a bearer
 * token, so both are public and show nothing but the status of the order or
 * trial sign-up the unguessable id names. See `CheckoutReturn` for why the
 * success link may complete the payment and the cancel link never cancels.
 */
export function checkoutReturnRoutes(useCases: UseCases): AnyRoute[] {
  const present = async (checkoutId: string, outcome: 'success' | 'cancel', fields: Readonly<Record<string, unknown>>) => {
    // Only single values are provider parameters; a repeated name is not something a provider sends.
    const parameters = Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const result = await useCases.checkoutReturn.execute({ checkoutId, outcome, parameters });
    // The status changes while the buyer waits: never served from a cache.
    return { ...reply(result, 200, (view) => ({ ...view, message: messageFor(view) })), headers: { 'cache-control': 'no-store' } };
  };
  const links = (['success', 'cancel'] as const).map((outcome) =>
    defineRoute({
      method: 'get', path: `/v1/orders/:orderId/checkout-${outcome}`,
      operationId: outcome === 'success' ? 'checkoutSuccessReturn' : 'checkoutCancelReturn',
      summary: outcome === 'success' ? 'Where the payment provider returns the buyer after paying' : 'Where the payment provider returns a buyer who left the checkout',
      tags: ['commerce'], access: 'public',
      request: { params: CheckoutReturnParams, query: CheckoutReturnQuery },
      responses: { 200: { description: 'The checkout’s public status', schema: CheckoutReturnPage } },
      handler: async ({ params, query }) => present(params.orderId, outcome, query),
    }),
  );
  // Razorpay's checkout with `redirect: true` posts its signed fields to the
  // callback URL as an HTML form instead of appending them to a GET.
  const formReturn = defineRoute({
    method: 'post', path: '/v1/orders/:orderId/checkout-success', operationId: 'checkoutSuccessFormReturn',
    summary: 'Where a payment provider posts the buyer back after paying (form post)', tags: ['commerce'], access: 'public',
    formBody: true,
    request: { params: CheckoutReturnParams, body: CheckoutReturnQuery },
    responses: { 200: { description: 'The checkout’s public status', schema: CheckoutReturnPage } },
    handler: async ({ params, body }) => present(params.orderId, 'success', body),
  });
  return [...links, formReturn];
}
