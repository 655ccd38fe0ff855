import { DrawdownRules } from '@tradesense/domain';
import { storedRuleSnapshot } from './bench-book.js';

/** Live heap after two full collections; null when node runs without --expose-gc. */
export function heapUsed(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Heap of one rule snapshot as the monitor loads it per challenge (its own
 * instance and calendar, the loss rules the engine derives from it, the
 * calendar's first day bounds), over `count` of them.
 */
export function ruleSnapshotBytes(count: number, at: Date): number | null {
  const before = heapUsed();
  if (before === null) return null;
  const kept = [];
  for (let i = 0; i < count; i += 1) {
    const snapshot = storedRuleSnapshot();
    DrawdownRules.of(snapshot);
    snapshot.calendar.endOf(snapshot.calendar.tradingDayOf(at));
    kept.push(snapshot);
  }
  const after = heapUsed()!;
  return kept.length > 0 ? (after - before) / kept.length : null;
}
