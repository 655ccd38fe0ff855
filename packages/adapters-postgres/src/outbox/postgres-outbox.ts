import type { OutboxMessage, OutboxStore, OutboxWriter, StoredOutboxMessage } from '@tradesense/application';
import type { Knex } from 'knex';
import type { Queryable } from '../shared/queryable.js';
import { currentOutboxTraceParent } from './outbox-trace-context.js';

interface OutboxRow {
  id: string;
  topic: string;
  aggregate_type: string | null;
  aggregate_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  status: 'pending' | 'delivered' | 'parked';
  attempts: number;
  last_error: string | null;
  trace_parent: string | null;
}

const toMessage = (row: OutboxRow): StoredOutboxMessage => ({
  id: String(row.id),
  topic: row.topic,
  ...(row.aggregate_type ? { aggregateType: row.aggregate_type } : {}),
  ...(row.aggregate_id ? { aggregateId: row.aggregate_id } : {}),
  payload: row.payload,
  occurredAt: row.occurred_at,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error ?? undefined,
  ...(row.trace_parent ? { traceParent: row.trace_parent } : {}),
});

/** Writes outbox rows inside the caller's transaction. */
export class PostgresOutboxWriter implements OutboxWriter {
  constructor(private readonly db: Queryable) {}

  async add(messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    // The delivery continues the trace of the work that committed the message.
    const traceParent = currentOutboxTraceParent() ?? null;
    await this.db('outbox').insert(
      messages.map((m) => ({
        topic: m.topic,
        aggregate_type: m.aggregateType ?? null,
        aggregate_id: m.aggregateId ?? null,
        payload: JSON.stringify(m.payload),
        occurred_at: m.occurredAt,
        available_at: m.occurredAt,
        trace_parent: traceParent,
      })),
    );
  }
}

/**
 * The dispatcher's view. A claim is a lease: a worker that dies mid-delivery
 * leaves `claimed_until` in the past and another worker picks the message up,
 * so nothing is lost; `FOR UPDATE SKIP LOCKED` keeps two workers off one row.
 */
export class PostgresOutboxStore implements OutboxStore {
  constructor(private readonly knex: Knex) {}

  async claimDue(claimant: string, now: Date, claimUntil: Date, limit: number, topics?: readonly string[]): Promise<StoredOutboxMessage[]> {
    return this.knex.transaction(async (trx) => {
      const due = trx('outbox')
        .select('id')
        .where('status', 'pending')
        .andWhere('available_at', '<=', now)
        .andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      if (topics && topics.length > 0) due.whereIn('topic', topics);
      const rows = (await trx('outbox')
        .whereIn('id', due)
        .update({ claimed_by: claimant, claimed_until: claimUntil, attempts: trx.raw('attempts + 1') })
        .returning('*')) as OutboxRow[];
      return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))).map(toMessage);
    });
  }

  async markDelivered(id: string, claimant: string, at: Date, scrub = false): Promise<void> {
    await this.knex('outbox')
      .where({ id, claimed_by: claimant, status: 'pending' })
      .update({
        status: 'delivered',
        delivered_at: at,
        claimed_until: null,
        last_error: null,
        ...(scrub ? { payload: JSON.stringify({ scrubbed: true }) } : {}),
      });
  }

  async markFailed(id: string, claimant: string, error: string, retryAt: Date, park: boolean): Promise<void> {
    await this.knex('outbox')
      .where({ id, claimed_by: claimant, status: 'pending' })
      .update({
        status: park ? 'parked' : 'pending',
        available_at: retryAt,
        claimed_until: null,
        last_error: error.slice(0, 2000),
      });
  }

  async listParked(limit: number): Promise<StoredOutboxMessage[]> {
    const rows = (await this.knex('outbox').where('status', 'parked').orderBy('id', 'desc').limit(limit)) as OutboxRow[];
    return rows.map(toMessage);
  }

  async requeue(id: string, at: Date): Promise<boolean> {
    const updated = await this.knex('outbox')
      .where({ id, status: 'parked' })
      .update({ status: 'pending', available_at: at, attempts: 0, claimed_by: null, claimed_until: null });
    return updated > 0;
  }
}
