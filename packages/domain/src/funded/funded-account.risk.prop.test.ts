import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLocal } from '../calendar/local-date.js';
import type { DailyLossBasis, MaxLossMode } from '../catalog/rule-options.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { Challenge } from '../challenge/challenge.js';
import { snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import { breachToData } from '../drawdown/breach-record.js';
import { drawdownStateToData } from '../drawdown/drawdown-state.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { FundedAccount } from './funded-account.js';
import { AccountRisk } from '../trading-account/account-risk.js';
import { openInput } from './testing/funded-fixtures.js';

const OPENED = new Date('2026-01-05T15:00:00Z');

const snapshots = new Map<string, RuleSnapshot>();
const rulesArb = fc
  .record({
    basis: fc.constantFrom<DailyLossBasis>('balance', 'max_balance_equity'),
    mode: fc.constantFrom<MaxLossMode>('static', 'trailing_equity', 'trailing_eod_balance'),
    tolerance: fc.constantFrom('0.00', '0.50'),
  })
  .map((options) => {
    const key = JSON.stringify(options);
    let snapshot = snapshots.get(key);
    if (!snapshot) {
      snapshot = snapshotOf({
        parameters: { rules: { dailyLossBasis: options.basis, maxLossMode: options.mode, tolerance: options.tolerance } },
      });
      snapshots.set(key, snapshot);
    }
    return snapshot;
  });

/** Observations in cents around the 100,000 initial balance, and explicit resets. */
type Step = { kind: 'observe'; minutes: number; balance: number; floating: number } | { kind: 'roll' };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('observe' as const),
      minutes: fc.integer({ min: 0, max: 900 }),
      balance: fc.integer({ min: -1_200_000, max: 1_200_000 }),
      floating: fc.integer({ min: -800_000, max: 800_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'roll' as const }) },
);

const cents = (value: number) => new Decimal(value).dividedBy(100);

function pair(rules: RuleSnapshot) {
  const funded = unwrap(FundedAccount.open({ ...openInput({ at: OPENED }), rules }));
  const challenge = Challenge.create({ id: 'c', traderId: 't', rules, at: OPENED });
  unwrap(challenge.activate('mt-1001', OPENED));
  funded.pullEvents();
  challenge.pullEvents();
  return { funded, challenge };
}

