import type { LocalMonth } from '../calendar/local-date.js';
import type { TradingCalendar } from '../calendar/trading-calendar.js';
import type { BreachRecordData } from '../drawdown/breach-record.js';
import type { KycStatus } from '../kyc/kyc-status.js';
import type { ProhibitedCountries } from '../kyc/prohibited-countries.js';
import { FUNDED_TRADER_AGREEMENT } from '../agreement/agreement-version.js';
import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';
import type { ScalingDecision } from '../scaling/scaling-decision.js';
import type { MonthlyProfit, ScalingPolicy, ScalingReviewInput } from '../scaling/scaling-policy.js';
import { AggregateRoot, type EventPayload } from '../shared/aggregate-root.js';
import { domainError } from '../shared/domain-error.js';
import { err, ok, type Result } from '../shared/result.js';
import { FundedErrorCode, PayoutErrorCode } from './funded-errors.js';
import type { FundedBreachOverrideData } from './funded-breach-override.js';
import type { FundedAccountEvent } from './funded-events.js';
import { evaluatePayoutEligibility, type PayoutEligibility } from './payout-eligibility.js';
import { traderShareOf, viewPayout, type PayoutState, type PayoutView } from './payout.js';
import {
  DEFAULT_PAYOUT_GUARANTEE,
  isPaidLate,
  payoutDeadline,
  type PayoutGuarantee,
  type PayoutTerms,
} from './payout-terms.js';

export type FundedAccountStatus = 'active' | 'breached';

/** Plain-data persistence shape: amounts as decimal strings, percents as points, instants as Date. */
export interface FundedAccountState {
  readonly id: string;
  readonly version: number;
  readonly traderId: string;
  readonly challengeId: string;
  readonly modelId: string;
  readonly tradingAccountId: string;
  readonly currency: string;
  /** Current balance allocation (grows with scaling); profit is measured from it. */
  readonly initialBalance: string;
  readonly originalAllocation: string;
  readonly balance: string;
  readonly openPositionIds: readonly string[];
  readonly split: string;
  readonly firstPayoutDays: number;
  readonly cycleDays: number;
  readonly feeRefundOnPayoutNumber: number | null;
  readonly challengeFee: string;
  readonly guaranteeHours: number;
  readonly guaranteeCompensation: string;
  readonly status: FundedAccountStatus;
  readonly openedAt: Date;
  /** Why and when the account ended on its trading account's breach, with the record. */
  readonly breach: { readonly cause: string; readonly at: Date; readonly record?: BreachRecordData } | null;
  /** Breaches an admin cleared, oldest first, each with its original verdict. */
  readonly breachOverrides: readonly FundedBreachOverrideData[];
  readonly kycCaseId: string;
  readonly agreementSignatureId: string;
  readonly agreementVersion: string;
  readonly payouts: readonly PayoutState[];
  /** Closed P/L per firm-calendar month, oldest first. */
  readonly monthlyProfits: ReadonlyArray<{ readonly month: LocalMonth; readonly profit: string }>;
  readonly scalings: ReadonlyArray<{
    readonly at: Date;
    readonly before: string;
    readonly after: string;
    readonly splitBefore: string;
    readonly splitAfter: string;
  }>;
}

/** What funding needs from the KYC case (a `KycCase` fits). */
export interface ApprovedKyc {
  readonly id: string;
  readonly traderId: string;
  readonly status: KycStatus;
  readonly country: string | null;
}

/** What funding needs from the signature record (an `AgreementSignature` fits). */
export interface SignedAgreement {
  readonly id: string;
  readonly traderId: string;
  readonly agreementId: string;
  readonly agreementVersion: string;
}

export interface OpenFundedAccount {
  readonly id: string;
  readonly traderId: string;
  readonly challengeId: string;
  readonly modelId: string;
  /** The new trading account in the funded group. */
  readonly tradingAccountId: string;
  /** Same initial balance as the passed challenge. */
  readonly initialBalance: Money;
  readonly terms: PayoutTerms;
  /** The challenge fee refunded with the configured payout. */
  readonly challengeFee: Money;
  readonly guarantee?: PayoutGuarantee;
  readonly kyc: ApprovedKyc;
  readonly agreement: SignedAgreement | null;
  /** The trader's country of residence (checked against the prohibited list). */
  readonly traderCountry: string;
  readonly prohibitedCountries: ProhibitedCountries;
  readonly at: Date;
}

