import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MaxLossMode } from '../catalog/rule-options.js';
import { snapshotOf } from '../challenge/testing/challenge-fixtures.js';
import { breachToData } from '../drawdown/breach-record.js';
import { Decimal } from '../money/decimal.js';
import { FundedAccount } from './funded-account.js';
import { openInput } from './testing/funded-fixtures.js';

const OPENED = new Date('2026-01-05T15:00:00Z');
const cents = (value: number) => new Decimal(value).dividedBy(100);
const REASONS = ['bad US30 quote', '   ', 'platform outage'] as const;

type Command =
  | { kind: 'observe'; minutes: number; balance: number; floating: number }
  | { kind: 'handle' }
  | { kind: 'roll' }
  | { kind: 'override'; minutes: number; balance: number; reason: (typeof REASONS)[number] };

const minutes = fc.integer({ min: 0, max: 600 });
const offset = fc.integer({ min: -1_200_000, max: 1_200_000 });
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('observe' as const), minutes, balance: offset, floating: fc.integer({ min: -800_000, max: 800_000 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'handle' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'roll' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('override' as const), minutes, balance: fc.integer({ min: -1_100_000, max: 500_000 }), reason: fc.constantFrom(...REASONS) }) },
);

const RULES = (['static', 'trailing_equity'] as const satisfies readonly MaxLossMode[]).map((mode) =>
  snapshotOf({ parameters: { rules: { maxLossMode: mode } } }),
);
const rulesArb = fc.constantFrom(...RULES);

describe('FundedAccount breach override properties', () => {
  it('succeeds only from breached; never drops an original verdict; a refusal changes nothing', () => {
    let succeeded = 0;
    fc.assert(
      fc.property(rulesArb, fc.array(commandArb, { minLength: 8, maxLength: 25 }), (rules, commands) => {
        const account = FundedAccount.open({ ...openInput({ at: OPENED }), rules });
        if (!account.ok) throw new Error(account.error.code);
        const funded = account.value;
        funded.pullEvents();
        let now = OPENED;
        let overridden = 0;
        for (const command of commands) {
          const before = funded.toState();
          const record = funded.breachRecord;
          if (command.kind === 'observe') {
            now = new Date(now.getTime() + command.minutes * 60_000);
            const balance = new Decimal(100_000).plus(cents(command.balance));
            funded.evaluateEquity({ balance, equity: balance.plus(cents(command.floating)), at: now, tick: null });
          } else if (command.kind === 'handle') {
            funded.markBreached(null, now);
          } else if (command.kind === 'roll') {
            now = rules.calendar.nextReset(now);
            const { lastBalance, lastEquity } = funded.drawdown;
            funded.rollTradingDay(now, { balance: lastBalance, equity: lastEquity, observedAt: now });
          } else {
            now = new Date(now.getTime() + command.minutes * 60_000);
            const figures = new Decimal(100_000).plus(cents(command.balance));
            funded.pullEvents();
            const result = funded.overrideBreach({ adminId: 'admin', reason: command.reason, at: now, balance: figures, equity: figures });
            if (result.ok) {
              overridden += 1;
              // Only from breached, with a reason; the verdict set aside is appended as it was.
              expect(before.status).toBe('breached');
              expect(command.reason.trim()).not.toBe('');
              expect(funded.breachOverrides).toHaveLength(before.breachOverrides.length + 1);
              expect(funded.breachOverrides.at(-1)).toMatchObject({ original: breachToData(record!), reason: command.reason.trim(), at: now });
              expect(funded.status).toBe('active');
              expect(funded.isTrading).toBe(true);
              expect(funded.drawdown.dayStartBalance.equals(figures)).toBe(true);
              expect(funded.drawdown.lastEquity.equals(figures)).toBe(true);
              expect(funded.pullEvents().map((event) => event.type)).toEqual(['FundedAccountBreachOverridden']);
            } else {
              const expected =
                command.reason.trim() === ''
                  ? 'FUNDED.REASON_REQUIRED'
                  : before.status !== 'breached'
                    ? 'FUNDED.NOT_BREACHED'
                    : 'FUNDED.OVERRIDE_BEYOND_LIMIT';
              expect(result.error.code).toBe(expected);
              if (expected === 'FUNDED.OVERRIDE_BEYOND_LIMIT') {
                // Only figures at or below the max-loss floor can breach again at once (a fresh day start sits above the daily one).
                expect(figures.lessThanOrEqualTo(funded.floors.maxLoss.floor.minus(rules.rules.tolerance))).toBe(true);
              }
              expect(funded.toState()).toEqual(before);
              expect(funded.pendingEvents).toEqual([]);
            }
          }
          // Whatever happens, every verdict set aside so far is still there, unchanged.
          expect(funded.toState().breachOverrides.slice(0, before.breachOverrides.length)).toEqual(before.breachOverrides);
        }
        expect(funded.breachOverrides).toHaveLength(overridden);
        succeeded += overridden;
      }),
      { numRuns: 120 },
    );
    // The runs reach the interesting case, not only refusals.
    expect(succeeded).toBeGreaterThan(20);
  });
});
