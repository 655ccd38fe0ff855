import type { BookPositionInput, WatchAccountInput } from '@tradesense/application';
import { riskTestSnapshot } from '@tradesense/application/testing';
import { Decimal, openDrawdownState, RuleSnapshot, type RuleSnapshotData } from '@tradesense/domain';
import { gaussian } from './bench-market.js';
import type { BenchSymbol } from './bench-symbols.js';

export const POSITIONS_PER_ACCOUNT = 3;

/** The rules every benchmark account trades under (2-Step, 100k: 5 % daily loss, 10 % static max loss). */
export const BENCH_RULES: RuleSnapshot = riskTestSnapshot();
const RULES_DATA = JSON.stringify(BENCH_RULES);
const INITIAL = 100_000;

export const loginOf = (account: number): string => String(7_000_000 + account);

/**
 * Which symbol position `p` of account `a` holds: consecutive accounts walk
 * the symbol list, so every symbol carries the same number of positions.
 */
export const symbolOf = (account: number, p: number, symbols: number): number => (account * POSITIONS_PER_ACCOUNT + p) % symbols;

/** Buy or sell, from a hash of the position, so the book is half long and half short on every symbol. */
export function sideOf(account: number, p: number): 'buy' | 'sell' {
  let h = Math.imul(account * POSITIONS_PER_ACCOUNT + p + 1, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h & 1) === 0 ? 'buy' : 'sell';
}

const cents = (value: number): Decimal => new Decimal(Math.round(value * 100)).dividedBy(100);

/**
 * One account as the monitor would load it: a balance some way from the
 * initial one, three positions opened earlier in the day at prices around
 * the current mid (notional 30k–300k USD each, so equity moves by tens of
 * dollars per pip), small swaps, a day start at the current figures and an
 * equity high at or above the current equity (one account in ten sits at
 * its high).
 */
export function benchAccount(
  account: number,
  symbols: readonly BenchSymbol[],
  mids: Float64Array,
  next: () => number,
  at: Date,
  rules: RuleSnapshot = BENCH_RULES,
): WatchAccountInput {
  const balance = Math.min(110_000, Math.max(94_000, INITIAL + gaussian(next) * 2_500));
  let profit = 0;
  const positions: BookPositionInput[] = [];
  for (let p = 0; p < POSITIONS_PER_ACCOUNT; p += 1) {
    const index = symbolOf(account, p, symbols.length);
    const symbol = symbols[index]!;
    const contract = symbol.spec.contractSize.toNumber();
    const mid = mids[index]!;
    const notional = 30_000 + next() * 270_000;
    const lots = Math.max(1, Math.round((notional / (mid * contract * symbol.profitInUsd)) * 100)) / 100;
    const point = 10 ** -symbol.spec.digits;
    const openPoints = Math.round((mid * (1 + gaussian(next) * symbol.dailyVolatility * 0.5)) / point);
    const side = sideOf(account, p);
    const open = openPoints * point;
    profit += (side === 'buy' ? mid - open : open - mid) * lots * contract * symbol.profitInUsd;
    positions.push({
      positionId: `${account}-${p}`,
      symbol: symbol.spec.symbol,
      side,
      volume: new Decimal(lots.toFixed(2)),
      openPrice: new Decimal(openPoints).times(new Decimal(10).pow(-symbol.spec.digits)),
      swap: cents(-next() * 20),
    });
  }
  const equity = balance + profit;
  const atHigh = next() < 0.1;
  const high = Math.max(INITIAL, atHigh ? equity : Math.max(balance, equity) + Math.abs(gaussian(next)) * 1_500);
  const state = {
    ...openDrawdownState(rules, at),
    dayStartBalance: cents(balance),
    dayStartEquity: cents(equity),
    lastBalance: cents(balance),
    lastEquity: cents(equity),
    highestEquity: cents(high),
    highestEodBalance: cents(Math.max(INITIAL, balance)),
  };
  return {
    login: loginOf(account),
    owner: { kind: 'challenge_phase', id: `bench-${account}`, phase: 1, attempt: 1 },
    rules,
    state,
    balance: state.lastBalance,
    positions,
    bookTicket: null,
    at,
    firmBalanceOperations: false,
  };
}

/**
 * A rule snapshot as the monitor gets it from a challenge row: its own
 * instance parsed from the stored JSON, with its own calendar. The engine
 * derives its loss rules per instance, so this is measured apart from the
 * book (`ruleSnapshotBytes`) rather than paid 100,000 times in every run.
 */
export function storedRuleSnapshot(): RuleSnapshot {
  return RuleSnapshot.restore(JSON.parse(RULES_DATA) as RuleSnapshotData);
}
