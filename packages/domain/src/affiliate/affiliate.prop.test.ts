import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../calendar/local-date.js';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { Affiliate } from './affiliate.js';
import { AffiliateTierTable } from './affiliate-tiers.js';
import { ReferralCode } from './referral-code.js';

const calendar = new TradingCalendar();
const tiers = AffiliateTierTable.default();
const code = unwrap(ReferralCode.fromEntropy(new Uint8Array([9, 9, 9, 9, 9])));
const rank = (id: string) => tiers.rankOf(id);

function newAffiliate(): Affiliate {
  return Affiliate.register(
    { id: 'aff', userId: 'aff-user', email: 'aff@example.com', code, at: calendar.startOfMonth('2026-01') },
    calendar,
  );
}

/** A referred user's first order, paid in month `month` (0-based from January 2026) on `day`. */
const sale = fc.record({
  month: fc.integer({ min: 0, max: 4 }),
  day: fc.integer({ min: 0, max: 26 }),
  amount: fc.integer({ min: 1, max: 40_000 }),
  refundLater: fc.boolean(),
});

describe('Affiliate properties', () => {
  it('within a month the tier never goes down and equals the highest tier met; month start re-tiers from the previous month', () => {
    fc.assert(
      fc.property(fc.array(sale, { maxLength: 40 }), (sales) => {
        const affiliate = newAffiliate();
        const ordered = [...sales].sort((a, b) => a.month - b.month || a.day - b.day);
        let month = '2026-01';
        let startTier = 'star';
        let peak = Money.zero();
        ordered.forEach((s, i) => {
          const label = addMonths('2026-01', s.month);
          const paidAt = new Date(calendar.startOfMonth(label).getTime() + s.day * 86_400_000 + 3_600_000);
          if (label !== month) {
            // Month start: the previous month's net earnings decide (nothing earned if that month was skipped).
            const previousEarned = addMonths(label, -1) === month ? affiliate.monthEarnings : Money.zero();
            startTier = tiers.highestMetBy(previousEarned).id;
            month = label;
            peak = Money.zero();
          }
          const before = affiliate.tierId;
          const user = `u${i}`;
          unwrap(affiliate.linkSignup({ referredUserId: user, referredEmail: `${user}@example.com`, at: paidAt }));
          unwrap(
            affiliate.earnCommission(
              {
                commissionId: `c${i}`,
                orderId: `o${i}`,
                referredUserId: user,
                orderAmount: Money.of(s.amount),
                buyer: { userId: user, email: `${user}@example.com`, paymentFingerprints: [] },
                affiliatePaymentFingerprints: [],
                paidAt,
              },
              calendar,
            ),
          );
          peak = peak.max(affiliate.monthEarnings);
          if (s.refundLater) unwrap(affiliate.reverseCommission({ orderId: `o${i}`, reason: 'refund', at: paidAt }, calendar));
          const expected = Math.max(rank(startTier), rank(tiers.highestMetBy(peak).id));
          expect(rank(affiliate.tierId)).toBe(expected);
          if (i > 0 && ordered[i - 1]!.month === s.month) expect(rank(affiliate.tierId)).toBeGreaterThanOrEqual(rank(before));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a commission is reversed at most once, and only if it was earned', () => {
    type Op = { kind: 'earn' | 'reverse'; order: number; selfReferral: boolean };
    const op = fc.record({
      kind: fc.constantFrom('earn' as const, 'reverse' as const),
      order: fc.integer({ min: 0, max: 5 }),
      selfReferral: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops: Op[]) => {
        const affiliate = newAffiliate();
        const at = new Date('2026-01-15T15:00:00Z');
        for (let u = 0; u < 6; u++) unwrap(affiliate.linkSignup({ referredUserId: `u${u}`, referredEmail: `u${u}@x.com`, at }));
        const earned = new Set<string>();
        const reversed = new Set<string>();
        for (const o of ops) {
          const orderId = `o${o.order}`;
          if (o.kind === 'earn') {
            const result = affiliate.earnCommission(
              {
                commissionId: `c${o.order}`,
                orderId,
                referredUserId: `u${o.order}`,
                orderAmount: Money.of(100),
                buyer: { userId: `u${o.order}`, email: `u${o.order}@x.com`, paymentFingerprints: [o.selfReferral ? 'fp-aff' : 'fp-x'] },
                affiliatePaymentFingerprints: ['fp-aff'],
                paidAt: at,
              },
              calendar,
            );
            expect(result.ok).toBe(earned.has(orderId) || !o.selfReferral);
            if (result.ok) earned.add(orderId);
          } else {
            const result = affiliate.reverseCommission({ orderId, reason: 'chargeback', at }, calendar);
            expect(result.ok).toBe(earned.has(orderId) && !reversed.has(orderId));
            if (result.ok) reversed.add(orderId);
          }
        }
        const events = affiliate.pullEvents();
        const reversals = events.filter((e) => e.type === 'AffiliateCommissionReversed').map((e) => String(e.payload.orderId));
        expect(new Set(reversals).size).toBe(reversals.length);
        for (const orderId of reversals) expect(earned.has(orderId)).toBe(true);
        const net = affiliate.commissions().filter((c) => c.reversal === null).length;
        expect(net).toBe(earned.size - reversed.size);
      }),
      { numRuns: 300 },
    );
  });
});
