import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../money/money.js';
import { FundedAccount } from './funded-account.js';
import { calendar, FUNDED_AT, openAccount } from './testing/funded-fixtures.js';

type Step =
  | { kind: 'trade'; cents: number }
  | { kind: 'open' }
  | { kind: 'advance'; hours: number }
  | { kind: 'request' }
  | { kind: 'approve'; which: number }
  | { kind: 'reject'; which: number }
  | { kind: 'pay'; which: number; hoursLater: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('trade' as const), cents: fc.integer({ min: -300_000, max: 900_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 24 * 30 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('approve' as const), which: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), which: fc.nat(4) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), which: fc.nat(4), hoursLater: fc.integer({ min: 0, max: 48 }) }),
  },
);

describe('FundedAccount payout properties', () => {
  it('a payout never exceeds the profit and is paid at most once, whatever is retried', () => {
    let runsWithPaidPayout = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }), (steps) => {
        const account = openAccount();
        const initial = account.initialBalance;
        let now = FUNDED_AT;
        let positions = 0;
        const paidEvents = new Map<string, number>();
        let tradedCents = 0;

        for (const s of steps) {
          const ids = account.payouts().map((p) => p.id);
          const pick = (which: number) => ids[which % Math.max(ids.length, 1)] ?? 'none';
          switch (s.kind) {
            case 'open':
              account.recordPositionOpened({ positionId: `pos-${++positions}`, at: now });
              break;
            case 'trade': {
              const positionId = `pos-${++positions}`;
              account.recordPositionOpened({ positionId, at: now });
              account.recordPositionClosed({ positionId, netProfit: Money.of(s.cents).times('0.01'), at: now }, calendar);
              tradedCents += s.cents;
              // Close everything left open by 'open' steps as a flat trade, so requests can succeed.
              for (let i = 1; i <= positions; i++) {
                account.recordPositionClosed({ positionId: `pos-${i}`, netProfit: Money.zero(), at: now }, calendar);
              }
              break;
            }
            case 'advance':
              now = new Date(now.getTime() + s.hours * 3_600_000);
              break;
            case 'request': {
              const before = account.balance;
              const result = account.requestPayout({ payoutId: `p-${ids.length + 1}`, actor: 't', at: now }, calendar);
              if (result.ok) {
                const payout = result.value;
                expect(payout.profit.equals(before.minus(initial))).toBe(true);
                expect(payout.profit.isPositive()).toBe(true);
                expect(payout.traderShare.lessThanOrEqual(payout.profit)).toBe(true);
                expect(account.balance.equals(initial)).toBe(true);
              }
              break;
            }
            case 'approve':
              account.approvePayout({ payoutId: pick(s.which), actor: 'a', at: now });
              break;
            case 'reject':
              account.rejectPayout({ payoutId: pick(s.which), actor: 'a', at: now, reason: 'r' });
              break;
            case 'pay': {
              const id = pick(s.which);
              const wasPaid = account.payout(id)?.status === 'paid';
              const result = account.markPayoutPaid({
                payoutId: id,
                actor: 'a',
                at: new Date(now.getTime() + s.hoursLater * 3_600_000),
                paymentReference: 'ref',
              });
              if (wasPaid) expect(result.ok).toBe(false);
              break;
            }
          }
          for (const event of account.pullEvents()) {
            if (event.type === 'PayoutPaid') paidEvents.set(event.payload.payoutId, (paidEvents.get(event.payload.payoutId) ?? 0) + 1);
          }
        }

        for (const count of paidEvents.values()) expect(count).toBe(1);
        if (paidEvents.size > 0) runsWithPaidPayout++;
        let withdrawnCents = 0;
        for (const payout of account.payouts()) {
          expect(payout.traderShare.lessThanOrEqual(payout.profit)).toBe(true);
          if (payout.status !== 'rejected') withdrawnCents += Number(payout.profit.amount.times(100).toFixed(0));
        }
        // Conservation: the balance is the allocation plus all trading minus what was withdrawn and kept withdrawn.
        expect(account.balance.amount.times(100).toNumber()).toBe(initial.amount.times(100).toNumber() + tradedCents - withdrawnCents);
        expect(FundedAccount.restore(account.toState()).toState()).toEqual(account.toState());
      }),
      { numRuns: 150 },
    );
    // The generator must actually reach paid payouts, or the property says nothing.
    expect(runsWithPaidPayout).toBeGreaterThan(10);
  });
});
