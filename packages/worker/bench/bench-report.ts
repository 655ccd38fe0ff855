/** Formatting of the benchmark's figures and its targets (worker issue: evaluations/s, tick→breach p99, rollover). */

export const TARGETS = {
  evaluationsPerSecond: 2_000_000,
  breachP99Micros: 1_000,
  rolloverSeconds: 2,
} as const;

/** The q-quantile (nearest rank) of a sample; NaN for an empty one. */
export function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const number = (value: number, places = 0): string =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: places, minimumFractionDigits: places }) : 'n/a';

export const percent = (share: number, places = 2): string => `${number(share * 100, places)} %`;

export const bytes = (value: number | null): string => (value === null ? 'n/a (run node with --expose-gc)' : `${number(value / 1024, 2)} KiB`);

export const verdict = (met: boolean): string => (met ? 'target met' : 'target missed');

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
