import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { calendar, openAccount, trade } from '../funded/testing/funded-fixtures.js';
import { ScalingPolicy, type MonthlyProfit, type ScalingReviewInput } from './scaling-policy.js';

const policy = new ScalingPolicy(calendar);
const at = (iso: string) => new Date(iso);
const months = (...entries: Array<[string, string]>): MonthlyProfit[] =>
  entries.map(([month, profit]) => ({ month, profit: Money.of(profit) }));

function input(overrides: Partial<ScalingReviewInput> = {}): ScalingReviewInput {
  return {
    at: at('2026-05-10T15:00:00Z'),
    allocation: Money.of(100_000),
    monthlyProfits: months(['2026-01', '3000'], ['2026-02', '2500'], ['2026-03', '2000'], ['2026-04', '2500']),
    payoutsPaidAt: [at('2026-02-03T15:00:00Z'), at('2026-04-03T15:00:00Z')],
    countingFrom: at('2025-12-15T15:00:00Z'),
    ...overrides,
  };
}

describe('ScalingPolicy (GrowthNext, section 6)', () => {
  it('reviews the 4 complete firm-calendar months before the review month', () => {
    expect(policy.windowFor(at('2026-05-10T15:00:00Z'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // 2026-04-30 17:00 New York opens trading day 2026-05-01: already May.
    expect(policy.windowFor(at('2026-04-30T21:00:00Z'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(policy.windowFor(at('2026-04-30T20:59:59Z'))).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(policy.windowFor(at('2026-02-15T00:00:00Z'))).toEqual(['2025-10', '2025-11', '2025-12', '2026-01']);
  });

  it('grows an eligible allocation by 40% and lifts the split to 90%, with its evidence', () => {
    const decision = policy.review(input());
    expect(decision.eligible).toBe(true);
    if (!decision.eligible) return;
    expect(decision.after.toFixed()).toBe('140000.00');
    expect(decision.capped).toBe(false);
    expect(decision.splitAfter.points.toString()).toBe('90');
    expect(decision.evidence).toMatchObject({
      totalProfit: '10000',
      totalProfitPercent: '10.0000',
      paidPayouts: 2,
      lastMonthProfitable: true,
      windowStart: '2025-12-31T22:00:00.000Z',
      windowEnd: '2026-04-30T21:00:00.000Z',
    });
  });

  it('caps at 4,000,000: 3,500,000 scales to 4,000,000, not 4,900,000', () => {
    const decision = policy.review(
      input({
        allocation: Money.of(3_500_000),
        monthlyProfits: months(['2026-01', '100000'], ['2026-02', '100000'], ['2026-03', '100000'], ['2026-04', '100000']),
      }),
    );
    expect(decision.eligible && decision.after.toFixed()).toBe('4000000.00');
    expect(decision.eligible && decision.capped).toBe(true);
  });

  it('does not scale at the cap', () => {
    const decision = policy.review(
      input({
        allocation: Money.of(4_000_000),
        monthlyProfits: months(['2026-01', '200000'], ['2026-02', '200000'], ['2026-03', '200000'], ['2026-04', '200000']),
      }),
    );
    expect(!decision.eligible && decision.reasons).toEqual(['ALLOCATION_AT_CAP']);
  });

  it('needs ≥ 10% in total: 9,999.99 is not enough', () => {
    const decision = policy.review(
      input({ monthlyProfits: months(['2026-01', '2500'], ['2026-02', '2500'], ['2026-03', '2500'], ['2026-04', '2499.99']) }),
    );
    expect(!decision.eligible && decision.reasons).toEqual(['TOTAL_PROFIT_TOO_LOW']);
  });

  it('needs every month profitable (a missing month made nothing)', () => {
    const decision = policy.review(
      input({ monthlyProfits: months(['2026-01', '6000'], ['2026-03', '2000'], ['2026-04', '2500']) }),
    );
    expect(!decision.eligible && decision.reasons).toEqual(['MONTH_NOT_PROFITABLE']);
  });

  it('needs the last month profitable', () => {
    const decision = policy.review(
      input({ monthlyProfits: months(['2026-01', '6000'], ['2026-02', '3000'], ['2026-03', '3000'], ['2026-04', '-1']) }),
    );
    expect(!decision.eligible && decision.reasons).toEqual(['MONTH_NOT_PROFITABLE', 'LAST_MONTH_NOT_PROFITABLE']);
  });

  it('needs 2 payouts paid from the window start up to the review', () => {
    const one = policy.review(input({ payoutsPaidAt: [at('2025-12-20T15:00:00Z'), at('2026-04-03T15:00:00Z')] }));
    expect(!one.eligible && one.reasons).toEqual(['NOT_ENOUGH_PAID_PAYOUTS']);
    const withTodays = policy.review(input({ payoutsPaidAt: [at('2026-04-03T15:00:00Z'), at('2026-05-10T15:00:00Z')] }));
    expect(withTodays.eligible).toBe(true);
  });

  it('does not count months that start before funding or the last scale', () => {
    const decision = policy.review(input({ countingFrom: at('2026-01-02T15:00:00Z') }));
    expect(!decision.eligible && decision.reasons).toEqual(['WINDOW_INCOMPLETE']);
    // Funded exactly at the reset that opens January: January counts.
    expect(policy.review(input({ countingFrom: at('2025-12-31T22:00:00Z') })).eligible).toBe(true);
  });

  it('uses the firm calendar for months: a deal after 17:00 New York on 31 January counts for February', () => {
    const account = openAccount({ at: at('2025-12-10T15:00:00Z') });
    trade(account, '100', at('2026-01-31T21:59:59Z'));
    trade(account, '200', at('2026-01-31T22:00:00Z'));
    expect(account.monthlyProfits().map((m) => [m.month, m.profit.toFixed()])).toEqual([
      ['2026-01', '100.00'],
      ['2026-02', '200.00'],
    ]);
    const london = new TradingCalendar({ timeZone: 'Europe/London', resetTime: '00:00' });
    expect(london.monthOf(at('2026-01-31T22:00:00Z'))).toBe('2026-01');
  });

  it('restarts the window after a scale: no second scale until 4 complete months after it', () => {
    const account = openAccount({ at: at('2025-12-10T15:00:00Z') });
    const pay = (id: string, when: string) => {
      trade(account, '50', at(when));
      unwrap(account.requestPayout({ payoutId: id, actor: 't', at: at(when) }, calendar));
      unwrap(account.approvePayout({ payoutId: id, actor: 'a', at: at(when) }));
      unwrap(account.markPayoutPaid({ payoutId: id, actor: 'a', at: at(when), paymentReference: id }));
    };
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09']) {
      trade(account, '20000', at(`2026-${month}-12T15:00:00Z`));
    }
    pay('p1', '2026-02-02T15:00:00Z');
    pay('p2', '2026-03-02T15:00:00Z');
    const first = unwrap(account.reviewScaling({ at: at('2026-05-04T15:00:00Z') }, policy));
    expect(first.eligible && first.after.toFixed()).toBe('140000.00');
    expect(account.pullEvents().find((e) => e.type === 'FundedAccountScaled')?.payload).toMatchObject({
      before: '100000.00',
      after: '140000.00',
      splitBefore: '80',
      splitAfter: '90',
      balanceOperation: '40000.00',
    });

    pay('p3', '2026-06-02T15:00:00Z');
    pay('p4', '2026-07-02T15:00:00Z');
    for (const review of ['2026-06-04T15:00:00Z', '2026-08-04T15:00:00Z', '2026-09-04T15:00:00Z']) {
      const again = unwrap(account.reviewScaling({ at: at(review) }, policy));
      expect(!again.eligible && again.reasons).toContain('WINDOW_INCOMPLETE');
    }
    // Window June–September lies wholly after the May scale.
    const second = unwrap(account.reviewScaling({ at: at('2026-10-05T15:00:00Z') }, policy));
    expect(second.eligible && second.after.toFixed()).toBe('196000.00');
  });
});
