import { err, ok, type AffiliateTier, type DomainError, type Result, type TradingCalendar } from '@tradesense/domain';
import type { Clock } from '../../ports/clock.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { communityErrors } from '../community-errors.js';

export interface AffiliateTierView {
  readonly id: string;
  readonly name: string;
  /** Percentage points. */
  readonly commission: string;
  readonly monthlyRequirement: string;
}

export interface AffiliateDashboardView {
  readonly code: string;
  /** Link to share: the public site with the code. */
  readonly referralLink: string;
  readonly currency: string;
  readonly clicks: number;
  readonly signups: number;
  readonly conversions: number;
  /** Percent, 2 decimals. */
  readonly conversionRate: string;
  readonly earnings: string;
  readonly thisMonth: string;
  readonly tier: AffiliateTierView;
  readonly nextTier: AffiliateTierView | null;
  /** Percent toward the next tier, 2 decimals (100 at the top). */
  readonly progress: string;
  readonly remainingToNextTier: string | null;
}

const tierView = (tier: AffiliateTier): AffiliateTierView => ({
  id: tier.id,
  name: tier.name,
  commission: tier.commission.points.toFixed(),
  monthlyRequirement: tier.monthlyRequirement.toFixed(),
});

/** Query: the affiliate's own figures (clicks to conversions, earnings, tier progress). */
export class AffiliateDashboardQuery {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly calendar: TradingCalendar,
    private readonly referralLink: (code: string) => string,
  ) {}

  async execute(input: { userId: string }): Promise<Result<AffiliateDashboardView, DomainError>> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const affiliate = await tx.affiliates.findByUserId(input.userId);
      if (!affiliate) return err(communityErrors.affiliateNotFound({ userId: input.userId }));
      const d = affiliate.dashboard(now, this.calendar, await tx.affiliateTiers.table());
      return ok({
        code: d.code,
        referralLink: this.referralLink(d.code),
        currency: d.earnings.currency,
        clicks: d.clicks,
        signups: d.signups,
        conversions: d.conversions,
        conversionRate: d.conversionRate.points.toFixed(2),
        earnings: d.earnings.toFixed(),
        thisMonth: d.thisMonth.toFixed(),
        tier: tierView(d.tier),
        nextTier: d.nextTier ? tierView(d.nextTier) : null,
        progress: d.progress.points.toFixed(2),
        remainingToNextTier: d.remainingToNextTier?.toFixed() ?? null,
      });
    });
  }
}
