import { addMonths, compareLocal, type LocalMonth } from '../calendar/local-date.js';
import type { TradingCalendar } from '../calendar/trading-calendar.js';
import { Decimal, HUNDRED } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import type { AffiliateDashboard } from './affiliate-dashboard.js';
import { AffiliateErrorCode } from './affiliate-errors.js';
import type { AffiliateEvent } from './affiliate-events.js';
import { AffiliateTierTable, type AffiliateTier } from './affiliate-tiers.js';
import type {
  CommissionState,
  ReferralState,
  ReversalReason,
  TierChangeCause,
  TierPeriodState,
} from './affiliate-types.js';
import type { ReferralCode } from './referral-code.js';
import { normalizeEmail } from '../identity/user.js';
import { selfReferralMatch, type ReferralIdentity } from './self-referral.js';

/** Plain-data persistence shape. */
export interface AffiliateState {
  readonly id: string;
  readonly version: number;
  readonly userId: string;
  /** Normalised (trimmed, lower case). */
  readonly email: string;
  readonly code: string;
  readonly currency: string;
  readonly tierId: string;
  readonly tierHistory: readonly TierPeriodState[];
  /** The calendar month `monthEarnings` belongs to. */
  readonly month: LocalMonth;
  readonly monthEarnings: string;
  readonly clicks: number;
  readonly referrals: readonly ReferralState[];
  readonly commissions: readonly CommissionState[];
  readonly createdAt: Date;
}

export interface EarnCommission {
  readonly commissionId: string;
  readonly orderId: string;
  readonly referredUserId: string;
  /** The commissionable amount of the order (its price, without the gateway fee). */
  readonly orderAmount: Money;
  /** Who paid: user, e-mail and the payment fingerprint used. */
  readonly buyer: ReferralIdentity;
  /** Payment fingerprints known for the affiliate's own purchases. */
  readonly affiliatePaymentFingerprints: readonly string[];
  readonly paidAt: Date;
}

export interface CommissionView {
  readonly id: string;
  readonly orderId: string;
  readonly referredUserId: string;
  readonly orderAmount: Money;
  readonly tierId: string;
  readonly rate: Percent;
  readonly amount: Money;
  readonly month: LocalMonth;
  readonly earnedAt: Date;
  readonly reversal: { readonly reason: ReversalReason; readonly at: Date } | null;
}

/**
 * An affiliate (rule book section 11). Tiers are data (`AffiliateTierTable`);
 * the requirement is the commission earned in the current calendar month of
 * the firm calendar. Meeting a requirement upgrades at once, skipping tiers if
 * several are met; within a month the tier never goes down (a reversal lowers
 * the month's earnings, not the tier). At each month start the tier becomes
 * the highest one the previous month's net earnings met, never below the
 * floor. A referred user's first paid order earns the rate in force when it
 * was paid; a refund or chargeback reverses that commission exactly once.
 */
export class Affiliate extends AggregateRoot<AffiliateEvent> {
  private constructor(private state: AffiliateState) {
    super();
  }

  static register(
    input: { id: string; userId: string; email: string; code: ReferralCode; currency?: string; at: Date },
    calendar: TradingCalendar,
    tiers: AffiliateTierTable = AffiliateTierTable.default(),
  ): Affiliate {
    const tierId = tiers.floor.id;
    const affiliate = new Affiliate({
      id: input.id,
      version: 0,
      userId: input.userId,
      email: normalizeEmail(input.email),
      code: input.code.value,
      currency: input.currency ?? 'USD',
      tierId,
      tierHistory: [{ tierId, since: input.at, cause: 'registered' }],
      month: calendar.monthOf(input.at),
      monthEarnings: '0',
      clicks: 0,
      referrals: [],
      commissions: [],
      createdAt: input.at,
    });
    affiliate.emit('AffiliateRegistered', input.at, { userId: input.userId, code: input.code.value, tierId });
    return affiliate;
  }

