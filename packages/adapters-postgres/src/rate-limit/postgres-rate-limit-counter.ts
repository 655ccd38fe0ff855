import type { RateLimitCounter, RateLimitWindow } from '@tradesense/application';
import type { Knex } from 'knex';

/**
 * Fixed windows in `rate_limit_windows`: one upsert per hit, so concurrent
 * hits from any number of processes are counted by the database. A window
 * that starts sweeps away the windows that have ended.
 */
export class PostgresRateLimitCounter implements RateLimitCounter {
  constructor(private readonly knex: Knex) {}

  async hit(key: string, windowMs: number, at: Date): Promise<RateLimitWindow> {
    const windowStart = windowStartOf(at, windowMs);
    const resetAt = new Date(windowStart.getTime() + windowMs);
    const [row] = (await this.knex('rate_limit_windows')
      .insert({ key, window_start: windowStart, hits: 1, expires_at: resetAt })
      .onConflict(['key', 'window_start'])
      .merge({ hits: this.knex.raw('rate_limit_windows.hits + 1') })
      .returning('hits')) as { hits: number }[];
    const hits = Number(row!.hits);
    if (hits === 1) await this.knex('rate_limit_windows').where('expires_at', '<=', at).delete();
    return { hits, resetAt };
  }

  async undo(key: string, windowMs: number, at: Date): Promise<void> {
    await this.knex('rate_limit_windows')
      .where({ key, window_start: windowStartOf(at, windowMs) })
      .where('hits', '>', 0)
      .decrement('hits', 1);
  }

  async reset(key: string): Promise<void> {
    await this.knex('rate_limit_windows').where({ key }).delete();
  }
}

function windowStartOf(at: Date, windowMs: number): Date {
  return new Date(Math.floor(at.getTime() / windowMs) * windowMs);
}
