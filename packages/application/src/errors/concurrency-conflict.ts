/**
 * A write was based on a stale version of an aggregate: someone else changed
 * it first. The unit of work rolls back; callers may reload and retry, and the
 * HTTP layer answers 409.
 */
export class ConcurrencyConflict extends Error {
  override readonly name = 'ConcurrencyConflict';
  readonly code = 'CONCURRENCY.CONFLICT';

  constructor(
    readonly aggregateType: string,
    readonly aggregateId: string,
    readonly expectedVersion: number,
  ) {
    super(`${aggregateType} ${aggregateId} changed since version ${expectedVersion}`);
  }
}
