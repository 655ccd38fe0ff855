import type { UseCases } from '@tradesense/application';
import { defineRoute, type AnyRoute } from '../api/route.js';
import { OutboxMessageParams, ParkedDeliveryList, ParkedQuery, Requeued } from '../schemas/operations-schemas.js';
import { reply } from './route-helpers.js';

const tags = ['admin'];

/** Deliveries the worker gave up on, for an admin to inspect and requeue. */
export function operationsRoutes(useCases: UseCases): AnyRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/v1/admin/outbox/parked', operationId: 'adminListParkedDeliveries',
      summary: 'Deliveries (e-mails, platform commands, follow-ups) parked after repeated failures', tags, access: 'admin',
      request: { query: ParkedQuery },
      responses: { 200: { description: 'Parked deliveries, newest first', schema: ParkedDeliveryList } },
      handler: async ({ query }) => reply(await useCases.parkedDeliveries.list(query.limit)),
    }),
    defineRoute({
      method: 'post', path: '/v1/admin/outbox/:messageId/requeue', operationId: 'adminRequeueDelivery',
      summary: 'Put a parked delivery back in the queue', tags, access: 'admin',
      request: { params: OutboxMessageParams },
      responses: { 200: { description: 'Requeued', schema: Requeued } },
      handler: async ({ auth, params }) => reply(await useCases.parkedDeliveries.requeue({ actorId: auth!.userId, messageId: params.messageId })),
    }),
  ];
}
