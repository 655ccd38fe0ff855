import type { OutboxBacklog, OutboxBacklogReader } from '@tradesense/application';
import type { Knex } from 'knex';

interface BacklogRow {
  undelivered: string | number;
  oldest: Date | null;
  parked: string | number;
}

/**
 * One aggregate over the pending and parked rows only: the (status,
 * available_at) index finds them, and delivered messages, the bulk of the
 * table, are never read.
 */
export class PostgresOutboxBacklog implements OutboxBacklogReader {
  constructor(private readonly knex: Knex) {}

  async backlog(): Promise<OutboxBacklog> {
    const row = (await this.knex('outbox')
      .whereIn('status', ['pending', 'parked'])
      .first(
        this.knex.raw(`count(*) filter (where status = 'pending') as undelivered`),
        this.knex.raw(`min(occurred_at) filter (where status = 'pending') as oldest`),
        this.knex.raw(`count(*) filter (where status = 'parked') as parked`),
      )) as BacklogRow | undefined;
    return {
      undelivered: Number(row?.undelivered ?? 0),
      oldestUndeliveredAt: row?.oldest ? new Date(row.oldest) : null,
      parked: Number(row?.parked ?? 0),
    };
  }
}