const PAYOUT_PENDING: ReadonlySet<string> = new Set(['requested', 'approved']);

type CoreState = FundedAccountState;

/**
 * A funded trader's account (rule book section 5). Opened only after KYC
 * approval and a signed funded-trader agreement; same loss rules as the
 * challenge, no target. A payout withdraws the whole profit so the account
 * returns to its allocation; the trader receives profit × split (booked),
 * plus the challenge fee on the configured payout number, plus the guarantee
 * compensation when paid late. Each payout is paid at most once. Scaling
 * (section 6) grows the allocation and lifts the split.
 *
 * The loss rules are its trading account's (docs/rules.md §4, the same
 * lifecycle for every kind of account): the account reacts to that
 * account's breach (`endOnBreach`) and to an admin clearing it
 * (`reinstate`). Its balance operations (payout withdrawal and reversal,
 * scaling deposit) are booked on the trading account by the use case that
 * makes them, so moving money never reads as a trading loss.
 */
export class FundedAccount extends AggregateRoot<FundedAccountEvent> {
  private state: CoreState;

  private constructor(state: CoreState) {
    super();
    this.state = state;
  }

  static open(input: OpenFundedAccount): Result<FundedAccount> {
    const country = input.prohibitedCountries.check(input.traderCountry, 'funding');
    if (!country.ok) return country;
    if (input.kyc.country !== null) {
      const kycCountry = input.prohibitedCountries.check(input.kyc.country, 'funding');
      if (!kycCountry.ok) return kycCountry;
    }
    if (input.kyc.status !== 'approved' || input.kyc.traderId !== input.traderId) {
      return err(
        domainError(FundedErrorCode.KYC_NOT_APPROVED, 'Funding requires approved KYC', {
          kycCaseId: input.kyc.id,
          kycStatus: input.kyc.status,
        }),
      );
    }
    const agreement = input.agreement;
    if (!agreement || agreement.traderId !== input.traderId || agreement.agreementId !== FUNDED_TRADER_AGREEMENT) {
      return err(domainError(FundedErrorCode.AGREEMENT_NOT_SIGNED, 'Funding requires the signed funded-trader agreement', {}));
    }
    const terms = input.terms;
    const currency = input.initialBalance.currency;
    const termsValid =
      input.initialBalance.isPositive() &&
      terms.split.points.greaterThan(0) &&
      terms.split.points.lessThanOrEqualTo(100) &&
      Number.isInteger(terms.firstPayoutDays) &&
      terms.firstPayoutDays >= 0 &&
      Number.isInteger(terms.cycleDays) &&
      terms.cycleDays >= 0 &&
      (terms.feeRefundOnPayoutNumber === null ||
        (Number.isInteger(terms.feeRefundOnPayoutNumber) && terms.feeRefundOnPayoutNumber >= 1)) &&
      input.challengeFee.currency === currency &&
      !input.challengeFee.isNegative();
    if (!termsValid) {
      return err(domainError(FundedErrorCode.INVALID_TERMS, 'Funded account terms are invalid', {}));
    }
    const guarantee = input.guarantee ?? DEFAULT_PAYOUT_GUARANTEE;
    const initial = input.initialBalance.booked();
    const account = new FundedAccount({
      id: input.id,
      version: 0,
      traderId: input.traderId,
      challengeId: input.challengeId,
      modelId: input.modelId,
      tradingAccountId: input.tradingAccountId,
      currency,
      initialBalance: initial.amount.toFixed(),
      originalAllocation: initial.amount.toFixed(),
      balance: initial.amount.toFixed(),
      openPositionIds: [],
      split: terms.split.points.toFixed(),
      firstPayoutDays: terms.firstPayoutDays,
      cycleDays: terms.cycleDays,
      feeRefundOnPayoutNumber: terms.feeRefundOnPayoutNumber,
      challengeFee: input.challengeFee.amount.toFixed(),
      guaranteeHours: guarantee.hours,
      guaranteeCompensation: guarantee.compensation.amount.toFixed(),
      status: 'active',
      openedAt: input.at,
      breach: null,
      breachOverrides: [],
      kycCaseId: input.kyc.id,
      agreementSignatureId: agreement.id,
      agreementVersion: agreement.agreementVersion,
      payouts: [],
      monthlyProfits: [],
      scalings: [],
    });
    account.emit('FundedAccountOpened', input.at, {
      traderId: input.traderId,
      challengeId: input.challengeId,
      modelId: input.modelId,
      tradingAccountId: input.tradingAccountId,
      currency,
      initialBalance: initial.toFixed(),
      split: terms.split.points.toFixed(),
      kycCaseId: input.kyc.id,
      agreementSignatureId: agreement.id,
      agreementVersion: agreement.agreementVersion,
    });
    return ok(account);
  }

