import {
  err,
  ok,
  traderShareOf,
  type DomainError,
  type FundedAccount,
  type FundedAccountStatus,
  type Money,
  type PayoutIneligibility,
  type PayoutView,
  type Percent,
  type Result,
  type TradingCalendar,
} from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { fundingErrors } from '../funding-errors.js';

export interface FundedAccountOverview {
  readonly fundedAccountId: string;
  readonly challengeId: string;
  readonly modelId: string;
  readonly tradingAccountId: string;
  readonly status: FundedAccountStatus;
  readonly currency: string;
  readonly openedAt: Date;
  /** The current allocation: profit is measured from it. */
  readonly allocation: Money;
  readonly balance: Money;
  /** balance − allocation (may be zero or negative). */
  readonly profit: Money;
  readonly split: Percent;
  readonly openPositions: number;
  readonly eligibility: {
    readonly eligible: boolean;
    readonly reasons: readonly PayoutIneligibility[];
    /** Start of the firm trading day from which the payout-day rule is met. */
    readonly eligibleFrom: Date;
    readonly tradingDaysElapsed: number;
    readonly requiredTradingDays: number;
    /** What the trader would receive for the current profit (0 without profit). */
    readonly traderShare: Money;
  };
  readonly payouts: readonly PayoutView[];
  readonly scalings: FundedAccountState['scalings'];
  /** Next firm trading-day reset (UTC), so day-based figures never need a time-zone guess. */
  readonly nextReset: Date;
}

type FundedAccountState = ReturnType<FundedAccount['toState']>;

/** A trader's view of one of their funded accounts; another trader's is `FUNDED.NOT_FOUND`. */
export class FundedAccountOverviewQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
  ) {}

  async execute(input: { userId: string; fundedAccountId: string }): Promise<Result<FundedAccountOverview, DomainError>> {
    const account = await this.uow.run((tx) => tx.fundedAccounts.findById(input.fundedAccountId));
    if (!account || account.traderId !== input.userId) return err(fundingErrors.fundedAccountNotFound(input.fundedAccountId));
    return ok(fundedAccountOverview(account, this.clock.now(), this.calendar));
  }
}

export function fundedAccountOverview(account: FundedAccount, now: Date, calendar: TradingCalendar): FundedAccountOverview {
  const state = account.toState();
  const eligibility = account.payoutEligibility(now, calendar);
  const profit = eligibility.profit;
  return {
    fundedAccountId: account.id,
    challengeId: state.challengeId,
    modelId: state.modelId,
    tradingAccountId: state.tradingAccountId,
    status: account.status,
    currency: account.currency,
    openedAt: account.openedAt,
    allocation: account.initialBalance,
    balance: account.balance,
    profit,
    split: account.split,
    openPositions: account.openPositionCount,
    eligibility: {
      eligible: eligibility.eligible,
      reasons: eligibility.reasons,
      eligibleFrom: eligibility.eligibleFrom,
      tradingDaysElapsed: eligibility.tradingDaysElapsed,
      requiredTradingDays: eligibility.requiredTradingDays,
      traderShare: profit.isPositive() ? traderShareOf(profit, account.split) : profit.times(0),
    },
    payouts: account.payouts(),
    scalings: state.scalings,
    nextReset: calendar.nextReset(now),
  };
}
