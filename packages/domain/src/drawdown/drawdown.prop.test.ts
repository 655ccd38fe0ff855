import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, maxDecimal, minDecimal, roundToCents } from '../money/decimal.js';
import { compareLocal } from '../calendar/local-date.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import type { DailyLossBasis, DailyLossReference, MaxLossMode } from '../catalog/rule-options.js';
import { STELLAR_1STEP, STELLAR_2STEP, STELLAR_LITE } from '../catalog/stellar-models.js';
import { snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import { openDrawdownState, type DrawdownState } from './drawdown-state.js';
import { evaluate, type DrawdownVerdict } from './evaluate.js';
import { rollDrawdownDay } from './roll-drawdown-day.js';
import { replayVerdict, verdictInputs, verdictToData } from './verdict-replay.js';

/** Random rule snapshots over every drawdown option of sections 2 and 4. */
const snapshots = new Map<string, RuleSnapshot>();
const models = { stellar_1step: STELLAR_1STEP, stellar_2step: STELLAR_2STEP, stellar_lite: STELLAR_LITE };
const snapshotArb = fc
  .record({
    model: fc.constantFrom(...(Object.keys(models) as (keyof typeof models)[])),
    balance: fc.constantFrom('5000', '25000', '100000', '200000'),
    basis: fc.constantFrom<DailyLossBasis>('balance', 'max_balance_equity'),
    reference: fc.constantFrom<DailyLossReference>('initial', 'day_start'),
    mode: fc.constantFrom<MaxLossMode>('static', 'trailing_equity', 'trailing_eod_balance'),
    tolerance: fc.constantFrom('0.00', '0.50', '5.00'),
    calendar: fc.constantFrom('America/New_York 17:00', 'Europe/London 00:00'),
  })
  .map((options) => {
    const key = JSON.stringify(options);
    let snapshot = snapshots.get(key);
    if (!snapshot) {
      const [timeZone, resetTime] = options.calendar.split(' ') as [string, string];
      snapshot = snapshotOf({
        model: models[options.model],
        balance: options.balance,
        calendar: { timeZone, resetTime },
        parameters: {
          rules: {
            dailyLossBasis: options.basis,
            dailyLossReference: options.reference,
            maxLossMode: options.mode,
            tolerance: options.tolerance,
          },
        },
      });
      snapshots.set(key, snapshot);
    }
    return snapshot;
  });

/** A path of observations (balance and equity in cents around the initial balance) and explicit rollovers. */
type Step =
  | { kind: 'observe'; minutes: number; balanceDelta: number; floating: number }
  | { kind: 'touch'; limit: 'daily' | 'max'; cents: -1 | 0 | 1 }
  | { kind: 'roll' };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('observe' as const),
      minutes: fc.integer({ min: 0, max: 600 }),
      balanceDelta: fc.integer({ min: -300, max: 300 }),
      floating: fc.integer({ min: -1200, max: 600 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'roll' as const }) },
  // Equity exactly at a floor (minus the tolerance), or a cent either side: where `≤` and `<` differ.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('touch' as const),
      limit: fc.constantFrom('daily' as const, 'max' as const),
      cents: fc.constantFrom(-1 as const, 0 as const, 1 as const),
    }),
  },
);

const START = new Date('2026-02-27T12:00:00Z'); // crosses a month end and, over ~30 days, the US DST change

interface Evaluated {
  readonly verdict: DrawdownVerdict;
  readonly before: DrawdownState;
  readonly balance: Decimal;
  readonly equity: Decimal;
  readonly at: Date;
}

/** Runs a path; deltas are in basis points (1/100 %) of the initial balance, so every size sees the same shape. */
function runPath(snapshot: RuleSnapshot, steps: readonly Step[], onRoll?: (state: DrawdownState) => void): Evaluated[] {
  const initial = snapshot.initialBalance.amount;
  const bp = (n: number) => roundToCents(initial.times(n).dividedBy(10_000));
  let state = openDrawdownState(snapshot, START);
  let now = START;
  let balance = initial;
  const out: Evaluated[] = [];
  for (const step of steps) {
    if (step.kind === 'roll') {
      now = snapshot.calendar.nextReset(now);
      state = rollDrawdownDay(state, { day: snapshot.calendar.tradingDayOf(now), balance, equity: state.lastEquity });
      onRoll?.(state);
      continue;
    }
    let equity: Decimal;
    if (step.kind === 'touch') {
      now = new Date(now.getTime() + 60_000);
      const floors = oracleFloors(snapshot, state, now, state.lastEquity);
      equity = floors[step.limit].minus(snapshot.rules.tolerance).plus(new Decimal(step.cents).dividedBy(100));
    } else {
      now = new Date(now.getTime() + step.minutes * 60_000);
      balance = balance.plus(bp(step.balanceDelta));
      equity = balance.plus(bp(step.floating));
    }
    const verdict = evaluate(state, snapshot, { balance, equity, at: now, tick: null });
    out.push({ verdict, before: state, balance, equity, at: now });
    state = verdict.nextState;
  }
  return out;
}

/**
 * An independent reading of the rule book, used as the oracle: day-start
 * figures and high-water marks are tracked here from the raw path.
 */
