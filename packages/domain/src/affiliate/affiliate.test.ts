import { describe, expect, it } from 'vitest';
import { TradingCalendar } from '../calendar/trading-calendar.js';
import { Money } from '../money/money.js';
import { unwrap } from '../shared/result.js';
import { Affiliate, type EarnCommission } from './affiliate.js';
import { AffiliateTierTable, DEFAULT_AFFILIATE_TIERS } from './affiliate-tiers.js';
import { attributeSignup, attributionExpiresAt } from './attribution.js';
import { ReferralCode } from './referral-code.js';

const calendar = new TradingCalendar();
const at = (iso: string) => new Date(iso);
const code = unwrap(ReferralCode.fromEntropy(new Uint8Array([1, 2, 3, 4, 5])));
const JAN = at('2026-01-10T15:00:00Z');

function affiliate(): Affiliate {
  const a = Affiliate.register(
    { id: 'aff-1', userId: 'aff-user', email: 'Partner@Example.com', code, at: at('2026-01-02T15:00:00Z') },
    calendar,
  );
  a.pullEvents();
  return a;
}

let n = 0;
/** Links a new referred user and earns on their first order of `amount`. */
function sale(a: Affiliate, amount: string, paidAt: Date, overrides: Partial<EarnCommission> = {}) {
  const user = `u${++n}`;
  unwrap(a.linkSignup({ referredUserId: user, referredEmail: `${user}@example.com`, at: paidAt }));
  return a.earnCommission(
    {
      commissionId: `c-${user}`,
      orderId: `o-${user}`,
      referredUserId: user,
      orderAmount: Money.of(amount),
      buyer: { userId: user, email: `${user}@example.com`, paymentFingerprints: [`fp-${user}`] },
      affiliatePaymentFingerprints: ['fp-affiliate'],
      paidAt,
      ...overrides,
    },
    calendar,
  );
}

describe('Affiliate tiers as data (section 11)', () => {
  it('seeds Star 8%/0, Galactic 12%/1,000, Cosmic 15%/2,500, Infinity 18%/6,000', () => {
    expect(DEFAULT_AFFILIATE_TIERS.map((t) => [t.id, t.commission.toString(), t.monthlyRequirement.toFixed()])).toEqual([
      ['star', '8', '0.00'],
      ['galactic', '12', '1000.00'],
      ['cosmic', '15', '2500.00'],
      ['infinity', '18', '6000.00'],
    ]);
    const table = AffiliateTierTable.default();
    expect(table.highestMetBy(Money.of('999.99')).id).toBe('star');
    expect(table.highestMetBy(Money.of('1000')).id).toBe('galactic');
    expect(table.highestMetBy(Money.of('6000')).id).toBe('infinity');
  });
});

