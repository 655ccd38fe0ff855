import type { WorkerRecord, WorkerRegistry } from '@tradesense/application';
import type { Knex } from 'knex';

export class PostgresWorkerRegistry implements WorkerRegistry {
  constructor(private readonly knex: Knex) {}

  async register(id: string, at: Date): Promise<void> {
    await this.knex('workers')
      .insert({ id, started_at: at, last_seen_at: at })
      .onConflict('id')
      .merge({ started_at: at, last_seen_at: at });
  }

  async heartbeat(id: string, at: Date): Promise<void> {
    const updated = await this.knex('workers').where({ id }).update({ last_seen_at: at });
    // A worker pruned while paused (GC, suspended VM) comes back as new.
    if (updated === 0) await this.register(id, at);
  }

  async deregister(id: string): Promise<void> {
    await this.knex('workers').where({ id }).delete();
  }

  async live(aliveSince: Date): Promise<WorkerRecord[]> {
    const rows = (await this.knex('workers').where('last_seen_at', '>=', aliveSince).orderBy('id')) as Array<{
      id: string;
      started_at: Date;
      last_seen_at: Date;
    }>;
    return rows.map((row) => ({ id: row.id, startedAt: row.started_at, lastSeenAt: row.last_seen_at }));
  }

  async prune(seenBefore: Date): Promise<string[]> {
    const rows = (await this.knex('workers').where('last_seen_at', '<', seenBefore).delete().returning('id')) as Array<{ id: string }>;
    return rows.map((row) => row.id).sort();
  }
}
