import { ConcurrencyConflict } from '../../errors/concurrency-conflict.js';

/**
 * Re-runs a unit of work that lost an optimistic-concurrency race (each try
 * reloads, so the domain decides again on fresh state). Other failures and
 * the last conflict propagate.
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