  static restore(state: FundedAccountState): FundedAccount {
    return new FundedAccount(cloneState(state));
  }

  get id(): string {
    return this.state.id;
  }
  get version(): number {
    return this.state.version;
  }
  get traderId(): string {
    return this.state.traderId;
  }
  get status(): FundedAccountStatus {
    return this.state.status;
  }
  /** The platform login of the funded trading account. */
  get login(): string {
    return this.state.tradingAccountId;
  }
  /** The breach the account ended on, as its trading account recorded it. */
  get breachRecord(): BreachRecordData | null {
    return this.state.breach?.record ?? null;
  }
  /** Breaches an admin cleared, oldest first, each with its original verdict. */
  get breachOverrides(): readonly FundedBreachOverrideData[] {
    return this.state.breachOverrides;
  }
  /** True while the account has not ended on a breach. */
  get isTrading(): boolean {
    return this.state.status === 'active';
  }
  get currency(): string {
    return this.state.currency;
  }
  get balance(): Money {
    return this.money(this.state.balance);
  }
  /** The current allocation, the base profit is measured from. */
  get initialBalance(): Money {
    return this.money(this.state.initialBalance);
  }
  get split(): Percent {
    return Percent.of(this.state.split);
  }
  get openPositionCount(): number {
    return this.state.openPositionIds.length;
  }
  get openedAt(): Date {
    return this.state.openedAt;
  }
  get terms(): PayoutTerms {
    return {
      split: this.split,
      firstPayoutDays: this.state.firstPayoutDays,
      cycleDays: this.state.cycleDays,
      feeRefundOnPayoutNumber: this.state.feeRefundOnPayoutNumber,
    };
  }
  get lastScaledAt(): Date | null {
    return this.state.scalings[this.state.scalings.length - 1]?.at ?? null;
  }

  payouts(): PayoutView[] {
    return this.state.payouts.map((p) => viewPayout(p, this.state.currency));
  }

  payout(payoutId: string): PayoutView | undefined {
    const found = this.state.payouts.find((p) => p.id === payoutId);
    return found && viewPayout(found, this.state.currency);
  }

  monthlyProfits(): MonthlyProfit[] {
    return this.state.monthlyProfits.map((m) => ({ month: m.month, profit: this.money(m.profit) }));
  }

  /** Mirrors a position opened on the platform (idempotent per position id). */
  recordPositionOpened(input: { positionId: string; at: Date }): Result<void> {
    const active = this.ensureActive();
    if (!active.ok) return active;
    if (!this.state.openPositionIds.includes(input.positionId)) {
      this.state = { ...this.state, openPositionIds: [...this.state.openPositionIds, input.positionId] };
    }
    return ok(undefined);
  }

  /**
   * Mirrors a closed position: the balance moves by its net result (after
   * commission and swap), which also counts toward the closing month's
   * profit for scaling. Closing is recorded even after a breach, since the
   * breach handler closes the positions.
   */
  recordPositionClosed(input: { positionId: string; netProfit: Money; at: Date }, calendar: TradingCalendar): Result<void> {
    if (input.netProfit.currency !== this.state.currency) return this.currencyMismatch(input.netProfit);
    const month = calendar.monthOf(input.at);
    const monthly = [...this.state.monthlyProfits];
    const index = monthly.findIndex((m) => m.month === month);
    if (index >= 0) {
      const current = monthly[index]!;
      monthly[index] = { month, profit: this.money(current.profit).plus(input.netProfit).amount.toFixed() };
    } else {
      monthly.push({ month, profit: input.netProfit.amount.toFixed() });
      monthly.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    }
    this.state = {
      ...this.state,
      balance: this.balance.plus(input.netProfit).amount.toFixed(),
      openPositionIds: this.state.openPositionIds.filter((id) => id !== input.positionId),
      monthlyProfits: monthly,
    };
    return ok(undefined);
  }

