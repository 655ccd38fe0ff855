import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../calendar/local-date.js';
import { Money } from '../money/money.js';
import { calendar } from '../funded/testing/funded-fixtures.js';
import { ScalingPolicy } from './scaling-policy.js';

const policy = new ScalingPolicy(calendar);
const CAP = Money.of(4_000_000);
const FIRST_MONTH = '2026-01';

/** One simulated month: profit (whole dollars), payouts paid in it, and whether a review runs in it. */
const month = fc.record({
  profit: fc.integer({ min: -20_000, max: 400_000 }),
  payouts: fc.integer({ min: 0, max: 2 }),
  reviewDay: fc.integer({ min: 1, max: 28 }),
});

describe('ScalingPolicy properties', () => {
  it('never exceeds the cap, never shrinks, and never scales twice in one window', () => {
    let scales = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 5_000, max: 4_000_000 }),
        fc.array(month, { minLength: 6, maxLength: 30 }),
        (start, months) => {
          let allocation = Money.of(start);
          let countingFrom = calendar.startOfMonth(FIRST_MONTH);
          const monthlyProfits: { month: string; profit: Money }[] = [];
          const payoutsPaidAt: Date[] = [];
          const scaledAt: Date[] = [];
          months.forEach((m, i) => {
            const label = addMonths(FIRST_MONTH, i);
            const monthStart = calendar.startOfMonth(label);
            const review = new Date(monthStart.getTime() + m.reviewDay * 86_400_000);
            const decision = policy.review({ at: review, allocation, monthlyProfits, payoutsPaidAt, countingFrom });
            if (decision.eligible) {
              expect(decision.after.lessThanOrEqual(CAP)).toBe(true);
              expect(decision.after.greaterThan(decision.before)).toBe(true);
              expect(decision.after.lessThanOrEqual(decision.before.times('1.4').booked())).toBe(true);
              // The whole window lies after the previous scale.
              const previous = scaledAt[scaledAt.length - 1];
              if (previous) expect(new Date(decision.evidence.windowStart) >= previous).toBe(true);
              allocation = decision.after;
              countingFrom = review;
              scaledAt.push(review);
              scales++;
            }
            expect(allocation.lessThanOrEqual(CAP)).toBe(true);
            monthlyProfits.push({ month: label, profit: Money.of(m.profit) });
            for (let k = 0; k < m.payouts; k++) payoutsPaidAt.push(new Date(monthStart.getTime() + (k + 2) * 86_400_000));
          });
          // Two scales are at least 4 complete months apart.
          for (let k = 1; k < scaledAt.length; k++) {
            const gapMonths = calendar.monthOf(scaledAt[k]!).localeCompare(addMonths(calendar.monthOf(scaledAt[k - 1]!), 5));
            expect(gapMonths).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(scales).toBeGreaterThan(20);
  });
});