  static restore(state: AffiliateState): Affiliate {
    return new Affiliate(cloneState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  get userId(): string {
    return this.state.userId;
  }
  get code(): string {
    return this.state.code;
  }
  get tierId(): string {
    return this.state.tierId;
  }
  get month(): LocalMonth {
    return this.state.month;
  }
  get monthEarnings(): Money {
    return this.money(this.state.monthEarnings);
  }

  commissions(): CommissionView[] {
    return this.state.commissions.map((c) => this.viewCommission(c));
  }

  isReferred(userId: string): boolean {
    return this.state.referrals.some((r) => r.referredUserId === userId);
  }

  /** Counts a click on the affiliate's link (attribution itself lives in the visitor's cookie). */
  recordClick(): void {
    this.state = { ...this.state, clicks: this.state.clicks + 1 };
  }

  /** Links a user who signed up inside the attribution window. Repeating it for the same user is a no-op. */
  linkSignup(input: { referredUserId: string; referredEmail: string; at: Date }): Result<void> {
    const match = selfReferralMatch(this.identity([]), {
      userId: input.referredUserId,
      email: input.referredEmail,
      paymentFingerprints: [],
    });
    if (match) return this.selfReferral(match);
    if (this.isReferred(input.referredUserId)) return ok(undefined);
    this.state = {
      ...this.state,
      referrals: [...this.state.referrals, { referredUserId: input.referredUserId, signedUpAt: input.at, convertedOrderId: null }],
    };
    this.emit('AffiliateReferralLinked', input.at, { referredUserId: input.referredUserId });
    return ok(undefined);
  }

  /**
   * Month-start re-tiering: when `month` is later than the affiliate's month,
   * the tier becomes the highest one met by the previous month's net earnings
   * (nothing earned if the previous month is not the affiliate's month) and
   * the month's earnings restart at zero. Earlier or equal months are a no-op.
   */
  enterMonth(month: LocalMonth, at: Date, tiers: AffiliateTierTable = AffiliateTierTable.default()): void {
    if (compareLocal(month, this.state.month) <= 0) return;
    const previous = previousMonth(month);
    const basis = previous === this.state.month ? this.monthEarnings : Money.zero(this.state.currency);
    const tier = tiers.highestMetBy(basis);
    this.state = { ...this.state, month, monthEarnings: '0' };
    this.changeTier(tier, 'month_start', at, basis);
  }

  /**
   * Earns the commission on a referred user's first paid order. Retrying the
   * same order returns the commission already earned without recording
   * anything; a later order of the same user earns nothing.
   */
  earnCommission(
    input: EarnCommission,
    calendar: TradingCalendar,
    tiers: AffiliateTierTable = AffiliateTierTable.default(),
  ): Result<CommissionView> {
    const existing = this.state.commissions.find((c) => c.orderId === input.orderId);
    if (existing) return ok(this.viewCommission(existing));
    const referral = this.state.referrals.find((r) => r.referredUserId === input.referredUserId);
    if (!referral) {
      return err(domainError(AffiliateErrorCode.NOT_REFERRED, 'The user was not referred by this affiliate', {}));
    }
    const match = selfReferralMatch(this.identity(input.affiliatePaymentFingerprints), input.buyer);
    if (match) return this.selfReferral(match);
    if (referral.convertedOrderId !== null) {
      return err(
        domainError(AffiliateErrorCode.ALREADY_CONVERTED, 'Only the first paid order earns a commission', {
          firstOrderId: referral.convertedOrderId,
        }),
      );
    }
    if (this.state.commissions.some((c) => c.id === input.commissionId)) {
      return err(domainError(AffiliateErrorCode.DUPLICATE_COMMISSION_ID, 'A commission with this id exists', {}));
    }
    if (input.orderAmount.currency !== this.state.currency) {
      return err(domainError(AffiliateErrorCode.CURRENCY_MISMATCH, 'Order amount is in another currency', {}));
    }
    if (!input.orderAmount.isPositive()) {
      return err(domainError(AffiliateErrorCode.INVALID_AMOUNT, 'Order amount must be positive', {}));
    }

    const paidMonth = calendar.monthOf(input.paidAt);
    this.enterMonth(paidMonth, input.paidAt, tiers);
    const tier = tiers.get(this.tierInForceAt(input.paidAt));
    const amount = input.orderAmount.percent(tier.commission).booked();
    const commission: CommissionState = {
      id: input.commissionId,
      orderId: input.orderId,
      referredUserId: input.referredUserId,
      orderAmount: input.orderAmount.amount.toFixed(),
      tierId: tier.id,
      rate: tier.commission.points.toFixed(),
      amount: amount.amount.toFixed(),
      month: paidMonth,
      earnedAt: input.paidAt,
      reversal: null,
    };
    this.state = {
      ...this.state,
      commissions: [...this.state.commissions, commission],
      referrals: this.state.referrals.map((r) =>
        r.referredUserId === input.referredUserId ? { ...r, convertedOrderId: input.orderId } : r,
      ),
    };
    this.emit('AffiliateCommissionEarned', input.paidAt, {
      commissionId: commission.id,
      orderId: commission.orderId,
      referredUserId: commission.referredUserId,
      currency: this.state.currency,
      orderAmount: input.orderAmount.toFixed(),
      tierId: tier.id,
      rate: commission.rate,
      amount: amount.toFixed(),
      month: paidMonth,
    });
    if (paidMonth === this.state.month) {
      const earned = this.monthEarnings.plus(amount);
      this.state = { ...this.state, monthEarnings: earned.amount.toFixed() };
      const reached = tiers.highestMetBy(earned);
      if (tiers.rankOf(reached.id) > tiers.rankOf(this.state.tierId)) {
        this.changeTier(reached, 'requirement_met', input.paidAt, earned);
      }
    }
    return ok(this.viewCommission(commission));
  }

  /**
   * Reverses the commission of a refunded or charged-back order, exactly
   * once. The current month's earnings shrink when the commission belongs to
   * it; the tier stays until the next month start.
   */
  reverseCommission(
    input: { orderId: string; reason: ReversalReason; at: Date },
    calendar: TradingCalendar,
    tiers: AffiliateTierTable = AffiliateTierTable.default(),
  ): Result<CommissionView> {
    const commission = this.state.commissions.find((c) => c.orderId === input.orderId);
    if (!commission) {
      return err(domainError(AffiliateErrorCode.COMMISSION_NOT_FOUND, 'No commission for this order', { orderId: input.orderId }));
    }
    if (commission.reversal !== null) {
      return err(
        domainError(AffiliateErrorCode.COMMISSION_ALREADY_REVERSED, 'The commission was already reversed', {
          orderId: input.orderId,
        }),
      );
    }
    this.enterMonth(calendar.monthOf(input.at), input.at, tiers);
    const reversed: CommissionState = { ...commission, reversal: { reason: input.reason, at: input.at } };
    const amount = this.money(commission.amount);
    this.state = {
      ...this.state,
      commissions: this.state.commissions.map((c) => (c.id === commission.id ? reversed : c)),
      monthEarnings:
        commission.month === this.state.month ? this.monthEarnings.minus(amount).amount.toFixed() : this.state.monthEarnings,
    };
    this.emit('AffiliateCommissionReversed', input.at, {
      commissionId: commission.id,
      orderId: commission.orderId,
      currency: this.state.currency,
      amount: amount.toFixed(),
      reason: input.reason,
    });
    return ok(this.viewCommission(reversed));
  }

  /** Dashboard figures as of `at` (a month not yet entered shows as it would after the month start). */
  dashboard(at: Date, calendar: TradingCalendar, tiers: AffiliateTierTable = AffiliateTierTable.default()): AffiliateDashboard {
    const month = calendar.monthOf(at);
    let tier = tiers.get(this.state.tierId);
    let thisMonth = this.monthEarnings;
    if (compareLocal(month, this.state.month) > 0) {
      const basis = previousMonth(month) === this.state.month ? thisMonth : Money.zero(this.state.currency);
      tier = tiers.highestMetBy(basis);
      thisMonth = Money.zero(this.state.currency);
    }
    const live = this.state.commissions.filter((c) => c.reversal === null);
    const earnings = live.reduce((sum, c) => sum.plus(this.money(c.amount)), Money.zero(this.state.currency));
    const conversions = live.length;
    const clicks = this.state.clicks;
    const nextTier = tiers.next(tier.id);
    const requirement = nextTier?.monthlyRequirement.amount;
    const progress =
      requirement === undefined || requirement.isZero()
        ? HUNDRED
        : Decimal.min(Decimal.max(thisMonth.amount.dividedBy(requirement).times(HUNDRED), 0), HUNDRED);
    return {
      code: this.state.code,
      clicks,
      signups: this.state.referrals.length,
      conversions,
      conversionRate:
        clicks === 0
          ? Percent.zero()
          : Percent.of(new Decimal(conversions).dividedBy(clicks).times(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
      earnings,
      thisMonth,
      tier,
      nextTier,
      progress: Percent.of(progress.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
      remainingToNextTier: nextTier
        ? Money.of(Decimal.max(nextTier.monthlyRequirement.amount.minus(thisMonth.amount), 0), this.state.currency)
        : null,
    };
  }

  toState(): AffiliateState {
    return cloneState(this.state);
  }

  private tierInForceAt(at: Date): string {
    let tierId = this.state.tierHistory[0]?.tierId ?? this.state.tierId;
    for (const period of this.state.tierHistory) if (period.since <= at) tierId = period.tierId;
    return tierId;
  }

  private changeTier(tier: AffiliateTier, cause: TierChangeCause, at: Date, basis: Money): void {
    const from = this.state.tierId;
    if (from === tier.id) return;
    this.state = {
      ...this.state,
      tierId: tier.id,
      tierHistory: [...this.state.tierHistory, { tierId: tier.id, since: at, cause }],
    };
    this.emit('AffiliateTierChanged', at, { from, to: tier.id, cause, month: this.state.month, basis: basis.toFixed() });
  }

  private identity(paymentFingerprints: readonly string[]): ReferralIdentity {
    return { userId: this.state.userId, email: this.state.email, paymentFingerprints };
  }

  private selfReferral(match: string): Result<never> {
    return err(domainError(AffiliateErrorCode.SELF_REFERRAL, 'Self-referral earns nothing', { match }));
  }

  private viewCommission(c: CommissionState): CommissionView {
    return {
      ...c,
      orderAmount: this.money(c.orderAmount),
      rate: Percent.of(c.rate),
      amount: this.money(c.amount),
      reversal: c.reversal ? { ...c.reversal } : null,
    };
  }

  private money(amount: string): Money {
    return Money.of(amount, this.state.currency);
  }

  private emit<T extends AffiliateEvent['type']>(type: T, at: Date, payload: EventPayload<AffiliateEvent, T>): void {
    this.recordEvent(type, this.state.id, at, payload);
  }
}

function previousMonth(month: LocalMonth): LocalMonth {
  return addMonths(month, -1);
}

function cloneState(state: AffiliateState): AffiliateState {
  return {
    ...state,
    tierHistory: state.tierHistory.map((t) => ({ ...t })),
    referrals: state.referrals.map((r) => ({ ...r })),
    commissions: state.commissions.map((c) => ({ ...c, reversal: c.reversal ? { ...c.reversal } : null })),
  };
}
