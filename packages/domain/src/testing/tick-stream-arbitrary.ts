import fc from 'fast-check';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { EquityObservation } from '../drawdown/equity-observation.js';
import { Decimal } from '../money/decimal.js';
import { QA_SYMBOLS } from './deal-stream-arbitrary.js';

export interface TickStreamOptions {
  readonly rules: RuleSnapshot;
  /** The first tick is at or after this instant. */
  readonly from: Date;
  /** The balance while the positions float (default: the initial balance). */
  readonly balance?: Decimal;
  readonly maxLength?: number;
  /** Longest gap between two ticks, in seconds (default six hours, so streams cross resets). */
  readonly maxGapSeconds?: number;
  /** Largest move of equity from one tick to the next, in basis points of the initial balance (default 40). */
  readonly maxStepBasisPoints?: number;
}

/**
 * The price ticks that move one account's held symbols, as equity
 * observations in time order (rule book §4): the balance stays, equity walks
 * from it in steps of basis points of the initial balance (to the cent), and
 * each observation carries its tick (symbol, bid below ask, time).
 */
export function tickStreamArbitrary(options: TickStreamOptions): fc.Arbitrary<EquityObservation[]> {
  const stepBp = options.maxStepBasisPoints ?? 40;
  const tick = fc.record({
    gapSeconds: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: options.maxGapSeconds ?? 6 * 3600 })),
    moveBp: fc.integer({ min: -stepBp, max: stepBp }),
    symbol: fc.constantFrom(...QA_SYMBOLS),
    priceCents: fc.integer({ min: 1, max: 5_000_000 }),
    spreadCents: fc.integer({ min: 1, max: 50 }),
  });
  return fc.array(tick, { minLength: 1, maxLength: options.maxLength ?? 30 }).map((ticks) => {
    const initial = options.rules.initialBalance.amount;
    const balance = options.balance ?? initial;
    let floatingBp = 0;
    let at = options.from.getTime();
    return ticks.map((step) => {
      at += step.gapSeconds * 1000;
      floatingBp += step.moveBp;
      const equity = balance.plus(initial.times(floatingBp).dividedBy(10_000)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const bid = new Decimal(step.priceCents).dividedBy(100);
      const time = new Date(at);
      return { balance, equity, at: time, tick: { symbol: step.symbol, bid, ask: bid.plus(new Decimal(step.spreadCents).dividedBy(100)), time } };
    });
  });
}
