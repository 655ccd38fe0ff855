/**
 * Throughput of the simulated trading server on this machine:
 *   1. bare feed: ticks generated and applied per second, no accounts;
 *   2. loaded feed: ticks per second with many open positions, each tick
 *      re-valuing the accounts that hold (or convert through) the symbol;
 *   3. account valuation: positions re-valued per second by `account()`.
 * Run: npm run bench -w @tradesense/adapters-mt-bridge
 */
import { Decimal } from 'decimal.js';
import { DEFAULT_SYMBOLS, SimulatedTradingServer } from '../src/index.js';

const START = new Date('2024-06-11T12:00:00Z');
const ACCOUNTS = Number(process.env['BENCH_ACCOUNTS'] ?? 500);
const POSITIONS_PER_ACCOUNT = 4;

const rate = (count: number, ms: number): string => Math.round((count / ms) * 1_000).toLocaleString('en-US');

async function timed(work: () => Promise<number>): Promise<{ count: number; ms: number }> {
  const started = process.hrtime.bigint();
  const count = await work();
  return { count, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function bareFeed(): Promise<void> {
  const server = new SimulatedTradingServer({ seed: 'bench', startAt: START });
  let ticks = 0;
  server.onTicks(DEFAULT_SYMBOLS.map((s) => s.spec.symbol), () => (ticks += 1));
  const { count, ms } = await timed(async () => {
    await server.advanceTo(new Date(START.getTime() + 3_600_000));
    return ticks;
  });
  console.log(`bare feed:          ${rate(count, ms)} ticks/s (${count.toLocaleString('en-US')} ticks in ${ms.toFixed(0)} ms)`);
}

async function loadedServer(): Promise<{ server: SimulatedTradingServer; logins: string[] }> {
  const server = new SimulatedTradingServer({ seed: 'bench', startAt: START });
  await server.advanceTo(START);
  const symbols = ['EURUSD', 'USDJPY', 'XAUUSD', 'GER40', 'GBPUSD', 'US30'];
  const logins: string[] = [];
  for (let a = 0; a < ACCOUNTS; a += 1) {
    const { login } = await server.createAccount({ group: 'bench', leverage: 100, initialBalance: new Decimal(1_000_000), swapFree: a % 2 === 0, name: `B${a}` });
    logins.push(login);
    for (let p = 0; p < POSITIONS_PER_ACCOUNT; p += 1) {
      await server.placeMarketOrder({ login, symbol: symbols[(a + p) % symbols.length]!, side: p % 2 === 0 ? 'buy' : 'sell', volume: new Decimal('0.1') });
    }
  }
  return { server, logins };
}

async function loadedFeed(): Promise<void> {
  const { server } = await loadedServer();
  let ticks = 0;
  server.onTicks(DEFAULT_SYMBOLS.map((s) => s.spec.symbol), () => (ticks += 1));
  const { count, ms } = await timed(async () => {
    await server.advanceTo(new Date(START.getTime() + 60_000));
    return ticks;
  });
  console.log(
    `loaded feed:        ${rate(count, ms)} ticks/s with ${(ACCOUNTS * POSITIONS_PER_ACCOUNT).toLocaleString('en-US')} open positions in ${ACCOUNTS} accounts`,
  );
}

async function valuation(): Promise<void> {
  const { server, logins } = await loadedServer();
  const rounds = 5;
  const { count, ms } = await timed(async () => {
    let valued = 0;
    for (let r = 0; r < rounds; r += 1) {
      for (const login of logins) {
        await server.account(login);
        valued += POSITIONS_PER_ACCOUNT;
      }
    }
    return valued;
  });
  console.log(`account valuation:  ${rate(count, ms)} positions re-valued/s (${rate(rounds * logins.length, ms)} accounts/s)`);
}

console.log(`simulated trading server benchmark (node ${process.version})`);
await bareFeed();
await loadedFeed();
await valuation();
