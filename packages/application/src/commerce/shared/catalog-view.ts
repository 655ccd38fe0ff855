import type { ChallengeModel } from '@tradesense/domain';

export interface CatalogSizeView {
  /** Initial balance, cent string. */
  readonly balance: string;
  readonly price: string;
  /** What restarting a failed or expired challenge of this size costs: price × (1 − reset discount). */
  readonly resetPrice: string;
  readonly enabled: boolean;
}

export interface CatalogPhaseView {
  readonly phase: number;
  readonly profitTargetPercent: string;
  readonly minTradingDays: number;
}

/** The rule summary a buyer compares models by. */
export interface CatalogRulesView {
  readonly phases: readonly CatalogPhaseView[];
  readonly dailyLossPercent: string;
  readonly maxLossPercent: string;
  /** "1:100". */
  readonly leverage: string;
  readonly firstPayoutDays: number;
  readonly payoutCycleDays: number;
  readonly profitSplitPercent: string;
  readonly resetDiscountPercent: string;
  readonly dailyLossBasis: string;
  readonly dailyLossReference: string;
  readonly maxLossMode: string;
  readonly earlyWarningPercent: string;
  readonly inactivityDays: number;
}

export interface CatalogModelView {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly currency: string;
  readonly rules: CatalogRulesView;
  readonly sizes: readonly CatalogSizeView[];
  /** Swap-free is a purchase option of every model (section 13). */
  readonly swapFreeAvailable: boolean;
}

export function catalogModelView(model: ChallengeModel, options: { includeDisabled: boolean }): CatalogModelView {
  const p = model.parameters;
  const discount = p.resetDiscountPercent.complementFraction();
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    currency: model.currency,
    rules: {
      phases: p.phases.map((phase, index) => ({
        phase: index + 1,
        profitTargetPercent: phase.profitTargetPercent.toString(),
        minTradingDays: phase.minTradingDays,
      })),
      dailyLossPercent: p.dailyLossPercent.toString(),
      maxLossPercent: p.maxLossPercent.toString(),
      leverage: `1:${p.leverage}`,
      firstPayoutDays: p.firstPayoutDays,
      payoutCycleDays: p.payoutCycleDays,
      profitSplitPercent: p.profitSplitPercent.toString(),
      resetDiscountPercent: p.resetDiscountPercent.toString(),
      dailyLossBasis: p.rules.dailyLossBasis,
      dailyLossReference: p.rules.dailyLossReference,
      maxLossMode: p.rules.maxLossMode,
      earlyWarningPercent: p.rules.earlyWarningPercent.toString(),
      inactivityDays: p.rules.inactivityDays,
    },
    sizes: (options.includeDisabled ? model.sizes : model.availableSizes).map((size) => ({
      balance: size.balance.toFixed(),
      price: size.price.toFixed(),
      resetPrice: size.price.times(discount).booked().toFixed(),
      enabled: size.enabled,
    })),
    swapFreeAvailable: true,
  };
}