describe('Affiliate commissions', () => {
  it('earns the Star rate on a first paid order: 8% of 449 = 35.92', () => {
    const a = affiliate();
    const commission = unwrap(sale(a, '449', JAN));
    expect(commission.amount.toFixed()).toBe('35.92');
    expect(commission.rate.toString()).toBe('8');
    expect(a.pullEvents().map((e) => e.type)).toEqual(['AffiliateReferralLinked', 'AffiliateCommissionEarned']);
  });

  it('upgrades at once, skipping tiers when several are met', () => {
    const a = affiliate();
    unwrap(sale(a, '31250', JAN)); // 8% → 2,500: Star straight to Cosmic
    expect(a.tierId).toBe('cosmic');
    const changed = a.pullEvents().filter((e) => e.type === 'AffiliateTierChanged');
    expect(changed.map((e) => e.payload)).toEqual([
      { from: 'star', to: 'cosmic', cause: 'requirement_met', month: '2026-01', basis: '2500.00' },
    ]);
    // The next sale earns the rate now in force (15%).
    expect(unwrap(sale(a, '1000', at('2026-01-11T15:00:00Z'))).amount.toFixed()).toBe('150.00');
  });

  it('re-tiers at month start from the previous month, downwards too, never below Star', () => {
    const a = affiliate();
    unwrap(sale(a, '75000', JAN)); // 6,000 → Infinity in January
    expect(a.tierId).toBe('infinity');
    unwrap(sale(a, '6000', at('2026-02-10T15:00:00Z'))); // February earns 18% of 6,000 = 1,080
    expect(a.tierId).toBe('infinity'); // February started from January's 6,000
    a.enterMonth('2026-03', at('2026-02-28T22:00:00Z'));
    expect(a.tierId).toBe('galactic'); // from February's 1,080
    a.enterMonth('2026-04', at('2026-03-31T21:00:00Z'));
    expect(a.tierId).toBe('star');
    a.enterMonth('2026-05', at('2026-04-30T21:00:00Z'));
    expect(a.tierId).toBe('star');
  });

  it('counts the month by the firm calendar: 31 January after 17:00 New York is February', () => {
    const a = affiliate();
    unwrap(sale(a, '12500', at('2026-01-31T22:00:00Z'))); // 1,000 earned on trading day 2026-02-01
    expect(a.month).toBe('2026-02');
    expect(a.tierId).toBe('galactic');
  });

  it('pays only on the first paid order of a referred user; a retry of it records nothing', () => {
    const a = affiliate();
    const first = unwrap(sale(a, '449', JAN));
    a.pullEvents();
    const retry = a.earnCommission(
      {
        commissionId: 'other-id',
        orderId: first.orderId,
        referredUserId: first.referredUserId,
        orderAmount: Money.of('449'),
        buyer: { userId: first.referredUserId, email: 'x@example.com', paymentFingerprints: [] },
        affiliatePaymentFingerprints: [],
        paidAt: JAN,
      },
      calendar,
    );
    expect(retry.ok && retry.value.id).toBe(first.id);
    expect(a.pendingEvents).toHaveLength(0);
    const second = a.earnCommission(
      {
        commissionId: 'c-2',
        orderId: 'o-second',
        referredUserId: first.referredUserId,
        orderAmount: Money.of('449'),
        buyer: { userId: first.referredUserId, email: 'x@example.com', paymentFingerprints: [] },
        affiliatePaymentFingerprints: [],
        paidAt: JAN,
      },
      calendar,
    );
    expect(!second.ok && second.error.code).toBe('AFFILIATE.ALREADY_CONVERTED');
  });

  it('earns nothing for an order of someone not referred', () => {
    const a = affiliate();
    const result = a.earnCommission(
      {
        commissionId: 'c',
        orderId: 'o',
        referredUserId: 'stranger',
        orderAmount: Money.of(100),
        buyer: { userId: 'stranger', email: 's@example.com', paymentFingerprints: [] },
        affiliatePaymentFingerprints: [],
        paidAt: JAN,
      },
      calendar,
    );
    expect(!result.ok && result.error.code).toBe('AFFILIATE.NOT_REFERRED');
  });

  it('reverses on refund or chargeback exactly once; the tier stays for the month', () => {
    const a = affiliate();
    const commission = unwrap(sale(a, '12500', JAN)); // 1,000 → Galactic
    expect(a.tierId).toBe('galactic');
    const reversed = unwrap(a.reverseCommission({ orderId: commission.orderId, reason: 'chargeback', at: JAN }, calendar));
    expect(reversed.reversal).toEqual({ reason: 'chargeback', at: JAN });
    expect(a.monthEarnings.toFixed()).toBe('0.00');
    expect(a.tierId).toBe('galactic');
    const again = a.reverseCommission({ orderId: commission.orderId, reason: 'refund', at: JAN }, calendar);
    expect(!again.ok && again.error.code).toBe('AFFILIATE.COMMISSION_ALREADY_REVERSED');
    const unknown = a.reverseCommission({ orderId: 'never-paid', reason: 'refund', at: JAN }, calendar);
    expect(!unknown.ok && unknown.error.code).toBe('AFFILIATE.COMMISSION_NOT_FOUND');
    a.enterMonth('2026-02', at('2026-01-31T22:00:00Z'));
    expect(a.tierId).toBe('star');
  });
});