  /** Whether a payout could be requested at `at`, with every reason it cannot. */
  payoutEligibility(at: Date, calendar: TradingCalendar, breachPending = false): PayoutEligibility {
    const previous = [...this.state.payouts].reverse().find((p) => p.status !== 'rejected');
    return evaluatePayoutEligibility(
      {
        at,
        fundedAt: this.state.openedAt,
        previousPayoutRequestedAt: previous?.requestedAt ?? null,
        terms: this.terms,
        openPositions: this.state.openPositionIds.length,
        balance: this.balance,
        initialBalance: this.initialBalance,
        // A breach its trading account detected and is handling ends the account any moment now.
        accountActive: this.isTrading && !breachPending,
        payoutPending: this.state.payouts.some((p) => PAYOUT_PENDING.has(p.status)),
      },
      calendar,
    );
  }

  /**
   * Requests a payout of the whole profit. The withdrawal (−profit) is booked
   * at once, so the account trades on from its allocation; a rejection gives
   * it back.
   */
  requestPayout(
    input: { payoutId: string; actor: string; at: Date; breachPending?: boolean },
    calendar: TradingCalendar,
  ): Result<PayoutView> {
    if (this.state.status !== 'active') return this.notActive();
    if (this.state.payouts.some((p) => p.id === input.payoutId)) {
      return err(domainError(PayoutErrorCode.DUPLICATE_ID, 'A payout with this id exists', { payoutId: input.payoutId }));
    }
    const eligibility = this.payoutEligibility(input.at, calendar, input.breachPending ?? false);
    if (eligibility.reasons.includes('PAYOUT_PENDING')) {
      return err(domainError(PayoutErrorCode.ALREADY_PENDING, 'A payout is already in progress', {}));
    }
    if (!eligibility.eligible) {
      return err(
        domainError(PayoutErrorCode.NOT_ELIGIBLE, 'The account is not eligible for a payout', {
          reasons: eligibility.reasons,
          eligibleFrom: eligibility.eligibleFrom.toISOString(),
          profit: eligibility.profit.toFixed(),
        }),
      );
    }
    const profit = eligibility.profit;
    const split = this.split;
    const number = this.state.payouts.filter((p) => p.status !== 'rejected').length + 1;
    const traderShare = traderShareOf(profit, split);
    const feeRefund =
      number === this.state.feeRefundOnPayoutNumber ? this.money(this.state.challengeFee) : Money.zero(this.currency);
    const guarantee = this.guarantee();
    const payout: PayoutState = {
      id: input.payoutId,
      number,
      status: 'requested',
      profit: profit.amount.toFixed(),
      split: split.points.toFixed(),
      traderShare: traderShare.amount.toFixed(),
      feeRefund: feeRefund.amount.toFixed(),
      compensation: '0',
      requestedAt: input.at,
      requestedBy: input.actor,
      deadline: payoutDeadline(input.at, guarantee),
      approvedAt: null,
      approvedBy: null,
      paidAt: null,
      paidBy: null,
      paymentReference: null,
      rejectedAt: null,
      rejectedBy: null,
      rejectionReason: null,
    };
    this.state = {
      ...this.state,
      balance: this.state.initialBalance,
      payouts: [...this.state.payouts, payout],
    };
    this.emit('PayoutRequested', input.at, {
      payoutId: payout.id,
      number,
      currency: this.currency,
      profit: profit.toFixed(),
      split: payout.split,
      traderShare: traderShare.toFixed(),
      feeRefund: feeRefund.toFixed(),
      balanceOperation: profit.negated().toFixed(),
      deadline: payout.deadline.toISOString(),
      actor: input.actor,
    });
    return ok(viewPayout(payout, this.currency));
  }

  approvePayout(input: { payoutId: string; actor: string; at: Date }): Result<PayoutView> {
    const found = this.findPayout(input.payoutId);
    if (!found.ok) return found;
    const payout = found.value;
    if (payout.status !== 'requested') return this.wrongPayoutState(payout, PayoutErrorCode.NOT_REQUESTED);
    const updated: PayoutState = { ...payout, status: 'approved', approvedAt: input.at, approvedBy: input.actor };
    this.replacePayout(updated);
    this.emit('PayoutApproved', input.at, { payoutId: payout.id, actor: input.actor });
    return ok(viewPayout(updated, this.currency));
  }