function oracleFloors(snapshot: RuleSnapshot, state: DrawdownState, at: Date, equity: Decimal) {
  const initial = snapshot.initialBalance.amount;
  const rules = snapshot.rules;
  const crossed = compareLocal(snapshot.calendar.tradingDayOf(at), state.tradingDay) > 0;
  const dayStartBalance = crossed ? state.lastBalance : state.dayStartBalance;
  const dayStartEquity = crossed ? state.lastEquity : state.dayStartEquity;
  const basis = rules.dailyLossBasis === 'balance' ? dayStartBalance : maxDecimal(dayStartBalance, dayStartEquity);
  const dailyAmount = roundToCents((rules.dailyLossReference === 'initial' ? initial : basis).times(snapshot.dailyLossPercent.fraction));
  const maxAmount = roundToCents(initial.times(snapshot.maxLossPercent.fraction));
  const highEquity = maxDecimal(state.highestEquity, maxDecimal(crossed ? state.lastEquity : state.highestEquity, equity));
  const highEod = crossed ? maxDecimal(state.highestEodBalance, state.lastBalance) : state.highestEodBalance;
  const high = rules.maxLossMode === 'static' ? initial : rules.maxLossMode === 'trailing_equity' ? highEquity : highEod;
  return { daily: basis.minus(dailyAmount), max: minDecimal(high.minus(maxAmount), initial) };
}

describe('breach engine properties', () => {
  it('keeps the daily floor constant within a trading day', () => {
    fc.assert(
      fc.property(snapshotArb, fc.array(stepArb, { maxLength: 40 }), (snapshot, steps) => {
        const byDay = new Map<string, string>();
        for (const { verdict, at } of runPath(snapshot, steps)) {
          if (verdict.alreadyBreached) continue;
          const day = snapshot.calendar.tradingDayOf(at);
          const floor = verdict.floors.dailyLoss.floor.toFixed();
          expect(byDay.get(day) ?? floor).toBe(floor);
          byDay.set(day, floor);
        }
      }),
    );
  });

  it('never lowers a trailing max-loss floor and never lifts it above the initial balance', () => {
    const trailing = snapshotArb.filter((s) => s.rules.maxLossMode !== 'static');
    fc.assert(
      fc.property(trailing, fc.array(stepArb, { maxLength: 50 }), (snapshot, steps) => {
        const initial = snapshot.initialBalance.amount;
        let previous: Decimal | null = null;
        for (const { verdict } of runPath(snapshot, steps)) {
          const floor = verdict.floors.maxLoss.floor;
          expect(floor.lessThanOrEqualTo(initial)).toBe(true);
          if (previous) expect(floor.greaterThanOrEqualTo(previous)).toBe(true);
          previous = floor;
        }
      }),
    );
  });

  it('keeps a static max-loss floor at initial × (1 − max loss)', () => {
    const fixed = snapshotArb.filter((s) => s.rules.maxLossMode === 'static');
    fc.assert(
      fc.property(fixed, fc.array(stepArb, { maxLength: 30 }), (snapshot, steps) => {
        const expected = snapshot.initialBalance.amount.minus(roundToCents(snapshot.initialBalance.amount.times(snapshot.maxLossPercent.fraction)));
        for (const { verdict } of runPath(snapshot, steps)) expect(verdict.floors.maxLoss.floor.equals(expected)).toBe(true);
      }),
    );
  });

  it('reports a breach iff equity ≤ a floor − tolerance at an evaluated point, and only once', () => {
    fc.assert(
      fc.property(snapshotArb, fc.array(stepArb, { maxLength: 50 }), (snapshot, steps) => {
        let reported = 0;
        for (const { verdict, before, equity, at } of runPath(snapshot, steps)) {
          if (before.breach) {
            expect(verdict.verdict).toBe('breach');
            expect(verdict.breach).toBeUndefined();
            continue;
          }
          const floors = oracleFloors(snapshot, before, at, equity);
          const limit = (floor: Decimal) => equity.lessThanOrEqualTo(floor.minus(snapshot.rules.tolerance));
          const expected = limit(floors.daily) || limit(floors.max);
          expect(verdict.floors.dailyLoss.floor.equals(floors.daily)).toBe(true);
          expect(verdict.floors.maxLoss.floor.equals(floors.max)).toBe(true);
          expect(verdict.breach !== undefined).toBe(expected);
          expect(verdict.verdict === 'breach').toBe(expected);
          if (verdict.breach) reported++;
        }
        expect(reported).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('replays any verdict from its stored inputs to the same verdict and hash', () => {
    fc.assert(
      fc.property(snapshotArb, fc.array(stepArb, { minLength: 1, maxLength: 25 }), (snapshot, steps) => {
        for (const { verdict, before, balance, equity, at } of runPath(snapshot, steps)) {
          const stored = JSON.parse(JSON.stringify(verdictInputs(before, snapshot, { balance, equity, at, tick: null })));
          const replayed = replayVerdict(stored);
          if (!replayed.ok) throw replayed.error;
          expect(replayed.value.inputHash).toBe(verdict.inputHash);
          expect(verdictToData(replayed.value)).toEqual(verdictToData(verdict));
        }
      }),
      { numRuns: 50 },
    );
  });
});
