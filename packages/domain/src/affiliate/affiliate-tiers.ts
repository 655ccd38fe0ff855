import { Money } from '../money/money.js';
import { Percent } from '../money/percent.js';

export type AffiliateTierId = 'star' | 'galactic' | 'cosmic' | 'infinity' | (string & {});

export interface AffiliateTier {
  readonly id: AffiliateTierId;
  readonly name: string;
  readonly commission: Percent;
  /** Commission the affiliate must earn in one calendar month to hold the tier. */
  readonly monthlyRequirement: Money;
}

/** Seeded tiers of section 11. */
export const DEFAULT_AFFILIATE_TIERS: readonly AffiliateTier[] = [
  { id: 'star', name: 'Star', commission: Percent.of(8), monthlyRequirement: Money.of(0) },
  { id: 'galactic', name: 'Galactic', commission: Percent.of(12), monthlyRequirement: Money.of(1000) },
  { id: 'cosmic', name: 'Cosmic', commission: Percent.of(15), monthlyRequirement: Money.of(2500) },
  { id: 'infinity', name: 'Infinity', commission: Percent.of(18), monthlyRequirement: Money.of(6000) },
];

/**
 * The tier ladder as data, ordered by requirement. The lowest tier (zero
 * requirement) is the floor nobody drops below.
 */
export class AffiliateTierTable {
  readonly tiers: readonly AffiliateTier[];

  private constructor(tiers: readonly AffiliateTier[]) {
    this.tiers = tiers;
  }

  static of(tiers: readonly AffiliateTier[]): AffiliateTierTable {
    const sorted = [...tiers].sort((a, b) => a.monthlyRequirement.compare(b.monthlyRequirement));
    const floor = sorted[0];
    if (!floor || !floor.monthlyRequirement.isZero()) throw new RangeError('The lowest affiliate tier must require 0');
    if (new Set(sorted.map((t) => t.id)).size !== sorted.length) throw new RangeError('Affiliate tier ids must be unique');
    return new AffiliateTierTable(sorted);
  }

  static default(): AffiliateTierTable {
    return AffiliateTierTable.of(DEFAULT_AFFILIATE_TIERS);
  }

  get floor(): AffiliateTier {
    return this.tiers[0]!;
  }

  get(id: AffiliateTierId): AffiliateTier {
    const tier = this.tiers.find((t) => t.id === id);
    if (!tier) throw new RangeError(`Unknown affiliate tier ${id}`);
    return tier;
  }

  rankOf(id: AffiliateTierId): number {
    return this.tiers.findIndex((t) => t.id === id);
  }

  /** The highest tier whose requirement `earnings` meets (never below the floor). */
  highestMetBy(earnings: Money): AffiliateTier {
    let met = this.floor;
    for (const tier of this.tiers) if (earnings.amount.greaterThanOrEqualTo(tier.monthlyRequirement.amount)) met = tier;
    return met;
  }

  next(id: AffiliateTierId): AffiliateTier | null {
    return this.tiers[this.rankOf(id) + 1] ?? null;
  }
}
