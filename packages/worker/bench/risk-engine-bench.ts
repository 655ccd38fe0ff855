/**
 * The risk engine's figures on this machine, against the worker's targets:
 * for 10k and 100k watched accounts, three open positions each over 50
 * symbols (every cross-rate route exercised), account-tick evaluations per
 * second on one core, onTick and tick→breach latency, heap per watched
 * account; then the day-rollover snapshot for 100k accounts on PostgreSQL.
 *
 * Run: npm run bench -w @tradesense/worker (node --expose-gc, for the heap figure).
 * Environment: BENCH_ACCOUNTS (comma-separated book sizes), BENCH_TICKS_10K,
 * BENCH_TICKS_100K (measured ticks per size; BENCH_TICKS for any other
 * size), BENCH_WARM_UP_TICKS, BENCH_BREACHES (planted breaches per size),
 * BENCH_ROLLOVER_ACCOUNTS, BENCH_DATABASE_URL (a PostgreSQL server whose
 * user may create databases; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SKIP_ROLLOVER=1.
 */
import { cpus, loadavg } from 'node:os';
import { bytes, number, percent, table, TARGETS, verdict } from './bench-report.js';
import { BENCH_SYMBOLS } from './bench-symbols.js';
import { ruleSnapshotBytes } from './bench-heap.js';
import { runEngine, T0, type EngineRunResult } from './engine-run.js';
import { runRollover } from './rollover-run.js';

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, got ${raw}`);
  return value;
};

const sizes = (process.env['BENCH_ACCOUNTS'] ?? '10000,100000').split(',').map((size) => Number(size.trim()));
// Measured ticks per size: enough for stable figures, about 10 to 20 s of ticking each on this machine.
const ticksFor = (accounts: number): number =>
  accounts === 10_000 ? env('BENCH_TICKS_10K', 20_000) : accounts === 100_000 ? env('BENCH_TICKS_100K', 4_000) : env('BENCH_TICKS', 10_000);

const [load1] = loadavg();
console.log(
  `Risk engine: ${BENCH_SYMBOLS.length} symbols, 3 positions per account, Node ${process.version}, ${cpus().length} cores, ` +
    `load average ${number(load1 ?? 0, 1)} at start` +
    ((globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: heap not measured)'),
);
const results: EngineRunResult[] = [];
for (const accounts of sizes) {
  const result = runEngine(BENCH_SYMBOLS, {
    accounts,
    warmUpTicks: env('BENCH_WARM_UP_TICKS', 2_000),
    ticks: ticksFor(accounts),
    breaches: env('BENCH_BREACHES', 1_000),
  });
  results.push(result);
  console.log(`  ${number(accounts)} accounts watched in ${number(result.watchSeconds, 1)} s, measured.`);
}

const pair = (cpu: number, wall: number): string => `${number(cpu)} / ${number(wall)}`;
console.log(
  '\nCPU time of this single-threaded process (what one core does); wall-clock figures below the table.\n' +
    table(
      ['accounts', 'symbols', 'positions', 'ticks', 'evaluations/s', 'evals/tick', 'µs/tick', 'onTick p50/p99 µs', 'tick→breach p50/p99 µs (n)', 'heap/account', 'float-only', 'float + exact high'],
      results.map((r) => [
        number(r.accounts),
        number(r.symbols),
        number(r.positions),
        number(r.ticks),
        number(r.evaluationsPerSecond),
        number(r.evaluationsPerTick),
        number(r.microsPerTick, 1),
        pair(r.onTick.p50, r.onTick.p99),
        `${pair(r.tickToBreach.p50, r.tickToBreach.p99)} (${number(r.breachesMeasured)})`,
        bytes(r.heapBytesPerAccount),
        percent(r.screenedShare),
        percent(r.highShare),
      ]),
    ),
);
for (const r of results) {
  console.log(
    `wall clock, ${number(r.accounts)} accounts: ${number(r.evaluationsPerWallSecond)} evaluations/s, onTick p50/p99 ${pair(r.onTick.wallP50, r.onTick.wallP99)} µs, ` +
      `tick→breach p50/p99 ${pair(r.tickToBreach.wallP50, r.tickToBreach.wallP99)} µs; the process had ${percent(Math.min(1, r.coreShare), 0)} of a core`,
  );
}
const snapshotBytes = ruleSnapshotBytes(2_000, T0);
console.log(
  `heap/account is the engine's book with one shared rule snapshot; a snapshot per account, as the monitor loads them from the challenge rows, adds ${bytes(snapshotBytes)} each.`,
);

console.log('\nTargets (CPU time):');
for (const r of results) {
  console.log(
    `  ${number(r.accounts)} accounts: ${number(r.evaluationsPerSecond)} evaluations/s (target ≥ ${number(TARGETS.evaluationsPerSecond)}): ${verdict(r.evaluationsPerSecond >= TARGETS.evaluationsPerSecond)}`,
  );
  console.log(
    `  ${number(r.accounts)} accounts: tick→breach p99 ${number(r.tickToBreach.p99)} µs (target ≤ ${number(TARGETS.breachP99Micros)} µs): ${verdict(r.tickToBreach.p99 <= TARGETS.breachP99Micros)}`,
  );
}

if (process.env['BENCH_SKIP_ROLLOVER'] === '1') {
  console.log('  day rollover: skipped (BENCH_SKIP_ROLLOVER=1)');
} else {
  const accounts = env('BENCH_ROLLOVER_ACCOUNTS', 100_000);
  const rollover = await runRollover(accounts);
  if (!rollover.ok) {
    console.log(`  day rollover: not measured: ${rollover.reason}`);
  } else {
    const { seconds, loadSeconds } = rollover.result;
    const slowest = Math.max(...seconds);
    console.log(
      `  day rollover snapshot, ${number(accounts)} accounts on PostgreSQL: ${seconds.map((s) => `${number(s, 3)} s`).join(', ')} ` +
        `(slowest of ${seconds.length} days; data loaded in ${number(loadSeconds, 1)} s) (target ≤ ${TARGETS.rolloverSeconds} s): ${verdict(slowest <= TARGETS.rolloverSeconds)}`,
    );
  }
}