  /** Rejects a requested or approved payout; the withdrawn profit goes back to the account. */
  rejectPayout(input: { payoutId: string; actor: string; at: Date; reason: string }): Result<PayoutView> {
    const found = this.findPayout(input.payoutId);
    if (!found.ok) return found;
    const payout = found.value;
    if (!PAYOUT_PENDING.has(payout.status)) return this.wrongPayoutState(payout, PayoutErrorCode.NOT_REQUESTED);
    const updated: PayoutState = {
      ...payout,
      status: 'rejected',
      rejectedAt: input.at,
      rejectedBy: input.actor,
      rejectionReason: input.reason,
    };
    const profit = this.money(payout.profit);
    this.replacePayout(updated);
    this.state = { ...this.state, balance: this.balance.plus(profit).amount.toFixed() };
    this.emit('PayoutRejected', input.at, {
      payoutId: payout.id,
      actor: input.actor,
      reason: input.reason,
      currency: this.currency,
      balanceOperation: profit.toFixed(),
    });
    return ok(viewPayout(updated, this.currency));
  }

  /**
   * Marks an approved payout paid. Paid at most once: a repeat returns
   * `PAYOUT.ALREADY_PAID` and records nothing. Paid after the deadline
   * (requested + 24 h; exactly at it is on time) adds the compensation.
   */
  markPayoutPaid(input: { payoutId: string; actor: string; at: Date; paymentReference: string }): Result<PayoutView> {
    const found = this.findPayout(input.payoutId);
    if (!found.ok) return found;
    const payout = found.value;
    if (payout.status !== 'approved') return this.wrongPayoutState(payout, PayoutErrorCode.NOT_APPROVED);
    const guarantee = this.guarantee();
    const late = isPaidLate(payout.requestedAt, input.at, guarantee);
    const compensation = late ? guarantee.compensation : Money.zero(this.currency);
    const updated: PayoutState = {
      ...payout,
      status: 'paid',
      paidAt: input.at,
      paidBy: input.actor,
      paymentReference: input.paymentReference,
      compensation: compensation.amount.toFixed(),
    };
    this.replacePayout(updated);
    const view = viewPayout(updated, this.currency);
    this.emit('PayoutPaid', input.at, {
      payoutId: payout.id,
      number: payout.number,
      actor: input.actor,
      paymentReference: input.paymentReference,
      currency: this.currency,
      traderShare: view.traderShare.toFixed(),
      feeRefund: view.feeRefund.toFixed(),
      compensation: compensation.toFixed(),
      total: view.total.toFixed(),
      late,
    });
    if (late) {
      this.emit('PayoutCompensationGranted', input.at, {
        payoutId: payout.id,
        traderId: this.state.traderId,
        currency: this.currency,
        amount: compensation.toFixed(),
        deadline: payout.deadline.toISOString(),
        paidAt: input.at.toISOString(),
      });
    }
    return ok(view);
  }

  /** What the scaling policy reviews for this account at `at`. */
  scalingReviewInput(at: Date): ScalingReviewInput {
    const lastScale = this.lastScaledAt;
    return {
      at,
      allocation: this.initialBalance,
      monthlyProfits: this.monthlyProfits(),
      payoutsPaidAt: this.state.payouts.flatMap((p) => (p.status === 'paid' && p.paidAt ? [p.paidAt] : [])),
      countingFrom: lastScale && lastScale > this.state.openedAt ? lastScale : this.state.openedAt,
    };
  }

  /**
   * Reviews GrowthNext (at each payout and monthly). An eligible decision is
   * applied at once: the allocation grows (balance operation +growth), the
   * split becomes the scaled split and the window restarts at `at`. The
   * decision is returned either way, with its evidence.
   */
  reviewScaling(input: { at: Date }, policy: ScalingPolicy): Result<ScalingDecision> {
    if (this.state.status !== 'active') return this.notActive();
    const decision = policy.review(this.scalingReviewInput(input.at));
    if (!decision.eligible) return ok(decision);
    const growth = decision.after.minus(decision.before);
    const splitBefore = this.state.split;
    const splitAfter = decision.splitAfter.points.toFixed();
    this.state = {
      ...this.state,
      initialBalance: decision.after.amount.toFixed(),
      balance: this.balance.plus(growth).amount.toFixed(),
      split: splitAfter,
      scalings: [
        ...this.state.scalings,
        {
          at: input.at,
          before: decision.before.amount.toFixed(),
          after: decision.after.amount.toFixed(),
          splitBefore,
          splitAfter,
        },
      ],
    };
    this.emit('FundedAccountScaled', input.at, {
      currency: this.currency,
      before: decision.before.toFixed(),
      after: decision.after.toFixed(),
      capped: decision.capped,
      splitBefore,
      splitAfter,
      balanceOperation: growth.toFixed(),
      evidence: decision.evidence,
    });
    return ok(decision);
  }

