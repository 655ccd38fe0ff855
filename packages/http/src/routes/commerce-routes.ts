import { GatewayErrorCode } from '@tradesense/domain';
import { isWebhookError, type UseCases, type WebhookHeaders } from '@tradesense/application';
import type { Request } from 'express';
import { domainProblem } from '../api/api-router.js';
import { defineRoute, type AnyRoute, type RouteResponse } from '../api/route.js';
import { problem } from '../problems/problem.js';
import {
  Catalog,
  GatewayOffer,
  GatewaysQuery,
  Order,
  OrderPage,
  OrderParams,
  OrdersQuery,
  PlacedOrder,
  PlaceOrderRequest,
  SimulatedConfirmQuery,
  StartTrialRequest,
  Trial,
  TrialCancelled,
  TrialParams,
  TrialSignup,
  WebhookAck,
  WebhookParams,
} from '../schemas/commerce-schemas.js';
import { reply } from './route-helpers.js';

/** The exact bytes and headers of a provider notification (the route mounts a raw body parser). */
export function webhookRequest(req: Request): { rawBody: Buffer; headers: WebhookHeaders } {
  return { rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), headers: req.headers };
}

/** A refused signature changes nothing and tells the provider its request was bad. */
export function webhookRefusal(error: unknown): RouteResponse {
  if (!isWebhookError(error)) throw error;
  return { status: 400, body: problem(400, error.code, error.message) };
}

/** Buying challenges: catalog, gateways, orders, trials, and the payment providers' callbacks. */
export function commerceRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/catalog', operationId: 'listCatalog',
      summary: 'Challenge models and their sizes and prices', tags: ['commerce'], access: 'public',
      responses: { 200: { description: 'The catalog', schema: Catalog } },
      handler: async () => reply(await useCases.listCatalog.execute()),
    }),
    defineRoute({
      method: 'get', path: '/v1/gateways', operationId: 'listGateways',
      summary: 'Payment gateways offered in your country, with fees for a price', tags: ['commerce'], access: 'trader',
      request: { query: GatewaysQuery },
      responses: { 200: { description: 'Gateways', schema: GatewayOffer } },
      handler: async ({ auth, query }) =>
        reply(await useCases.listGatewaysForUser.execute({ userId: auth!.userId, ...(query.price ? { price: query.price } : {}) })),
    }),
    defineRoute({
      method: 'post', path: '/v1/orders', operationId: 'placeOrder', refusals: [404],
      summary: 'Order a challenge (or a reset) and start the checkout', tags: ['commerce'], access: 'trader', idempotent: true,
      request: { body: PlaceOrderRequest },
      responses: { 201: { description: 'Order placed; follow checkout.redirectUrl', schema: PlacedOrder } },
      handler: async ({ auth, body, requestKey }) =>
        reply(
          await useCases.placeOrder.execute({
            userId: auth!.userId,
            requestKey,
            gatewayId: body.gatewayId,
            ...(body.modelId !== undefined ? { modelId: body.modelId } : {}),
            ...(body.balance !== undefined ? { balance: body.balance } : {}),
            ...(body.swapFree !== undefined ? { swapFree: body.swapFree } : {}),
            ...(body.resetOfChallengeId !== undefined ? { resetOfChallengeId: body.resetOfChallengeId } : {}),
          }),
          201,
        ),
    }),
    defineRoute({
      method: 'get', path: '/v1/orders', operationId: 'listOrders',
      summary: 'Your orders, newest first', tags: ['commerce'], access: 'trader',
      request: { query: OrdersQuery },
      responses: { 200: { description: 'A page of orders', schema: OrderPage } },
      handler: async ({ auth, query }) =>
        reply(await useCases.orderHistory.execute({ userId: auth!.userId, cursor: query.cursor ?? null, limit: query.limit })),
    }),
    defineRoute({
      method: 'get', path: '/v1/orders/:orderId', operationId: 'getOrder',
      summary: 'One of your orders', tags: ['commerce'], access: 'trader',
      request: { params: OrderParams },
      responses: { 200: { description: 'The order', schema: Order } },
      handler: async ({ auth, params }) => reply(await useCases.getOrder.execute({ userId: auth!.userId, orderId: params.orderId })),
    }),
    defineRoute({
      method: 'post', path: '/v1/trials', operationId: 'startTrial', refusals: [404],
      summary: 'Start a free 7-day trial (saves a payment method)', tags: ['commerce'], access: 'trader', idempotent: true,
      request: { body: StartTrialRequest },
      responses: { 201: { description: 'Trial checkout started', schema: TrialSignup } },
      handler: async ({ auth, body }) =>
        reply(
          await useCases.startTrial.execute({
            userId: auth!.userId,
            modelId: body.modelId,
            balance: body.balance,
            gatewayId: body.gatewayId,
            ...(body.swapFree !== undefined ? { swapFree: body.swapFree } : {}),
          }),
          201,
        ),
    }),
    defineRoute({
      method: 'delete', path: '/v1/trials/:trialId', operationId: 'cancelTrial',
      summary: 'Cancel your trial before it is charged', tags: ['commerce'], access: 'trader',
      request: { params: TrialParams },
      responses: { 200: { description: 'Cancelled', schema: TrialCancelled } },
      handler: async ({ auth, params }) => reply(await useCases.cancelTrial.execute({ actorId: auth!.userId, trialId: params.trialId })),
    }),
    defineRoute({
      method: 'get', path: '/v1/trials/current', operationId: 'currentTrial', refusals: [404],
      summary: 'Your current trial', tags: ['commerce'], access: 'trader',
      responses: { 200: { description: 'The trial', schema: Trial } },
      handler: async ({ auth }) => reply(await useCases.getTrial.execute({ userId: auth!.userId })),
    }),
    defineRoute({
      method: 'post', path: '/v1/webhooks/:provider', operationId: 'receivePaymentWebhook',
      summary: 'Payment provider notification (signed raw body)', tags: ['webhooks'], access: 'public', rawBody: true,
      request: { params: WebhookParams },
      responses: { 200: { description: 'Acknowledged', schema: WebhookAck } },
      handler: async ({ params, req }) => {
        let result;
        try {
          result = await useCases.receivePaymentWebhook.execute({ gatewayId: params.provider, request: webhookRequest(req) });
        } catch (error) {
          return webhookRefusal(error);
        }
        if (result.ok) return { status: 200, body: { received: true, outcome: result.value.kind } };
        if (result.error.code === GatewayErrorCode.UNKNOWN) return domainProblem(result.error);
        // The event was authentic but refused (amount or provider mismatch, recorded):
        // retrying cannot change that, so the provider is told to stop.
        return { status: 200, body: { received: true, outcome: 'refused', code: result.error.code } };
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/payments/simulated/confirm', operationId: 'confirmSimulatedPayment',
      summary: 'The simulated gateway’s confirm link', tags: ['webhooks'], access: 'public',
      request: { query: SimulatedConfirmQuery },
      responses: { 200: { description: 'Payment outcome', schema: WebhookAck } },
      handler: async ({ query }) => {
        const parameters = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
        const result = await useCases.returnFromCheckout.execute({ gatewayId: 'simulated', parameters });
        return result.ok ? { status: 200, body: { received: true, outcome: result.value.kind } } : domainProblem(result.error);
      },
    }),
  ];
}
