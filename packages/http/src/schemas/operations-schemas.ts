import { z } from 'zod';
import '../openapi/zod-openapi.js';
import { CodeText, IdText, Instant, Int, List, Text } from './common.js';

export const ParkedDelivery = z
  .object({
    id: IdText,
    topic: CodeText,
    aggregateType: CodeText.nullable(),
    aggregateId: IdText.nullable(),
    attempts: Int(),
    lastError: Text().nullable(),
    occurredAt: Instant,
  })
  .openapi('ParkedDelivery');

export const ParkedDeliveryList = z.object({ items: List(ParkedDelivery, 200) }).openapi('ParkedDeliveryList');
export const ParkedQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ format: 'int32' }) });
export const OutboxMessageParams = z.object({ messageId: z.string().regex(/^\d{1,18}$/, 'an outbox message id').openapi({ maxLength: 18 }) });
export const Requeued = z.object({ messageId: IdText }).openapi('Requeued');