describe('Self-referral guard', () => {
  it('refuses to link the affiliate themself, by user id or e-mail (trimmed, any case)', () => {
    const a = affiliate();
    const sameUser = a.linkSignup({ referredUserId: 'aff-user', referredEmail: 'other@example.com', at: JAN });
    expect(!sameUser.ok && sameUser.error.code).toBe('AFFILIATE.SELF_REFERRAL');
    const sameEmail = a.linkSignup({ referredUserId: 'u-x', referredEmail: '  partner@EXAMPLE.com ', at: JAN });
    expect(!sameEmail.ok && sameEmail.error.details['match']).toBe('same_email');
  });

  it('earns nothing when the buyer pays with the affiliate’s payment fingerprint', () => {
    const a = affiliate();
    const result = sale(a, '449', JAN, {
      buyer: { userId: 'someone', email: 'someone@example.com', paymentFingerprints: ['fp-affiliate'] },
    });
    expect(!result.ok && result.error.code).toBe('AFFILIATE.SELF_REFERRAL');
    expect(a.commissions()).toEqual([]);
  });
});

describe('Referral codes and attribution', () => {
  it('builds an 8-character case-insensitive code from caller entropy, never from the user id', () => {
    expect(code.value).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    // 00000001 00000010 00000011 00000100 00000101 → 00000 00100 00001 00000 00110 00001 00000 00101
    expect(code.value).toBe('04106105');
    expect(unwrap(ReferralCode.parse(code.value.toLowerCase())).equals(code)).toBe(true);
    const short = ReferralCode.fromEntropy(new Uint8Array(4));
    expect(!short.ok && short.error.code).toBe('AFFILIATE.NOT_ENOUGH_ENTROPY');
    expect(ReferralCode.parse('ABC!').ok).toBe(false);
  });

  it('last click within 90 days wins; a click exactly 90 days old has expired', () => {
    const other = unwrap(ReferralCode.parse('ZZZZZZZZ'));
    const signup = at('2026-04-01T12:00:00Z');
    const ninetyDays = 90 * 86_400_000;
    const older = { code, at: new Date(signup.getTime() - ninetyDays + 1) };
    const newer = { code: other, at: at('2026-03-01T00:00:00Z') };
    expect(attributeSignup([newer, older], signup)?.value).toBe('ZZZZZZZZ');
    expect(attributeSignup([older], signup)?.value).toBe(code.value);
    expect(attributeSignup([{ code, at: new Date(signup.getTime() - ninetyDays) }], signup)).toBeNull();
    expect(attributeSignup([{ code, at: new Date(signup.getTime() + 1) }], signup)).toBeNull();
    expect(attributionExpiresAt(newer).toISOString()).toBe('2026-05-30T00:00:00.000Z');
  });
});

describe('Affiliate dashboard', () => {
  it('shows clicks, signups, conversions, rate, earnings, this month, tier, next tier and progress', () => {
    const a = affiliate();
    for (let i = 0; i < 8; i++) a.recordClick();
    unwrap(sale(a, '5000', JAN)); // 400
    const refunded = unwrap(sale(a, '2500', JAN)); // 200, then reversed
    unwrap(a.reverseCommission({ orderId: refunded.orderId, reason: 'refund', at: JAN }, calendar));
    unwrap(a.linkSignup({ referredUserId: 'no-order', referredEmail: 'n@example.com', at: JAN }));
    const d = a.dashboard(at('2026-01-20T15:00:00Z'), calendar);
    expect({
      clicks: d.clicks,
      signups: d.signups,
      conversions: d.conversions,
      conversionRate: d.conversionRate.toString(),
      earnings: d.earnings.toFixed(),
      thisMonth: d.thisMonth.toFixed(),
      tier: d.tier.id,
      nextTier: d.nextTier?.id,
      progress: d.progress.toString(),
      remaining: d.remainingToNextTier?.toFixed(),
    }).toEqual({
      clicks: 8,
      signups: 3,
      conversions: 1,
      conversionRate: '12.5',
      earnings: '400.00',
      thisMonth: '400.00',
      tier: 'star',
      nextTier: 'galactic',
      progress: '40',
      remaining: '600.00',
    });
    const march = a.dashboard(at('2026-03-05T15:00:00Z'), calendar);
    expect([march.thisMonth.toFixed(), march.tier.id, march.earnings.toFixed()]).toEqual(['0.00', 'star', '400.00']);
  });
});
