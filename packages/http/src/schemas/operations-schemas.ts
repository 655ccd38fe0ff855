import { z } from 'zod';
import '../openapi/zod-openapi.js';

export const ParkedDelivery = z
  .object({
    id: z.string(),
    topic: z.string(),
    aggregateType: z.string().nullable(),
    aggregateId: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    occurredAt: z.string(),
  })
  .openapi('ParkedDelivery');

export const ParkedDeliveryList = z.object({ items: z.array(ParkedDelivery) }).openapi('ParkedDeliveryList');
export const ParkedQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const OutboxMessageParams = z.object({ messageId: z.string().regex(/^\d{1,18}$/, 'an outbox message id') });
export const Requeued = z.object({ messageId: z.string() }).openapi('Requeued');
