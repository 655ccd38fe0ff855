import { compareLocal, type LocalDate } from '../calendar/local-date.js';
import type { RuleSnapshot } from '../catalog/rule-snapshot.js';
import { Decimal, ZERO, maxDecimal } from '../money/decimal.js';
import type { RestrictionViolationData, RestrictionViolationInputs } from '../restrictions/restriction-violation.js';
import type { TradingAccountDeal } from './trading-account-deal.js';

/** An open position as the restrictions need it: its symbol, class and lots, and since when. */
export interface OpenPositionData {
  readonly positionId: string;
  readonly symbol: string | null;
  readonly assetClass: string | null;
  /** Null when the deals did not say. */
  readonly lots: string | null;
  readonly openedAt: string;
}

/** A violation kept on the account: what was found, where and from what, and an admin's clearing. */
export interface TradingAccountViolationData {
  readonly violation: RestrictionViolationData;
  readonly tradingDay: string;
  readonly inputs: RestrictionViolationInputs;
  readonly inputHash: string;
  /** Set when an admin cleared it; the violation itself stays as found. */
  readonly cleared: { readonly adminId: string; readonly reason: string; readonly at: string } | null;
}

/** A closing deal's net result left out of targets and payouts by an `exclude_profit` violation. */
export interface ExcludedProfitData {
  readonly violationId: string;
  readonly positionId: string;
  readonly dealId: string;
  readonly amount: string;
  readonly at: string;
}

/**
 * What the restrictions remember between deals (rule book §14), plain JSON:
 * the open positions with class and lots, the opening deals counted in the
 * current trading day, each day's net profit (consistency), the violations
 * and the excluded amounts. Every part is absent until used, so an account
 * without restrictions stores exactly what it did before.
 */
export interface RestrictionBookData {
  readonly positions?: readonly OpenPositionData[];
  readonly tradesToday?: { readonly tradingDay: string; readonly count: number };
  readonly dailyNetProfit?: Readonly<Record<string, string>>;
  readonly violations?: readonly TradingAccountViolationData[];
  readonly excludedProfit?: readonly ExcludedProfitData[];
}

/** The restriction book, immutable: each change returns the next one. */
export class RestrictionBook {
  private constructor(private readonly data: RestrictionBookData) {}

  static restore(data: RestrictionBookData | undefined): RestrictionBook {
    return new RestrictionBook(data ?? {});
  }

  get positions(): readonly OpenPositionData[] {
    return this.data.positions ?? [];
  }
  get violations(): readonly TradingAccountViolationData[] {
    return this.data.violations ?? [];
  }
  get excludedProfit(): readonly ExcludedProfitData[] {
    return this.data.excludedProfit ?? [];
  }
  get dailyNetProfit(): Readonly<Record<string, string>> {
    return this.data.dailyNetProfit ?? {};
  }

  /** Opening deals counted in `day` so far (0 for a day not counted yet). */
  tradesIn(day: LocalDate): number {
    const counted = this.data.tradesToday;
    return counted && counted.tradingDay === day ? counted.count : 0;
  }

  /** True when `day` is earlier than the day being counted: a deal delivered late is not counted again. */
  isPastCountedDay(day: LocalDate): boolean {
    const counted = this.data.tradesToday;
    return counted !== undefined && compareLocal(day, counted.tradingDay) < 0;
  }

  /** Open lots of one asset class (positions whose lots are unknown count nothing). */
  openLotsOf(assetClass: string): Decimal {
    return this.positions
      .filter((position) => position.assetClass === assetClass && position.lots !== null)
      .reduce((sum, position) => sum.plus(new Decimal(position.lots!)), ZERO);
  }

  position(positionId: string): OpenPositionData | undefined {
    return this.positions.find((position) => position.positionId === positionId);
  }

  violation(id: string): TradingAccountViolationData | undefined {
    return this.violations.find((record) => record.violation.id === id);
  }

  /** The uncleared `exclude_profit` violation naming a position, if any. */
  excludingViolation(positionId: string): TradingAccountViolationData | undefined {
    return this.violations.find(
      (record) => record.cleared === null && record.violation.action === 'exclude_profit' && record.violation.positionIds.includes(positionId),
    );
  }

