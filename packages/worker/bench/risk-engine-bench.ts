/**
 * Throughput of the risk engine on this machine: accounts with open
 * positions spread over 8 symbols (USD-, JPY-, CHF- and EUR-quoted, so cross
 * rates are exercised), a random-walk tick stream, every tick valuing the
 * accounts that hold (or convert through) the symbol. Prints ticks per
 * second, microseconds per tick and per account valuation, and the share of
 * valuations the float pre-check settled without the exact path.
 * Run: npm run bench -w @tradesense/worker   (BENCH_TICKS to change the stream length)
 */
import { RiskEngine, type Tick } from '@tradesense/application';
import { RISK_TEST_PRICES, RISK_TEST_SYMBOLS, riskTestSnapshot } from '@tradesense/application/testing';
import { Decimal, openDrawdownState } from '@tradesense/domain';

const T0 = new Date('2024-06-11T12:00:00Z');
/** Measured ticks per book size (BENCH_TICKS overrides), after a warm-up that is not timed. */
const RUNS: readonly { accounts: number; ticks: number }[] = [
  { accounts: 1_000, ticks: Number(process.env['BENCH_TICKS'] ?? 50_000) },
  { accounts: 10_000, ticks: Number(process.env['BENCH_TICKS'] ?? 5_000) },
];
const WARM_UP_TICKS = 5_000;
const symbols = RISK_TEST_SYMBOLS.map((spec) => spec.symbol);
const digits = new Map(RISK_TEST_SYMBOLS.map((spec) => [spec.symbol, spec.digits]));

/** mulberry32: a seeded generator, so every run values the same book on the same path. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quote(symbol: string, mid: number, time: Date): Tick {
  const half = RISK_TEST_PRICES[symbol]!.spread / 2;
  const places = digits.get(symbol)!;
  return { symbol, bid: new Decimal((mid - half).toFixed(places)), ask: new Decimal((mid + half).toFixed(places)), time };
}

function run(accounts: number, ticks: number): void {
  const next = random(accounts);
  let breaches = 0;
  let warnings = 0;
  const engine = new RiskEngine({ breach: () => (breaches += 1), warning: () => (warnings += 1) }, RISK_TEST_SYMBOLS);
  const mids = new Map(symbols.map((symbol) => [symbol, RISK_TEST_PRICES[symbol]!.mid]));
  for (const symbol of symbols) engine.onTick(quote(symbol, mids.get(symbol)!, T0));

  const snapshot = riskTestSnapshot();
  const state = openDrawdownState(snapshot, T0);
  for (let a = 0; a < accounts; a += 1) {
    const positions = 1 + Math.floor(next() * 3);
    engine.watch({
      challengeId: `c${a}`,
      login: String(5_000_000 + a),
      rules: snapshot,
      state,
      // One account in fifty starts a few hundred dollars above its warning level, so the exact path is exercised.
      balance: new Decimal(a % 50 === 0 ? 96_000 + Math.round(next() * 500) : 100_000),
      positions: Array.from({ length: positions }, (_, p) => {
        const symbol = symbols[Math.floor(next() * symbols.length)]!;
        const mid = mids.get(symbol)!;
        return {
          positionId: `${a}-${p}`,
          symbol,
          side: next() < 0.5 ? ('buy' as const) : ('sell' as const),
          volume: new Decimal((0.1 + Math.floor(next() * 10) / 10).toFixed(2)),
          openPrice: new Decimal(mid.toFixed(digits.get(symbol)!)),
          swap: new Decimal(0),
        };
      }),
      bookTicket: null,
      at: T0,
    });
  }

  // The stream is made before timing, as a feed would deliver it.
  const stream: Tick[] = [];
  for (let i = 0; i < WARM_UP_TICKS + ticks; i += 1) {
    const symbol = symbols[Math.floor(next() * symbols.length)]!;
    const mid = mids.get(symbol)! * (1 + (next() - 0.5) * 0.0004);
    mids.set(symbol, mid);
    stream.push(quote(symbol, mid, new Date(T0.getTime() + 1_000 + i * 50)));
  }

  // Warm-up: the JIT settles and the book leaves its starting point (every account at its equity high).
  for (const tick of stream.slice(0, WARM_UP_TICKS)) engine.onTick(tick);
  const measured = stream.slice(WARM_UP_TICKS);
  const before = { ...engine.stats };
  const started = process.hrtime.bigint();
  for (const tick of measured) engine.onTick(tick);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const checks = engine.stats.accountChecks - before.accountChecks;
  const screened = engine.stats.screened - before.screened;
  const exact = engine.stats.exact - before.exact;
  const highs = engine.stats.highs - before.highs;
  const format = (value: number, places = 0) => value.toLocaleString('en-US', { maximumFractionDigits: places, minimumFractionDigits: places });
  console.log(
    [
      `${format(accounts)} accounts, ${format(ticks)} ticks over ${symbols.length} symbols:`,
      `  ${format((ticks / ms) * 1_000)} ticks/s, ${format((ms * 1_000) / ticks, 2)} µs per tick`,
      `  ${format(checks / ticks, 1)} account valuations per tick, ${format((ms * 1_000_000) / checks, 0)} ns each`,
      `  pre-check settled ${format((screened / checks) * 100, 3)} % of valuations in floats;`,
      `  ${format(highs)} needed an exact equity for a new high, ${format(exact)} an exact evaluation`,
      `  ${format(breaches)} breaches, ${format(warnings)} early warnings; ${format(engine.size)} accounts still watched`,
    ].join('\n'),
  );
}

for (const { accounts, ticks } of RUNS) run(accounts, ticks);
