import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '@tradesense/application';
import type { Knex } from 'knex';

interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly knex: Knex) {}

  async claim(scope: string, key: string, requestHash: string, at: Date): Promise<IdempotencyClaim> {
    const inserted = await this.knex('idempotency_keys')
      .insert({ scope, key, request_hash: requestHash, created_at: at })
      .onConflict(['scope', 'key'])
      .ignore()
      .returning('key');
    if (inserted.length > 0) return { kind: 'new' };
    const row = (await this.knex('idempotency_keys').where({ scope, key }).first()) as KeyRow | undefined;
    if (!row) return this.claim(scope, key, requestHash, at); // released in between
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.response_status === null) return { kind: 'in_progress' };
    return { kind: 'replay', response: { status: row.response_status, body: row.response_body } };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.knex('idempotency_keys')
      .where({ scope, key })
      .update({ response_status: response.status, response_body: JSON.stringify(response.body ?? null) });
  }

  async release(scope: string, key: string): Promise<void> {
    await this.knex('idempotency_keys').where({ scope, key }).whereNull('response_status').delete();
  }
}