  /**
   * Its trading account ended on a breach (docs/rules.md §4): the funded
   * account ends with it, and no payout can be requested any more. A second
   * call is a no-op (a second detection is a no-op).
   */
  endOnBreach(breach: BreachRecordData, at: Date): Result<void> {
    if (this.state.status === 'breached') return ok(undefined);
    const cause = `breach:${breach.rule}`;
    this.state = { ...this.state, status: 'breached', breach: { cause, at, record: breach } };
    this.emit('FundedAccountBreached', at, { cause, breach });
    return ok(undefined);
  }

  /**
   * An admin cleared its trading account's breach (docs/rules.md §4): the
   * account is active again. The override and the original verdict stay in
   * `breachOverrides` for good. Reinstating an active account changes nothing.
   */
  reinstate(input: FundedBreachOverrideData): Result<void> {
    if (this.state.status === 'active') return ok(undefined);
    const override: FundedBreachOverrideData = { ...input, breachedAt: this.state.breach?.at ?? input.breachedAt };
    this.state = { ...this.state, status: 'active', breach: null, breachOverrides: [...this.state.breachOverrides, override] };
    this.emit('FundedAccountReinstated', input.at, {
      account: this.state.tradingAccountId,
      adminId: input.adminId,
      reason: input.reason,
      original: input.original,
      breachedAt: override.breachedAt.toISOString(),
    });
    return ok(undefined);
  }

  toState(): FundedAccountState {
    return cloneState(this.state);
  }

  private money(amount: string): Money {
    return Money.of(amount, this.state.currency);
  }

  private guarantee(): PayoutGuarantee {
    return { hours: this.state.guaranteeHours, compensation: this.money(this.state.guaranteeCompensation) };
  }

  private ensureActive(): Result<void> {
    return this.state.status === 'active' ? ok(undefined) : this.notActive();
  }

  private notActive(): Result<never> {
    return err(
      domainError(FundedErrorCode.NOT_ACTIVE, 'The funded account is not active', {
        fundedAccountId: this.state.id,
        status: this.state.status,
      }),
    );
  }

  private currencyMismatch(amount: Money): Result<never> {
    return err(
      domainError(FundedErrorCode.CURRENCY_MISMATCH, `Expected ${this.state.currency}, got ${amount.currency}`, {
        expected: this.state.currency,
        actual: amount.currency,
      }),
    );
  }

  private findPayout(payoutId: string): Result<PayoutState> {
    const payout = this.state.payouts.find((p) => p.id === payoutId);
    if (!payout) return err(domainError(PayoutErrorCode.NOT_FOUND, 'No such payout', { payoutId }));
    return ok(payout);
  }

  private wrongPayoutState(payout: PayoutState, fallback: PayoutErrorCode): Result<never> {
    const code =
      payout.status === 'paid'
        ? PayoutErrorCode.ALREADY_PAID
        : payout.status === 'rejected'
          ? PayoutErrorCode.ALREADY_REJECTED
          : fallback;
    return err(domainError(code, `The payout is ${payout.status}`, { payoutId: payout.id, status: payout.status }));
  }

  private replacePayout(updated: PayoutState): void {
    this.state = { ...this.state, payouts: this.state.payouts.map((p) => (p.id === updated.id ? updated : p)) };
  }

  private emit<T extends FundedAccountEvent['type']>(type: T, at: Date, payload: EventPayload<FundedAccountEvent, T>): void {
    this.recordEvent(type, this.state.id, at, payload);
  }
}

function cloneState(state: CoreState): CoreState {
  return {
    ...state,
    openPositionIds: [...state.openPositionIds],
    breach: state.breach ? { ...state.breach } : null,
    breachOverrides: state.breachOverrides.map((o) => ({ ...o })),
    payouts: state.payouts.map((p) => ({ ...p })),
    monthlyProfits: state.monthlyProfits.map((m) => ({ ...m })),
    scalings: state.scalings.map((s) => ({ ...s })),
  };
}