  /** The deal taken into the book: positions, today's opening deals, the day's net profit. */
  afterDeal(deal: TradingAccountDeal, day: LocalDate, rules: RuleSnapshot): RestrictionBook {
    const restrictions = rules.restrictions;
    const next: { -readonly [K in keyof RestrictionBookData]: RestrictionBookData[K] } = { ...this.data };
    const keepsPositions =
      restrictions.maxOpenLotsPerAssetClass !== null || restrictions.weekendHoldingBan || restrictions.newsWindowMinutes !== null;
    if (keepsPositions) next.positions = this.positionsAfter(deal);
    if (restrictions.maxTradesPerDay !== null && deal.action === 'open' && !this.isPastCountedDay(day)) {
      next.tradesToday = { tradingDay: day, count: this.tradesIn(day) + 1 };
    }
    if (restrictions.consistencyPercent !== null && deal.action !== 'open' && deal.netProfit) {
      const before = new Decimal(this.dailyNetProfit[day] ?? '0');
      next.dailyNetProfit = { ...this.dailyNetProfit, [day]: before.plus(deal.netProfit).toFixed() };
    }
    return new RestrictionBook(next);
  }

  withViolation(record: TradingAccountViolationData): RestrictionBook {
    return new RestrictionBook({ ...this.data, violations: [...this.violations, record] });
  }

  withExcluded(entry: ExcludedProfitData): RestrictionBook {
    return new RestrictionBook({ ...this.data, excludedProfit: [...this.excludedProfit, entry] });
  }

  withCleared(id: string, cleared: NonNullable<TradingAccountViolationData['cleared']>): RestrictionBook {
    const violations = this.violations.map((record) => (record.violation.id === id ? { ...record, cleared } : record));
    return new RestrictionBook({ ...this.data, violations });
  }

  /** The part of the account's net result left out: entries whose violation was not cleared. */
  excludedTotal(): Decimal {
    const cleared = new Set(this.violations.filter((record) => record.cleared !== null).map((record) => record.violation.id));
    return this.excludedProfit.filter((entry) => !cleared.has(entry.violationId)).reduce((sum, entry) => sum.plus(new Decimal(entry.amount)), ZERO);
  }

  /** Positions closed at a breach: the book empties with the platform's. */
  withoutPositions(): RestrictionBook {
    return this.data.positions ? new RestrictionBook({ ...this.data, positions: [] }) : this;
  }

  /** Plain JSON, or undefined when nothing was ever kept. */
  toData(): RestrictionBookData | undefined {
    const entries = Object.entries(this.data).filter(([, value]) => value !== undefined);
    if (entries.length === 0) return undefined;
    return structuredCloneData(this.data);
  }

  private positionsAfter(deal: TradingAccountDeal): OpenPositionData[] {
    const positions = [...this.positions];
    const index = positions.findIndex((position) => position.positionId === deal.positionId);
    const existing = index >= 0 ? positions[index] : undefined;
    if (deal.action === 'close') return positions.filter((position) => position.positionId !== deal.positionId);
    if (deal.action === 'open') {
      if (existing) {
        const lots = existing.lots !== null && deal.volume ? new Decimal(existing.lots).plus(deal.volume).toFixed() : existing.lots;
        positions[index] = { ...existing, lots };
        return positions;
      }
      return [
        ...positions,
        {
          positionId: deal.positionId,
          symbol: deal.symbol ?? null,
          assetClass: deal.assetClass ?? null,
          lots: deal.volume ? deal.volume.toFixed() : null,
          openedAt: deal.at.toISOString(),
        },
      ];
    }
    // A partial close leaves the position open with fewer lots.
    if (existing && existing.lots !== null && deal.volume) {
      positions[index] = { ...existing, lots: maxDecimal(new Decimal(existing.lots).minus(deal.volume), ZERO).toFixed() };
    }
    return positions;
  }
}

/** A deep copy through JSON: the data holds only strings, numbers and plain objects. */
function structuredCloneData(data: RestrictionBookData): RestrictionBookData {
  return JSON.parse(JSON.stringify(data)) as RestrictionBookData;
}
