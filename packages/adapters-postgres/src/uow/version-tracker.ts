import { ConcurrencyConflict } from '@tradesense/application';
import type { Queryable } from '../shared/queryable.js';

/**
 * Remembers the version each aggregate had when it was loaded in this unit of
 * work, so aggregates stay free of persistence fields. Saving an aggregate
 * that was loaded updates only if the row still has that version; saving a
 * new one inserts at version 1.
 */
export class VersionTracker {
  private readonly versions = new WeakMap<object, number>();

  loaded<T extends object>(aggregate: T, version: number): T {
    this.versions.set(aggregate, version);
    return aggregate;
  }

  async save(
    db: Queryable,
    table: string,
    aggregateType: string,
    aggregate: object,
    id: string,
    row: Record<string, unknown>,
    /** The key column, when a table is keyed by something else than `id` (a trading account by its login). */
    key = 'id',
  ): Promise<void> {
    const version = this.versions.get(aggregate);
    if (version === undefined) {
      await db(table).insert({ ...row, [key]: id, version: 1 });
      this.versions.set(aggregate, 1);
      return;
    }
    const updated = await db(table)
      .where({ [key]: id, version })
      .update({ ...row, version: version + 1 });
    if (updated === 0) throw new ConcurrencyConflict(aggregateType, id, version);
    this.versions.set(aggregate, version + 1);
  }
}