describe('FundedAccount breach engine properties', () => {
  it('holds the same day-start snapshots, floors, warnings and breach as a challenge on the same rules and figures', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(stepArb, { minLength: 1, maxLength: 20 }), (rules, steps) => {
        const { funded, challenge } = pair(rules);
        let now = OPENED;
        let last = { balance: new Decimal(100_000), equity: new Decimal(100_000) };
        for (const step of steps) {
          if (!challenge.isTrading) break;
          if (step.kind === 'roll') {
            now = rules.calendar.nextReset(now);
            unwrap(challenge.rollTradingDay(now, last.balance, last.equity));
            unwrap(funded.rollTradingDay(now, { ...last, observedAt: now }));
          } else {
            now = new Date(now.getTime() + step.minutes * 60_000);
            const balance = new Decimal(100_000).plus(cents(step.balance));
            last = { balance, equity: balance.plus(cents(step.floating)) };
            const observation = { ...last, at: now, tick: null };
            const a = unwrap(challenge.evaluateEquity(observation));
            const b = unwrap(funded.evaluateEquity(observation));
            expect(b.verdict).toBe(a.verdict);
            expect(b.warnings.map((w) => w.limit)).toEqual(a.warnings.map((w) => w.limit));
          }
          expect(drawdownStateToData(funded.drawdown)).toEqual(drawdownStateToData(challenge.drawdown!));
          expect(funded.isTrading).toBe(challenge.isTrading);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a breach is detected at the first observation at or below a floor, recorded exactly and ended once', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(stepArb, { minLength: 1, maxLength: 20 }), fc.nat(3), (rules, steps, handlings) => {
        const { funded } = pair(rules);
        let now = OPENED;
        let first: { equity: Decimal; floor: Decimal; at: Date } | null = null;
        for (const step of steps) {
          if (step.kind === 'roll') {
            now = rules.calendar.nextReset(now);
            const { lastBalance, lastEquity } = funded.drawdown;
            const rolled = funded.rollTradingDay(now, { balance: lastBalance, equity: lastEquity, observedAt: now });
            // The day-start figures are judged against the new day's floors: a reset can breach too.
            const breach = rolled.ok ? rolled.value.verdict?.breach : undefined;
            if (breach && !first) first = { equity: lastEquity, floor: breach.floor, at: now };
            continue;
          }
          now = new Date(now.getTime() + step.minutes * 60_000);
          const balance = new Decimal(100_000).plus(cents(step.balance));
          const equity = balance.plus(cents(step.floating));
          const before = funded.isTrading ? funded.floors : null;
          const day = rules.calendar.tradingDayOf(now);
          const crossed = compareLocal(day, funded.drawdown.tradingDay) > 0;
          const lastEquity = funded.drawdown.lastEquity;
          const result = funded.evaluateEquity({ balance, equity, at: now, tick: null });
          if (!before) {
            expect(!result.ok && result.error.code).toBe('FUNDED.ALREADY_BREACHED');
            continue;
          }
          const breach = unwrap(result).breach;
          const tolerance = rules.rules.tolerance;
          if (!breach && !crossed) {
            // Not a breach: above both floors of the day it was judged in.
            expect(equity.greaterThan(before.dailyLoss.floor.minus(tolerance))).toBe(true);
            expect(equity.greaterThan(before.maxLoss.floor.minus(tolerance))).toBe(true);
          }
          if (breach && !first) {
            // Either this observation, or the reset it crossed (judged with the last figures before it).
            const atReset = breach.at.getTime() !== now.getTime();
            if (atReset) expect(crossed).toBe(true);
            first = atReset
              ? { equity: lastEquity, floor: breach.floor, at: rules.calendar.startOf(day) }
              : { equity, floor: breach.floor, at: now };
          }
        }
        const detected = funded.pullEvents().filter((event) => event.type === 'FundedAccountBreachDetected');
        expect(detected).toHaveLength(first ? 1 : 0);
        if (!first) return;
        const record = funded.breachRecord!;
        expect(record.equity.equals(first.equity)).toBe(true);
        expect(record.floor.equals(first.floor)).toBe(true);
        expect(record.at).toEqual(first.at);
        expect(record.equity.lessThanOrEqualTo(record.floor.minus(rules.rules.tolerance))).toBe(true);
        for (let i = 0; i <= handlings; i += 1) unwrap(funded.markBreached(null, now));
        const ended = funded.pullEvents();
        expect(ended.map((event) => event.type)).toEqual(['FundedAccountBreached']);
        expect(ended[0]!.payload).toMatchObject({ breach: breachToData(record) });
      }),
      { numRuns: 150 },
    );
  });

  it('a firm balance operation moves the daily floor by exactly its amount and keeps every warning raised', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 10 }),
        fc.integer({ min: -2_000_000, max: 2_000_000 }),
        (steps, amountCents) => {
          const rules = snapshotOf();
          let drawdown = AccountRisk.open(rules, OPENED);
          let now = OPENED;
          for (const step of steps) {
            if (step.kind === 'roll' || drawdown.breach) continue;
            now = new Date(now.getTime() + step.minutes * 60_000);
            const balance = new Decimal(100_000).plus(cents(step.balance));
            drawdown = drawdown.evaluate({ balance, equity: balance.plus(cents(step.floating)), at: now, tick: null }).next;
          }
          const amount = cents(amountCents);
          const rebased = drawdown.rebase(amount, now, null);
          if (drawdown.breach) {
            expect(rebased.state).toBe(drawdown.state);
            return;
          }
          expect(rebased.floors().dailyLoss.floor.minus(drawdown.floors().dailyLoss.floor).equals(amount)).toBe(true);
          expect(rebased.floors().maxLoss.floor.equals(drawdown.floors().maxLoss.floor)).toBe(true);
          expect(rebased.state.lastEquity.minus(drawdown.state.lastEquity).equals(amount)).toBe(true);
          expect(rebased.state.warningsSent).toEqual(drawdown.state.warningsSent);
          expect(rebased.fitsFiguresFrom(new Date(now.getTime() - 1))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
