import type { WebhookInbox } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

export class PostgresWebhookInbox implements WebhookInbox {
  constructor(private readonly db: Queryable) {}

  async record(provider: string, eventId: string, eventType: string, at: Date): Promise<boolean> {
    const inserted = await this.db('processed_webhook_events')
      .insert({ provider, event_id: eventId, event_type: eventType, received_at: at })
      .onConflict(['provider', 'event_id'])
      .ignore()
      .returning('event_id');
    return inserted.length > 0;
  }
}
