import { RiskEngine, type Tick } from '@tradesense/application';
import { Decimal, DrawdownRules, type RuleSnapshot } from '@tradesense/domain';
import { BenchMarket, seeded } from './bench-market.js';
import { BENCH_RULES, benchAccount, loginOf, POSITIONS_PER_ACCOUNT, sideOf, storedRuleSnapshot, symbolOf } from './bench-book.js';
import { heapUsed } from './bench-heap.js';
import type { BenchSymbol } from './bench-symbols.js';
import { percentile } from './bench-report.js';

export interface EngineRunOptions {
  readonly accounts: number;
  /** Ticks before measuring (JIT warm-up; the book leaves its starting point). */
  readonly warmUpTicks: number;
  /** Ticks of the measured throughput stream. */
  readonly ticks: number;
  /** Accounts planted just above their floor, each breached by the next tick against it. */
  readonly breaches: number;
}

/** Percentiles of a latency, in µs of CPU time of this process and of wall-clock time. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly wallP50: number;
  readonly wallP99: number;
}

export interface EngineRunResult {
  readonly accounts: number;
  readonly symbols: number;
  readonly positions: number;
  readonly ticks: number;
  /** Per second of CPU time of this (single-threaded) process: what one core does. */
  readonly evaluationsPerSecond: number;
  /** Per second of wall-clock time (lower when other work shares the machine). */
  readonly evaluationsPerWallSecond: number;
  /** CPU time / wall-clock time while measuring (1: the process had a core to itself). */
  readonly coreShare: number;
  readonly evaluationsPerTick: number;
  /** CPU µs per tick. */
  readonly microsPerTick: number;
  readonly onTick: Latency;
  /** Share of valuations settled in floats (no exact arithmetic at all). */
  readonly screenedShare: number;
  /** Share settled in floats except for an exact equity to keep the equity high. */
  readonly highShare: number;
  readonly exactEvaluations: number;
  readonly breachesMeasured: number;
  readonly tickToBreach: Latency;
  readonly heapBytesPerAccount: number | null;
  readonly watchSeconds: number;
}

/** When the tick being timed entered `onTick`; breaches are timed only inside a planted round's tick. */
interface BreachTiming {
  tickStarted: bigint;
  cpuStarted: number;
  recording: boolean;
}

/** CPU time of this process so far, in µs. */
function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

const latency = (cpu: Float64Array, wall: Float64Array): Latency => ({
  p50: percentile(cpu, 0.5),
  p99: percentile(cpu, 0.99),
  wallP50: percentile(wall, 0.5),
  wallP99: percentile(wall, 0.99),
});

export const T0 = new Date('2024-06-11T09:00:00Z');
const TICK_SPACING_MS = 10;
/** How far the breaching tick moves its symbol against the planted position (its notional is at least 30k USD). */
const BREACH_MOVE = 0.001;
const WARM_UP_BREACHES = 50;
/** One account in this many (at most) has its own rule snapshot and may be planted for a breach. */
const OWN_RULES_AT_MOST_EVERY = 20;

/** Planted accounts are drawn from every `n`-th account, with at least twice as many candidates as rounds. */
const ownRulesEvery = (options: EngineRunOptions): number =>
  Math.max(1, Math.min(OWN_RULES_AT_MOST_EVERY, Math.floor(options.accounts / (2 * (options.breaches + WARM_UP_BREACHES)))));

/**
 * One book size: watches the accounts (heap measured around it), streams
 * random-walk ticks over every symbol (throughput and onTick latency), then
 * plants accounts near their floor one at a time and breaches each with the
 * next tick of one of its symbols (latency from `onTick` to the breach
 * listener; the planted account sits wherever it was in its symbol's list).
 */
