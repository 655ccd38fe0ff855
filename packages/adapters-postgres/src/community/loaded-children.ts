/**
 * Remembers the child rows (entries, referrals, commissions) an aggregate had
 * when it was loaded or last saved in this unit of work, so a save writes
 * only the rows that are new or changed instead of rewriting them all.
 */
export class LoadedChildren {
  private readonly seen = new WeakMap<object, Map<string, string>>();

  remember<R extends object>(aggregate: object, rows: ReadonlyArray<readonly [string, R]>): void {
    this.seen.set(aggregate, new Map(rows.map(([key, row]) => [key, JSON.stringify(row)])));
  }

  changes<R extends object>(aggregate: object, rows: ReadonlyArray<readonly [string, R]>): { added: R[]; changed: R[] } {
    const before = this.seen.get(aggregate) ?? new Map<string, string>();
    const added: R[] = [];
    const changed: R[] = [];
    for (const [key, row] of rows) {
      const previous = before.get(key);
      if (previous === undefined) added.push(row);
      else if (previous !== JSON.stringify(row)) changed.push(row);
    }
    return { added, changed };
  }
}

/** Splits rows so one statement stays far below PostgreSQL's bind-parameter limit. */
export function chunks<T>(rows: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
