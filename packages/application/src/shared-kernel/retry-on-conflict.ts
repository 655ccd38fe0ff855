import { ConcurrencyConflict } from '../errors/concurrency-conflict.js';

/**
 * Re-runs a unit of work that lost an optimistic-concurrency race: the next
 * attempt reloads the aggregate and decides again, so the loser of two
 * concurrent decisions gets the domain's typed refusal instead of a conflict.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || attempt >= attempts) throw error;
    }
  }
}
