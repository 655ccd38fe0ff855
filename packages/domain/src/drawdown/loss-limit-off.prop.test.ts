import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { competitionRuleSnapshotData } from '../competition/competition-rule-snapshot.js';
import { Decimal } from '../money/decimal.js';
import { unwrap } from '../shared/result.js';
import { openDrawdownState } from './drawdown-state.js';
import { evaluate } from './evaluate.js';
import { replayVerdict, verdictInputs, verdictToData } from './verdict-replay.js';

/**
 * A loss limit that is off (rule book section 4; competitions without loss
 * limits, section 7) never breaches and never warns, whatever the equity;
 * with only one limit off, the other still breaches exactly at its floor.
 */
const settings = new TradingCalendar().settings();
const competition = {
  id: 'cmp-p',
  name: 'Property Cup',
  currency: 'USD',
  initialBalance: '100000',
  entryFee: '0',
  maxDailyTrades: 50,
  maxLotsForex: '5',
  maxLotsIndices: '3',
};
const bothOff = unwrap(RuleSnapshot.fromJSON(competitionRuleSnapshotData({ ...competition, lossLimits: null }, settings)));
const limited = competitionRuleSnapshotData({ ...competition, lossLimits: { dailyLossPercent: '5', maxLossPercent: '10' } }, settings);
/** Max loss 10% (floor 90,000.00) with the daily limit off. */
const dailyOff = unwrap(
  RuleSnapshot.fromJSON({ ...limited, parameters: { ...limited.parameters, dailyLossPercent: '0' }, lossLimitsOff: ['daily_loss'] }),
);

const START = Date.parse('2026-03-02T15:00:00Z');
const cents = (n: number) => new Decimal(n).dividedBy(100);
/** Observations minutes to days apart (in cents), equity anywhere from deeply negative to well above the initial balance. */
const pathArb = fc.array(
  fc.record({
    minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    balance: fc.integer({ min: -5_000_000_00, max: 20_000_000_00 }),
    floating: fc.integer({ min: -30_000_000_00, max: 5_000_000_00 }),
  }),
  { minLength: 1, maxLength: 25 },
);

function run(snapshot: RuleSnapshot, path: readonly { minutes: number; balance: number; floating: number }[]) {
  let state = openDrawdownState(snapshot, new Date(START));
  let at = START;
  const verdicts = [];
  for (const step of path) {
    at += step.minutes * 60_000;
    const balance = cents(step.balance);
    const input = { balance, equity: balance.plus(cents(step.floating)), at: new Date(at) };
    const verdict = evaluate(state, snapshot, input);
    verdicts.push({ verdict, state, input });
    state = verdict.nextState;
  }
  return verdicts;
}

describe('a loss limit that is off', () => {
  it('never breaches and never warns, whatever the equity; its verdicts replay', () => {
    fc.assert(
      fc.property(pathArb, (path) => {
        const verdicts = run(bothOff, path);
        for (const { verdict } of verdicts) {
          expect(verdict.verdict).toBe('ok');
          expect(verdict.breach).toBeUndefined();
          expect(verdict.warnings).toEqual([]);
          expect(verdict.floors.dailyLoss.floor.isFinite() || verdict.floors.maxLoss.floor.isFinite()).toBe(false);
        }
        const { verdict, state, input } = verdicts.at(-1)!;
        expect(verdictToData(unwrap(replayVerdict(verdictInputs(state, bothOff, input))))).toEqual(verdictToData(verdict));
      }),
      { numRuns: 50 },
    );
  });

  it('leaves the other limit breaching exactly at its floor', () => {
    fc.assert(
      fc.property(pathArb, (path) => {
        let breached = false;
        for (const { verdict, input } of run(dailyOff, path)) {
          expect(verdict.floors.dailyLoss.floor.isFinite()).toBe(false);
          expect(verdict.warnings.every((warning) => warning.limit === 'max_loss')).toBe(true);
          if (breached) {
            expect(verdict.alreadyBreached).toBe(true);
            continue;
          }
          const crosses = input.equity.lessThanOrEqualTo('90000');
          expect(verdict.verdict === 'breach').toBe(crosses);
          if (crosses) {
            expect(verdict.breach).toMatchObject({ rule: 'max_loss' });
            breached = true;
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