export function runEngine(symbols: readonly BenchSymbol[], options: EngineRunOptions): EngineRunResult {
  const market = new BenchMarket(symbols, options.accounts);
  const next = seeded(options.accounts * 7 + 1);
  const breachWall: number[] = [];
  const breachCpu: number[] = [];
  const timing: BreachTiming = { tickStarted: 0n, cpuStarted: 0, recording: false };
  const engine = new RiskEngine(
    {
      breach: () => {
        if (!timing.recording) return;
        breachWall.push(Number(process.hrtime.bigint() - timing.tickStarted) / 1_000);
        breachCpu.push(cpuMicros() - timing.cpuStarted);
      },
      warning: () => undefined,
    },
    symbols.map((symbol) => symbol.spec),
  );
  let time = T0.getTime();
  const nextTime = (): Date => new Date((time += TICK_SPACING_MS));
  for (let s = 0; s < symbols.length; s += 1) engine.onTick(market.quote(s, nextTime()));

  // The accounts planted for breaches carry their own rule snapshot, as every monitored account does, so
  // a breach pays for hashing it; they are parsed before the heap is measured, which then counts the book alone.
  const ownRules = new Map<number, RuleSnapshot>();
  for (let a = 0; a < options.accounts; a += ownRulesEvery(options)) ownRules.set(a, storedRuleSnapshot());
  // Inputs are made one at a time and dropped, so the heap difference is what the engine keeps.
  const heapBefore = heapUsed();
  const watchStarted = process.hrtime.bigint();
  const at = new Date(time);
  for (let a = 0; a < options.accounts; a += 1) engine.watch(benchAccount(a, symbols, market.mids, next, at, ownRules.get(a)));
  const watchSeconds = Number(process.hrtime.bigint() - watchStarted) / 1e9;
  const heapAfter = heapUsed();
  ownRules.clear();

  const stream: Tick[] = [];
  for (let i = 0; i < options.warmUpTicks + options.ticks; i += 1) stream.push(market.randomTick(nextTime()));
  for (let i = 0; i < options.warmUpTicks; i += 1) engine.onTick(stream[i]!);

  const before = { ...engine.stats };
  const wall = new Float64Array(options.ticks);
  const cpu = new Float64Array(options.ticks);
  const started = process.hrtime.bigint();
  const cpuStarted = cpuMicros();
  for (let i = 0; i < options.ticks; i += 1) {
    const tickCpu = cpuMicros();
    const tickStart = process.hrtime.bigint();
    engine.onTick(stream[options.warmUpTicks + i]!);
    wall[i] = Number(process.hrtime.bigint() - tickStart) / 1_000;
    cpu[i] = cpuMicros() - tickCpu;
  }
  const cpuSeconds = (cpuMicros() - cpuStarted) / 1e6;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  stream.length = 0;
  const checks = engine.stats.accountChecks - before.accountChecks;
  const screened = engine.stats.screened - before.screened;
  const highs = engine.stats.highs - before.highs;
  const exact = engine.stats.exact - before.exact;

  const planted = plantAndBreach(engine, market, symbols, options, next, nextTime, timing);

  return {
    accounts: options.accounts,
    symbols: symbols.length,
    positions: options.accounts * POSITIONS_PER_ACCOUNT,
    ticks: options.ticks,
    evaluationsPerSecond: checks / cpuSeconds,
    evaluationsPerWallSecond: checks / seconds,
    coreShare: cpuSeconds / seconds,
    evaluationsPerTick: checks / options.ticks,
    microsPerTick: (cpuSeconds * 1e6) / options.ticks,
    onTick: latency(cpu, wall),
    screenedShare: screened / checks,
    highShare: highs / checks,
    exactEvaluations: exact,
    breachesMeasured: planted,
    tickToBreach: latency(Float64Array.from(breachCpu), Float64Array.from(breachWall)),
    heapBytesPerAccount: heapBefore === null || heapAfter === null ? null : (heapAfter - heapBefore) / options.accounts,
    watchSeconds,
  };
}

/**
 * Plants accounts one at a time: a balance change puts the account's exact
 * equity one dollar above its binding floor (less the tolerance), then a
 * tick moves one of its symbols 0.1 % against its position. Returns how many
 * planted accounts the tick breached (every one, unless the book changed).
 */
function plantAndBreach(
  engine: RiskEngine,
  market: BenchMarket,
  symbols: readonly BenchSymbol[],
  options: EngineRunOptions,
  next: () => number,
  nextTime: () => Date,
  timing: BreachTiming,
): number {
  const rules = DrawdownRules.of(BENCH_RULES);
  const tolerance = BENCH_RULES.rules.tolerance;
  const every = ownRulesEvery(options);
  const candidates = Math.ceil(options.accounts / every);
  let breached = 0;
  // The first rounds warm the breach path up (verdict inputs, detaching) and are not timed.
  for (let round = -WARM_UP_BREACHES; round < options.breaches; round += 1) {
    let account = Math.floor(next() * candidates) * every;
    for (let tried = 1; !engine.isWatching(loginOf(account)); tried += 1) {
      if (tried > candidates) throw new Error('no account left to plant');
      account = (account + every) % (candidates * every);
    }
    const login = loginOf(account);
    const state = engine.stateOf(login)!;
    const equity = engine.equityOf(login)!;
    const floors = rules.floors(state);
    const binding = Decimal.max(floors.dailyLoss.floor, floors.maxLoss.floor).minus(tolerance);
    const balance = state.lastBalance.plus(binding.plus(1).minus(equity));
    engine.onBalanceChange(login, balance, nextTime());
    const p = Math.floor(next() * POSITIONS_PER_ACCOUNT);
    const index = symbolOf(account, p, symbols.length);
    const against = sideOf(account, p) === 'buy' ? -BREACH_MOVE : BREACH_MOVE;
    const tick = market.move(index, against, nextTime());
    const before = engine.size;
    timing.recording = round >= 0;
    timing.cpuStarted = cpuMicros();
    timing.tickStarted = process.hrtime.bigint();
    engine.onTick(tick);
    timing.recording = false;
    if (!engine.isWatching(login) && round >= 0) breached += 1;
    if (engine.size === before) throw new Error(`planted account ${login} was not breached`);
    // The price goes back, so the rounds do not walk the whole book towards its floors.
    engine.onTick(market.move(index, 1 / (1 + against) - 1, nextTime()));
  }
  return breached;
}
