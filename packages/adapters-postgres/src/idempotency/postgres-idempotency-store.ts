import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '@tradesense/application';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  lease_expires_at: Date | null;
  created_at: Date;
}

/**
 * Claims live in `idempotency_keys`. Every step is one statement, so two
 * processes racing for a key (or for a lapsed lease) are decided by the
 * database: the insert or the conditional update that changes a row wins.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(private readonly knex: Knex) {}

  async claim(scope: string, key: string, requestHash: string, at: Date, leaseMs: number): Promise<IdempotencyClaim> {
    const attempt = randomUUID();
    const leaseExpiresAt = new Date(at.getTime() + leaseMs);
    const inserted = await this.knex('idempotency_keys')
      .insert({ scope, key, request_hash: requestHash, created_at: at, attempt, lease_expires_at: leaseExpiresAt })
      .onConflict(['scope', 'key'])
      .ignore()
      .returning('key');
    if (inserted.length > 0) return { kind: 'new', attempt, takenOver: false };
    const row = (await this.knex('idempotency_keys').where({ scope, key }).first()) as KeyRow | undefined;
    if (!row) return this.claim(scope, key, requestHash, at, leaseMs); // released in between
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.response_status !== null) return { kind: 'replay', response: { status: row.response_status, body: row.response_body } };
    const expires = row.lease_expires_at ?? row.created_at;
    if (expires.getTime() > at.getTime()) return { kind: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil((expires.getTime() - at.getTime()) / 1000)) };
    // The holder did not finish in time: take the claim over, unless another retry just did.
    const taken = await this.knex('idempotency_keys')
      .where({ scope, key })
      .whereNull('response_status')
      .where((q) => q.where('lease_expires_at', '<=', at).orWhereNull('lease_expires_at'))
      .update({ attempt, lease_expires_at: leaseExpiresAt })
      .returning('key');
    if (taken.length > 0) return { kind: 'new', attempt, takenOver: true };
    return this.claim(scope, key, requestHash, at, leaseMs);
  }

  async complete(scope: string, key: string, attempt: string, response: StoredResponse): Promise<boolean> {
    const updated = await this.knex('idempotency_keys')
      .where({ scope, key, attempt })
      .whereNull('response_status')
      .update({ response_status: response.status, response_body: JSON.stringify(response.body ?? null) });
    return updated > 0;
  }

  async release(scope: string, key: string, attempt: string): Promise<void> {
    await this.knex('idempotency_keys').where({ scope, key, attempt }).whereNull('response_status').delete();
  }
}
